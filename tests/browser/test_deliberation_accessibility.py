"""axe-core finds no violation on topic, session, moderation and participation pages, en and fr."""

from collections.abc import Callable
from datetime import timedelta

import pytest
from playwright.sync_api import Page

from convention.extensions import db
from convention.models import Flag
from convention.rules.comments import FlagReason
from convention.rules.policy import Role
from tests.browser.conftest import LiveServer
from tests.browser.test_accessibility import LOCALES, assert_accessible
from tests.factories import (
    PASSWORD,
    make_comment,
    make_convention,
    make_member,
    make_question,
    make_session,
    make_topic,
    make_user,
)

pytestmark = pytest.mark.browser


@pytest.fixture(params=sorted(LOCALES))
def lang(request: pytest.FixtureRequest) -> str:
    """The language the browser asks for."""
    return request.param


@pytest.fixture
def deliberation(live_server: LiveServer):
    """A convention with a discussed topic, a flagged and a hidden comment, and a session."""
    convention = make_convention(slug="ai")
    facilitator = make_member(
        convention, role=Role.FACILITATOR, user=make_user(email="fac@example.org")
    )
    citizen = make_member(convention, pseudonym="Ana")
    topic = make_topic(convention, title="Cameras", body="## Context\nSome *text*.")
    root = make_comment(topic, citizen, body="An argument", stance="for")
    reply = make_comment(topic, facilitator, parent=root, body="A reply", stance="question")
    make_comment(topic, citizen, parent=reply, body="A deeper reply")
    flagged = make_comment(topic, citizen, body="Something rude", stance="against")
    db.session.add(
        Flag(
            convention_id=convention.id,
            comment_id=flagged.id,
            flagged_by_id=facilitator.id,
            reason=FlagReason.RESPECT,
        )
    )
    hidden = make_comment(topic, citizen, body="Hidden text")
    hidden.hidden_at, hidden.hidden_reason = hidden.created_at, "Off topic."
    db.session.commit()
    make_question(topic, citizen, question="How much?")
    session = make_session(convention, starts_in=timedelta(days=-1))
    return {"topic": topic.id, "session": session.id, "comment": root.id}


@pytest.mark.parametrize(
    "path",
    [
        "/c/ai/topics",
        "/c/ai/topics/{topic}",
        "/c/ai/comments/{comment}/reply",
        "/c/ai/comments/{comment}/flag",
        "/c/ai/sessions",
        "/c/ai/sessions/{session}",
        "/c/ai/sessions/{session}/attendance",
        "/c/ai/moderation",
        "/c/ai/participation",
        "/account/notifications",
    ],
)
def test_deliberation_pages(
    live_server: LiveServer,
    new_page: Callable[..., Page],
    sign_in,
    deliberation: dict,
    lang: str,
    path: str,
) -> None:
    page = new_page(locale=LOCALES[lang])
    sign_in(page, "fac@example.org", PASSWORD)
    url = live_server(path.format(**deliberation))
    page.goto(url)
    assert page.url == url
    assert_accessible(page, lang)


def test_a_topic_with_form_errors(
    live_server: LiveServer, new_page: Callable[..., Page], sign_in, deliberation: dict
) -> None:
    page = new_page(locale="en-GB")
    sign_in(page, "fac@example.org", PASSWORD)
    page.goto(live_server(f"/c/ai/topics/{deliberation['topic']}"))
    page.get_by_role("button", name="Publish", exact=True).click()
    page.wait_for_selector(".error-summary")
    assert_accessible(page, "en")
