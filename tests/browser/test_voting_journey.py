"""Live in-room voting: the projector and two phones; votes cast, the count updates, the close."""

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from convention.extensions import db
from convention.rules.phases import Phase
from convention.rules.policy import Role
from convention.voting import services
from tests.browser.conftest import LiveServer
from tests.browser.test_accessibility import assert_accessible
from tests.factories import PASSWORD, make_ballot, make_convention, make_member, make_user

pytestmark = pytest.mark.browser


@pytest.fixture
def ballot(live_server: LiveServer):
    """An open secret ballot with one question, a facilitator and two citizens."""
    convention = make_convention(slug="ai", phase=Phase.VOTING)
    fac = make_member(
        convention, role=Role.FACILITATOR, user=make_user(email="fac@example.org"), pseudonym="Fac"
    )
    for name in ("ana", "bo"):
        make_member(convention, user=make_user(email=f"{name}@example.org"), pseudonym=name)
    ballot = make_ballot(convention, fac, questions=("Add a session in June?",))
    with live_server.app.test_request_context():
        services.open_ballot(ballot, fac)
    db.session.commit()
    return ballot


def _vote(phone: Page, live_server: LiveServer, ballot, choice: str) -> None:
    """Vote from a phone: choose, review, confirm, and see the receipt."""
    phone.goto(live_server(f"/c/ai/ballots/{ballot.id}"))
    phone.get_by_role("group", name="Add a session in June?").get_by_label(choice).check()
    phone.get_by_role("button", name="Review my vote").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Confirm your vote")
    phone.get_by_role("button", name="Confirm my vote").click()
    expect(phone.locator("#receipt-code")).to_have_text(
        re.compile(r"^[0-9A-F]{6}(-[0-9A-F]{6}){3}$")
    )


def test_projector_and_phones_vote_live_then_the_result_shows(
    live_server: LiveServer, new_page: Callable[..., Page], sign_in, ballot
) -> None:
    projector = new_page(locale="en-GB", viewport={"width": 1280, "height": 800}, is_mobile=False)
    sign_in(projector, "fac@example.org", PASSWORD)
    projector.goto(live_server(f"/c/ai/ballots/{ballot.id}/projector"))
    expect(projector.locator("#live-count")).to_have_text("0 of 2 members have voted.")
    assert_accessible(projector, "en")

    ana, bo = new_page(locale="en-GB"), new_page(locale="fr-FR")
    sign_in(ana, "ana@example.org", PASSWORD)
    sign_in(bo, "bo@example.org", PASSWORD)
    _vote(ana, live_server, ballot, "For")
    expect(projector.locator("#live-count")).to_have_text("1 of 2 members have voted.")
    bo.goto(live_server(f"/c/ai/ballots/{ballot.id}"))
    assert_accessible(bo, "fr")
    bo.get_by_role("group", name="Add a session in June?").get_by_label("Contre").check()
    bo.get_by_role("button", name="Relire mon vote").click()
    assert_accessible(bo, "fr")
    bo.get_by_role("button", name="Confirmer mon vote").click()
    expect(bo.locator("#receipt-code")).to_be_visible()
    expect(projector.locator("#live-count")).to_have_text("2 of 2 members have voted.")
    expect(projector.locator(".result-chart")).to_have_count(0)

    facilitator = new_page(locale="en-GB")
    sign_in(facilitator, "fac@example.org", PASSWORD)
    facilitator.goto(live_server(f"/c/ai/ballots/{ballot.id}"))
    facilitator.get_by_role("button", name="Close the ballot now").click()
    expect(facilitator.get_by_role("heading", name="Are you sure?")).to_be_visible()
    facilitator.get_by_role("button", name="Close the ballot now").click()
    # The projector notices the close on its next poll and shows the result with its chart.
    expect(projector.locator(".result-chart svg")).to_be_visible()
    expect(projector.get_by_role("table").first).to_contain_text("For")
    assert_accessible(projector, "en")
    ana.goto(live_server(f"/c/ai/ballots/{ballot.id}/results"))
    expect(ana.locator(".fingerprints li")).to_have_count(2)
    assert_accessible(ana, "en")
