"""The paper tally on a tablet: find members by name, tick large toggles, see the count."""

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
TABLET = {"viewport": {"width": 800, "height": 1280}, "is_mobile": True, "has_touch": True}
NAMES = ("Anaïs", "Bruno", "Chloé", "Damien", "Élodie", "Fatou", "Gaspard", "Hugo", "Inès")


def test_a_facilitator_ticks_two_members_found_by_the_filter_and_sees_the_count(
    live_server: LiveServer, new_page: Callable[..., Page], sign_in
):
    convention = make_convention(slug="ai", phase=Phase.VOTING)
    fac = make_member(
        convention, role=Role.FACILITATOR, user=make_user(email="fac@example.org"), pseudonym="Fac"
    )
    for name in reversed(NAMES):
        make_member(convention, pseudonym=name)
    ballot = make_ballot(convention, fac, questions=("Add a session in June?",))
    with live_server.app.test_request_context():
        services.open_ballot(ballot, fac)
    db.session.commit()

    tablet = new_page(locale="en-GB", **TABLET)
    sign_in(tablet, "fac@example.org", PASSWORD)
    tablet.goto(live_server(f"/c/ai/ballots/{ballot.id}/paper"))
    count = tablet.locator("#ticked-count")
    expect(count).to_have_text("0 ticked")
    toggles = tablet.locator("label.toggle")
    expect(toggles).to_have_text(list(NAMES))  # in alphabetical order, É with E
    assert all(box["height"] >= 44 for box in (t.bounding_box() for t in toggles.all()))

    search = tablet.get_by_label("Find a member")
    search.fill("elo")  # accents need not be typed
    expect(toggles.filter(visible=True)).to_have_count(1)
    tablet.get_by_label("Élodie").check()
    expect(count).to_have_text("1 ticked")
    search.fill("hu")
    expect(toggles.filter(visible=True)).to_have_count(1)
    tablet.get_by_label("Hugo").tap()
    expect(count).to_have_text("2 ticked")
    search.press("Enter")  # picks nothing, sends nothing
    search.fill("")
    expect(toggles.filter(visible=True)).to_have_count(len(NAMES))
    expect(count).to_have_text("2 ticked")
    assert_accessible(tablet, "en")

    tablet.get_by_label("Add a session in June?: For").fill("2")
    tablet.get_by_role("button", name="Put the paper ballots in the box").click()
    expect(tablet.get_by_role("status")).to_contain_text("2 paper ballots are in the box.")
