"""A citizen's first visit, on a phone: invitation link, new account, sign out and in, French."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import LiveServer
from tests.factories import make_convention, make_invitation

pytestmark = pytest.mark.browser

PASSWORD = "a long enough password"

# Lists what sticks out past the right edge, so a failure says which element to fix.
OVERFLOW_SCRIPT = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll("body *")]
    .filter((el) => el.getBoundingClientRect().right > width + 0.5)
    .map((el) => el.tagName.toLowerCase() + (el.className ? "." + el.className : ""));
  return {scrollWidth: document.documentElement.scrollWidth, width, wide: wide.slice(0, 10)};
}"""


def assert_no_horizontal_scroll(page: Page) -> None:
    measure = page.evaluate(OVERFLOW_SCRIPT)
    assert measure["scrollWidth"] <= measure["width"], f"the page scrolls sideways: {measure}"


def test_a_citizen_joins_by_link_signs_in_again_and_reads_in_french(
    live_server: LiveServer, page: Page
) -> None:
    convention = make_convention(slug="climate", title="Convention on climate")
    _, token, _ = make_invitation(convention, email="nadia@example.org", name="Nadia Example")

    # The invitation link: the token leaves the address bar, the form asks for the rest.
    page.goto(live_server(f"/join/{token}"))
    expect(page).to_have_url(live_server("/join/invitation"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Join Convention on climate")
    page.get_by_label("Your name").fill("Nadia Example")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Repeat the password").fill(PASSWORD)
    expect(page.get_by_label("Public pseudonym")).to_have_value("Nadia")  # offered from the name
    page.get_by_label("Public pseudonym").fill("Nadia B.")
    page.get_by_label("I have read and accept the charter").check()
    page.get_by_role("button", name="Join the convention").click()

    # Straight into the convention, signed in.
    expect(page).to_have_url(live_server("/c/climate/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Convention on climate")
    expect(page.get_by_role("status")).to_contain_text("Welcome to Convention on climate.")
    expect(page.locator("main")).to_contain_text("under the pseudonym Nadia B.")

    # Sign out, then back in with the email and the new password.
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(live_server("/login"))
    expect(page.get_by_role("status")).to_contain_text("You are signed out.")
    page.get_by_label("Email or username").fill("nadia@example.org")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Sign in").click()

    # The dashboard lists the convention.
    expect(page).to_have_url(live_server("/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Nadia Example")
    mine = page.get_by_role("region", name="My conventions")
    expect(mine.get_by_role("link", name="Convention on climate")).to_have_attribute(
        "href", "/c/climate/"
    )

    # Nothing scrolls sideways on the narrowest phones.
    page.set_viewport_size({"width": 320, "height": 640})
    assert_no_horizontal_scroll(page)

    # The language switcher turns the same page into French, and remembers it.
    page.get_by_role("button", name="Français").click()
    expect(page).to_have_url(live_server("/"))
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("button", name="Français")).to_have_attribute("aria-current", "true")
    # (French comes from the compiled catalog: `make translations`, which `make test` runs.)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile(r"^Bonjour,? Nadia Example$")
    )
    expect(page.get_by_role("heading", level=2, name="Mes conventions")).to_be_visible()
    assert_no_horizontal_scroll(page)
    page.get_by_role("link", name="Mon compte").click()
    expect(page).to_have_url(live_server("/account"))
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon compte")
