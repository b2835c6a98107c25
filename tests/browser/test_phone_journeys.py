"""Guided journeys on a 390x844 phone: from the to-do or a notification to the act, in few taps.

The citizen's journey runs three ways: by touch, without JavaScript, and by keyboard only.
"""

import re
from collections.abc import Callable
from datetime import timedelta

import pytest
from flask import g
from playwright.sync_api import Page, expect

from convention.clock import utcnow
from convention.comments import services as comments
from convention.extensions import db
from convention.models import Flag
from convention.rules.comments import FlagReason, Stance
from convention.rules.phases import Phase
from convention.rules.policy import Role
from convention.voting import services as voting
from tests.browser.conftest import LiveServer
from tests.factories import (
    PASSWORD,
    make_ballot,
    make_comment,
    make_convention,
    make_member,
    make_recommendation,
    make_topic,
    make_user,
)

pytestmark = pytest.mark.browser

PHONE_390 = {"viewport": {"width": 390, "height": 844}, "locale": "en-GB"}


@pytest.fixture
def room(live_server: LiveServer):
    """A convention voting on a question; Ana's contribution waits for a reply."""
    convention = make_convention(slug="ai", phase=Phase.VOTING)
    people = {
        name: make_member(
            convention, role=role, user=make_user(email=f"{name}@example.org"), pseudonym=name
        )
        for name, role in (
            ("fac", Role.FACILITATOR),
            ("ana", Role.CITIZEN),
            ("bo", Role.CITIZEN),
            ("elu", Role.COUNCIL),
        )
    }
    topic = make_topic(convention, title="Cameras")
    contribution = make_comment(topic, people["ana"], body="Keep a human at the counter.")
    ballot = make_ballot(
        convention, people["fac"], questions=("Add a session in June?",), closes_at=None
    )
    ballot.title = "June session"
    with live_server.app.test_request_context():
        voting.open_ballot(ballot, people["fac"])
    db.session.commit()
    return convention, people, topic, contribution, ballot


def _reply(live_server: LiveServer, people, contribution) -> None:
    """Bo answers Ana's contribution, as the reply form would."""
    with live_server.app.test_request_context():
        g.convention = people["bo"].convention  # as the page's URL would load it
        comments.reply(contribution, people["bo"], Stance.FOR, "Agreed, and open late.")
    db.session.commit()


def _vote_by_touch(page: Page) -> None:
    """Pick an answer, review, confirm: the two taps after the to-do's link."""
    page.get_by_role("group", name="Add a session in June?").get_by_label("For").check()
    page.get_by_role("button", name="Review my vote").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm your vote")
    page.get_by_role("button", name="Confirm my vote").click()


def _expect_receipt(page: Page) -> None:
    """The receipt shows: the vote is in."""
    expect(page.locator("#receipt-code")).to_have_text(
        re.compile(r"^[0-9A-F]{6}(-[0-9A-F]{6}){3}$")
    )


def _read_the_reply(page: Page, live_server: LiveServer, topic) -> None:
    """From the dashboard's unread item to the notification, then to the reply on its page."""
    page.goto(live_server("/"))
    page.get_by_role("link", name=re.compile("1 new reply to your contributions")).click()
    page.get_by_role("button", name=re.compile("bo answered your contribution")).click()
    assert f"/c/ai/topics/{topic.id}" in page.url
    expect(page.get_by_text("Agreed, and open late.")).to_be_visible()


def test_a_citizen_votes_from_the_dashboard_then_reads_a_reply(
    live_server: LiveServer, new_page: Callable[..., Page], sign_in, room
) -> None:
    _convention, people, topic, contribution, _ballot = room
    page = new_page(**PHONE_390)
    sign_in(page, "ana@example.org", PASSWORD)
    page.goto(live_server("/"))
    page.get_by_role("link", name=re.compile("Vote in “June session”")).click()
    _vote_by_touch(page)
    _expect_receipt(page)
    page.goto(live_server("/"))
    expect(page.get_by_role("link", name=re.compile("Vote in"))).to_have_count(0)
    _reply(live_server, people, contribution)
    _read_the_reply(page, live_server, topic)
    page.goto(live_server("/account/notifications"))
    expect(page.locator(".card.unread", has_text="bo answered")).to_have_count(0)


def test_the_same_journey_works_without_javascript(
    live_server: LiveServer, new_page: Callable[..., Page], sign_in, room
) -> None:
    _convention, people, topic, contribution, _ballot = room
    page = new_page(**PHONE_390, java_script_enabled=False)
    sign_in(page, "ana@example.org", PASSWORD)
    page.goto(live_server("/"))
    page.get_by_role("link", name=re.compile("Vote in “June session”")).click()
    _vote_by_touch(page)
    _expect_receipt(page)
    _reply(live_server, people, contribution)
    _read_the_reply(page, live_server, topic)


def _tab_to(page: Page, selector: str, limit: int = 80) -> None:
    """Press Tab until the element matching `selector` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            return
    pytest.fail(f"{selector} never took the focus by keyboard")


def test_the_same_journey_works_by_keyboard_only(
    live_server: LiveServer, new_page: Callable[..., Page], sign_in, room
) -> None:
    _convention, _people, _topic, _contribution, ballot = room
    page = new_page(**PHONE_390)
    sign_in(page, "ana@example.org", PASSWORD)
    page.goto(live_server("/"))
    _tab_to(page, f'a[href="/c/ai/ballots/{ballot.id}"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    _tab_to(page, "main input[type=radio]")
    page.keyboard.press("Space")  # the first answer, "For"
    _tab_to(page, "main button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm your vote")
    _tab_to(page, 'main button[type=submit]:not([name="change"])')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    _expect_receipt(page)


def test_a_facilitator_goes_from_a_flag_notification_to_the_decision(
    live_server: LiveServer, new_page: Callable[..., Page], sign_in, room
) -> None:
    _convention, people, _topic, contribution, _ballot = room
    with live_server.app.test_request_context():
        g.convention = people["bo"].convention
        comments.flag_comment(contribution, people["bo"], FlagReason.RESPECT, "Rude")
    db.session.commit()
    page = new_page(**PHONE_390)
    sign_in(page, "fac@example.org", PASSWORD)
    page.goto(live_server("/account/notifications"))
    page.get_by_role("button", name=re.compile("was reported: moderation awaits")).click()
    assert page.url.endswith("/c/ai/moderation")
    page.get_by_role("button", name=re.compile("Keep it and dismiss the flags")).click()
    expect(page.get_by_text("No contribution awaits a decision.")).to_be_visible()
    db.session.expire_all()
    assert db.session.query(Flag).one().resolved_at is not None


def test_a_council_member_goes_from_answer_due_to_the_recorded_answer(
    live_server: LiveServer, new_page: Callable[..., Page], sign_in, room
) -> None:
    convention, people, topic, _contribution, _ballot = room
    convention.phase = Phase.COUNCIL_RESPONSE
    make_recommendation(topic, people["ana"], state="adopted", title="Open the data")
    page = new_page(**PHONE_390)
    sign_in(page, "elu@example.org", PASSWORD)
    page.goto(live_server("/"))
    page.get_by_role("link", name=re.compile("awaits the council's answer")).click()
    page.get_by_label("Date of the council's debate").fill(
        (utcnow() - timedelta(days=1)).date().isoformat()
    )
    page.get_by_label("Decision").select_option("adopted")
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_text("Open the data")).to_be_visible()
    page.goto(live_server("/"))
    expect(page.get_by_role("link", name=re.compile("awaits the council's answer"))).to_have_count(
        0
    )
