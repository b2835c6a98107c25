"""On a 390x844 phone a failed contribution lands at its errors, a published one at itself."""

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import LiveServer
from tests.factories import (
    PASSWORD,
    make_comment,
    make_convention,
    make_member,
    make_topic,
    make_user,
)

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}}
IN_VIEW = """element => {
  const box = element.getBoundingClientRect();
  return box.top >= 0 && box.top < window.innerHeight;
}"""


@pytest.fixture
def long_topic(live_server: LiveServer) -> str:
    """A topic whose form sits below thirty long contributions; return its address."""
    convention = make_convention(slug="ai")
    make_member(convention, user=make_user(email="nadia@example.org"), pseudonym="Nadia")
    topic = make_topic(convention, title="Cameras")
    others = [make_member(convention) for _ in range(3)]
    for n in range(30):
        make_comment(topic, others[n % 3], body=f"Argument {n}. " + "Long reasoning. " * 30)
    return live_server(f"/c/ai/topics/{topic.id}")


def open_topic(page: Page, url: str, sign_in: Callable) -> None:
    """Sign in as Nadia and open the topic at its top."""
    sign_in(page, "nadia@example.org", PASSWORD)
    page.goto(url)
    assert page.evaluate("window.scrollY") == 0


def submit_empty(page: Page) -> None:
    """Send the contribution form empty, as someone who tapped Publish too soon."""
    with page.expect_navigation():
        page.locator("#comment-form button[type=submit]").click()
    assert page.url.endswith("/comments#comment-form")


def test_a_failed_contribution_lands_at_the_focused_error_summary(
    live_server: LiveServer, new_page: Callable[..., Page], sign_in, long_topic: str
) -> None:
    page = new_page(**PHONE)
    open_topic(page, long_topic, sign_in)
    submit_empty(page)
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    assert summary.evaluate(IN_VIEW)
    assert page.evaluate("window.scrollY") > 5000  # far from the top, where nothing changed


def test_without_javascript_the_page_still_lands_at_the_errors(
    live_server: LiveServer, new_page: Callable[..., Page], sign_in, long_topic: str
) -> None:
    page = new_page(**PHONE, java_script_enabled=False)
    open_topic(page, long_topic, sign_in)
    submit_empty(page)
    assert page.locator(".error-summary").evaluate(IN_VIEW)


def test_the_jump_link_and_the_confirmation_follow_the_contribution(
    live_server: LiveServer, new_page: Callable[..., Page], sign_in, long_topic: str
) -> None:
    page = new_page(**PHONE)
    open_topic(page, long_topic, sign_in)
    page.get_by_role("link", name="Add your contribution").click()
    assert page.locator("#comment-form").evaluate(IN_VIEW)
    page.get_by_label("Your contribution", exact=True).fill("Cameras need a judge's warrant.")
    with page.expect_navigation():
        page.locator("#comment-form button[type=submit]").click()
    confirmation = page.locator(".comment .flash", has_text="Your contribution is published.")
    expect(confirmation).to_be_visible()
    assert confirmation.evaluate(IN_VIEW)
