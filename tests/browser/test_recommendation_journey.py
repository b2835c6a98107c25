"""A group drafts and submits a recommendation, another member amends it, the author accepts."""

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from convention.rules.phases import Phase
from convention.rules.policy import Role
from tests.browser.conftest import LiveServer
from tests.browser.test_accessibility import LOCALES, assert_accessible
from tests.browser.test_join_journey import assert_no_horizontal_scroll
from tests.factories import (
    PASSWORD,
    make_convention,
    make_group,
    make_member,
    make_topic,
    make_user,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def convention(live_server: LiveServer):
    """A convention in its amendment phase, with a working group of one citizen."""
    convention = make_convention(slug="ai", phase=Phase.AMENDMENTS)
    topic = make_topic(convention, title="Public services")
    ana = make_member(convention, user=make_user(email="ana@example.org"), pseudonym="Ana")
    make_member(convention, user=make_user(email="bo@example.org"), pseudonym="Bo")
    make_member(
        convention, role=Role.FACILITATOR, user=make_user(email="fac@example.org"), pseudonym="Fac"
    )
    make_group(convention, name="Atelier A", members=[ana], topics=[topic])
    return convention


def test_draft_submit_amend_accept_and_see_the_diff(
    live_server: LiveServer, new_page: Callable[..., Page], sign_in, convention
) -> None:
    ana = new_page(locale="en-GB")
    sign_in(ana, "ana@example.org", PASSWORD)
    ana.goto(live_server("/c/ai/"))
    menu = ana.get_by_role("navigation", name="Convention")
    menu.get_by_text("Menu of the convention").click()
    menu.get_by_role("link", name="Recommendations").click()
    ana.get_by_role("link", name="Write a recommendation").click()
    ana.get_by_label("Title").fill("Keep a human at every counter")
    ana.get_by_label("Recommendation", exact=True).fill(
        "The city offers an online assistant.\n\nEvery procedure stays possible at a counter."
    )
    ana.get_by_role("button", name="Save").click()
    expect(ana.get_by_role("heading", level=1)).to_contain_text("R-1")
    expect(ana.get_by_text("Draft: only its authors")).to_be_visible()
    ana.get_by_role("button", name="Submit to the panel").click()
    expect(ana.get_by_role("status")).to_contain_text("R-1 is now: Submitted.")
    assert_no_horizontal_scroll(ana)

    bo = new_page(locale="en-GB")
    sign_in(bo, "bo@example.org", PASSWORD)
    bo.goto(live_server("/c/ai/recommendations"))
    bo.get_by_role("link", name="R-1 · Keep a human at every counter").click()
    bo.get_by_role("link", name="Propose an amendment").click()
    bo.get_by_label("What you amend").select_option(
        label="Paragraph 2: Every procedure stays possible at a counter.…"
    )
    bo.get_by_label("Your wording").fill(
        "Every procedure stays possible at a counter and by phone."
    )
    bo.get_by_label("Justification").fill("Not everyone can travel.")
    bo.get_by_role("button", name="Publish the amendment").click()
    expect(bo.locator(".diff ins")).to_contain_text("and by phone")
    assert_accessible(bo, "en")

    ana.goto(live_server("/c/ai/recommendations/1"))
    ana.get_by_role("link", name="Amendment 1 by Bo").click()
    ana.get_by_role("button", name="Accept: make it a new version").click()
    expect(ana.get_by_role("status")).to_contain_text("The amendment is accepted")
    expect(ana.locator("main .prose").first).to_contain_text("and by phone")
    ana.get_by_role("link", name="2 versions").click()
    expect(ana.locator(".diff ins").first).to_contain_text("and by phone")
    expect(ana.locator(".diff ins .visually-hidden").first).to_have_text("[inserted:")
    expect(ana.get_by_role("link", name="from amendment 1")).to_be_visible()
    assert_accessible(ana, "en")


@pytest.mark.parametrize("lang", sorted(LOCALES))
def test_recommendation_pages_are_accessible(
    live_server: LiveServer, new_page: Callable[..., Page], sign_in, convention, lang: str
) -> None:
    from convention.extensions import db
    from convention.models import Topic, WorkingGroup
    from tests.factories import make_amendment, make_recommendation

    topic = db.session.scalars(db.select(Topic)).first()
    group = db.session.scalars(db.select(WorkingGroup)).first()
    recommendation = make_recommendation(topic, group.members[0], group=group, state="submitted")
    make_amendment(recommendation, group.members[0], paragraph=1)
    page = new_page(locale=LOCALES[lang])
    sign_in(page, "fac@example.org", PASSWORD)
    for path in (
        "/c/ai/recommendations",
        f"/c/ai/recommendations/{recommendation.id}",
        f"/c/ai/recommendations/{recommendation.id}/history",
        "/c/ai/amendments/1",
        "/c/ai/recommendations/board",
        "/c/ai/groups",
        "/c/ai/groups/draw",
        "/c/ai/recommendations/new",
    ):
        page.goto(live_server(path))
        assert_accessible(page, lang)
