"""axe-core finds no violation on the pages every participant sees, in every shipped language."""

from collections.abc import Callable

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from tests.browser.conftest import LiveServer
from tests.factories import PASSWORD, make_convention, make_invitation, make_member, make_user

pytestmark = pytest.mark.browser

LOCALES = {"en": "en-GB", "fr": "fr-FR", "de": "de-DE"}
axe = Axe()


def report(violations: list[dict]) -> str:
    """One paragraph per violation: rule, impact, help link, then each offending element."""
    lines = []
    for violation in violations:
        lines.append(
            f"{violation['id']} ({violation['impact']}): {violation['help']}\n"
            f"  {violation['helpUrl']}"
        )
        for node in violation["nodes"]:
            lines.append(f"  - {' '.join(map(str, node['target']))}: {node['html'][:200]}")
            lines.append(f"    {node['failureSummary']}".replace("\n", "\n    "))
    return "\n".join(lines)


def assert_accessible(page: Page, lang: str) -> None:
    """Check the page is in the expected language, then that axe finds nothing."""
    assert page.locator("html").get_attribute("lang") == lang
    violations = axe.run(page).response["violations"]
    assert not violations, f"axe found on {page.url}:\n{report(violations)}"


@pytest.fixture(params=sorted(LOCALES))
def lang(request: pytest.FixtureRequest) -> str:
    """The language the browser asks for, as the Accept-Language header does."""
    return request.param


@pytest.fixture
def visitor(new_page: Callable[..., Page], lang: str) -> Page:
    """A phone whose browser prefers `lang`."""
    return new_page(locale=LOCALES[lang])


@pytest.mark.parametrize("path", ["/login", "/join"])
def test_signed_out_pages(live_server: LiveServer, visitor: Page, lang: str, path: str) -> None:
    visitor.goto(live_server(path))
    assert_accessible(visitor, lang)


def test_login_page_with_errors(live_server: LiveServer, visitor: Page, lang: str) -> None:
    visitor.goto(live_server("/login"))
    visitor.locator("main form button[type=submit]").click()
    visitor.wait_for_selector(".error-summary")
    assert_accessible(visitor, lang)


def test_invitation_page(live_server: LiveServer, visitor: Page, lang: str) -> None:
    convention = make_convention()
    _, token, _ = make_invitation(convention)
    visitor.goto(live_server(f"/join/{token}"))
    assert_accessible(visitor, lang)


def test_invitation_page_with_errors(live_server: LiveServer, visitor: Page, lang: str) -> None:
    convention = make_convention()
    _, token, _ = make_invitation(convention, email=None)
    visitor.goto(live_server(f"/join/{token}"))
    visitor.locator("main form button[type=submit]").click()
    visitor.wait_for_selector(".error-summary")
    assert_accessible(visitor, lang)


@pytest.mark.parametrize("path", ["/", "/account", "/c/{slug}/"])
def test_signed_in_pages(
    live_server: LiveServer,
    visitor: Page,
    lang: str,
    sign_in: Callable[[Page, str, str], None],
    path: str,
) -> None:
    convention = make_convention(public=True)
    make_convention(slug="open", title="An open convention", public=True)
    user = make_user(email="member@example.org")
    make_member(convention, user=user)
    sign_in(visitor, "member@example.org", PASSWORD)
    url = live_server(path.format(slug=convention.slug))
    visitor.goto(url)
    assert visitor.url == url  # not sent back to the login page
    assert_accessible(visitor, lang)
