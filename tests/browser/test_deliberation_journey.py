"""On a phone, a citizen reads a topic, contributes, answers a reply, and flags a contribution."""

import pytest
import sqlalchemy as sa
from playwright.sync_api import Page, expect

from convention.extensions import db
from convention.models import Comment
from tests.browser.conftest import LiveServer
from tests.browser.test_join_journey import assert_no_horizontal_scroll
from tests.factories import (
    PASSWORD,
    make_comment,
    make_convention,
    make_member,
    make_topic,
    make_user,
)

pytestmark = pytest.mark.browser


def test_a_citizen_discusses_a_topic_on_a_phone(
    live_server: LiveServer, page: Page, new_page, sign_in
) -> None:
    convention = make_convention(slug="climate", title="Convention on climate")
    me = make_member(convention, user=make_user(email="nadia@example.org"), pseudonym="Nadia")
    other = make_member(convention, user=make_user(email="bo@example.org"), pseudonym="Bo")
    topic = make_topic(convention, title="Bike lanes", body="Should the city **double** them?")
    make_comment(topic, other, body="Rude words here", stance="against")
    sign_in(page, "nadia@example.org", PASSWORD)

    # The topic is in the convention's menu, folded on a phone; its text is rendered from Markdown.
    page.goto(live_server("/c/climate/"))
    menu = page.get_by_role("navigation", name="Convention")
    menu.get_by_text("Menu of the convention").click()
    menu.get_by_role("link", name="Topics").click()
    page.get_by_role("link", name="Bike lanes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bike lanes")
    expect(page.locator("main strong", has_text="double")).to_be_visible()
    assert_no_horizontal_scroll(page)

    # An argument for, published and shown with its stance.
    page.get_by_label("Your contribution is").select_option("for")
    page.get_by_label("Your contribution", exact=True).fill("Safer streets for children.")
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("Your contribution is published.")
    mine = page.locator("li.comment", has_text="Safer streets for children.")
    expect(mine).to_be_visible()
    expect(mine.locator(".stance")).to_have_text("For")
    expect(page.get_by_role("link", name="For (1)")).to_be_visible()

    # Bo answers from his own phone; Nadia is told and replies in the thread.
    bo = new_page()
    sign_in(bo, "bo@example.org", PASSWORD)
    bo.goto(live_server(f"/c/climate/comments/{mine_comment(topic, me).id}/reply"))
    bo.get_by_label("Your contribution is").select_option("question")
    bo.get_by_label("Your contribution", exact=True).fill("What about shopkeepers?")
    bo.get_by_role("button", name="Publish the reply").click()
    expect(bo.get_by_role("status")).to_contain_text("Your contribution is published.")
    reply = mine_comment(topic, other)
    page.goto(live_server("/account/notifications"))
    page.get_by_role("button", name="Bo answered your contribution on “Bike lanes”.").click()
    expect(page.locator(f"#c{reply.id}")).to_be_visible()
    page.locator(f"#c{reply.id}").get_by_role("link", name="Reply").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reply to Bo")
    page.get_by_label("Your contribution", exact=True).fill("They gain customers.")
    page.get_by_role("button", name="Publish the reply").click()
    answer = page.locator(f"#c{reply.id} .replies li.comment", has_text="They gain customers.")
    expect(answer).to_be_visible()
    assert_no_horizontal_scroll(page)

    # Back from the thread to every contribution, a rude one is flagged to the facilitators.
    page.get_by_role("link", name="Back to all contributions").click()
    rude = page.locator("li.comment", has_text="Rude words here")
    rude.get_by_role("link", name="Flag").click()
    page.get_by_label("What is wrong?").select_option("respect")
    page.get_by_label("Details for the facilitators").fill("Insulting")
    page.get_by_role("button", name="Send to the facilitators").click()
    expect(page.get_by_role("status")).to_contain_text(
        "the facilitators will look at this contribution"
    )


def mine_comment(topic, member) -> Comment:
    """Return the member's latest comment on the topic."""
    return db.session.scalars(
        sa.select(Comment)
        .where(Comment.topic_id == topic.id, Comment.author_id == member.id)
        .order_by(Comment.id.desc())
    ).first()
