"""A facilitator publishes the report, the council answers, the public reads it; axe agrees."""

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from convention.extensions import db
from convention.reports import services
from convention.rules.phases import Phase
from convention.rules.policy import Role
from tests.browser.conftest import LiveServer
from tests.browser.test_accessibility import assert_accessible
from tests.factories import (
    PASSWORD,
    make_convention,
    make_member,
    make_recommendation,
    make_response,
    make_topic,
    make_user,
)

pytestmark = pytest.mark.browser


def test_publish_answer_and_follow_on_the_accountability_page(
    live_server: LiveServer, new_page: Callable[..., Page], sign_in
) -> None:
    convention = make_convention(slug="ai", public=True, phase=Phase.COUNCIL_RESPONSE)
    topic = make_topic(convention, title="Public services")
    writer = make_member(convention)
    make_recommendation(topic, writer, title="Open algorithms", state="adopted")
    make_member(convention, role=Role.FACILITATOR, user=make_user(email="fa@example.org"))
    make_member(convention, role=Role.COUNCIL, user=make_user(email="elu@example.org"))

    # The facilitator previews, writes an introduction and publishes version 1.
    facilitator = new_page(locale="en-GB")
    sign_in(facilitator, "fa@example.org", PASSWORD)
    facilitator.goto(live_server("/c/ai/report/draft"))
    facilitator.get_by_label("Introduction").fill("Dear council, here is our work.")
    facilitator.get_by_role("button", name="Save the draft").click()
    expect(facilitator.get_by_role("status")).to_contain_text("The report's draft is saved.")
    facilitator.get_by_role("button", name="Publish a new version").click()
    expect(facilitator.get_by_role("heading", name="Are you sure?")).to_be_visible()
    facilitator.get_by_role("button", name="Publish version 1").click()
    expect(facilitator.get_by_role("status")).to_contain_text("Version 1 of the report")
    expect(facilitator.locator(".report-stamp code.hash").first).to_have_text(
        re.compile("^[0-9a-f]{64}$")
    )

    # A council member reads it and answers, with reasons for a change.
    council = new_page(locale="en-GB")
    sign_in(council, "elu@example.org", PASSWORD)
    council.goto(live_server("/c/ai/report"))
    expect(council.get_by_role("heading", name="R-1. Open algorithms")).to_be_visible()
    council.goto(live_server("/c/ai/accountability"))
    council.get_by_role("link", name="Answer (R-1)").click()
    council.get_by_label("Date of the council's debate").fill("2024-04-11")
    council.get_by_label("Councillors for").fill("40")
    council.get_by_label("Decision").select_option("adopted_with_changes")
    council.get_by_label("Responsible department").fill("Digital services")
    council.get_by_role("button", name="Publish the answer").click()
    expect(council.locator(".error-summary")).to_be_visible()
    council.get_by_label("Reasons").fill("Adopted for the city's own services first.")
    council.get_by_role("button", name="Publish the answer").click()
    expect(council.get_by_role("status")).to_contain_text("The council's answer is published.")

    # Anyone sees the answer on the public accountability page.
    visitor = new_page(locale="en-GB")
    visitor.goto(live_server("/c/ai/accountability"))
    row = visitor.locator("tr", has_text="Open algorithms")
    expect(row).to_contain_text("Adopted with changes")
    expect(row).to_contain_text("Digital services")
    assert_accessible(visitor, "en")
    visitor.goto(live_server("/c/ai/accountability?decision=rejected"))
    expect(visitor.locator("main")).to_contain_text("No recommendation matches these filters.")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_report_and_public_pages_are_accessible(
    live_server: LiveServer, new_page: Callable[..., Page], lang: str
) -> None:
    convention = make_convention(slug="ai", public=True, phase=Phase.COUNCIL_RESPONSE)
    topic = make_topic(convention, title="Public services")
    adopted = make_recommendation(topic, make_member(convention), state="adopted")
    facilitator = make_member(convention, role=Role.FACILITATOR)
    make_response(adopted, make_member(convention, role=Role.COUNCIL), decision="adopted")
    with live_server.app.test_request_context():
        services.publish(convention, facilitator)
    db.session.commit()
    page = new_page(locale={"en": "en-GB", "fr": "fr-FR"}[lang])
    for path in (
        "/c/ai/report",
        "/c/ai/report/verify",
        "/c/ai/transparency",
        "/c/ai/accountability",
    ):
        page.goto(live_server(path))
        assert_accessible(page, lang)
