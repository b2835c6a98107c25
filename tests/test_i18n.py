"""Languages: French is complete, the choice follows the user, then the browser."""

import subprocess
import sys

import pytest
from babel.messages.pofile import read_po

from convention.config import PROJECT_ROOT
from tests.factories import make_user

CATALOG = PROJECT_ROOT / "translations" / "fr" / "LC_MESSAGES" / "messages.po"


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> set[str]:
    """Extract the messages the code marks today, so a new untranslated string fails here."""
    pot = tmp_path_factory.mktemp("i18n") / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_l",
            "-k",
            "lazy_gettext",
            "-k",
            "pgettext:1c,2",
            "-o",
            str(pot),
            ".",
        ],
        cwd=PROJECT_ROOT,
        check=True,
        capture_output=True,
    )
    with pot.open("rb") as handle:
        return {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}


@pytest.mark.pure
def test_every_marked_message_has_a_french_translation(extracted):
    with CATALOG.open("rb") as handle:
        catalog = read_po(handle)
    translated = {
        (m.id if isinstance(m.id, str) else m.id[0])
        for m in catalog
        if m.id and not m.fuzzy and all(m.string if isinstance(m.string, tuple) else [m.string])
    }
    missing = sorted(extracted - translated)
    assert not missing, f"{len(missing)} message(s) without French: {missing[:10]}"


@pytest.mark.pure
def test_no_french_message_is_fuzzy():
    with CATALOG.open("rb") as handle:
        fuzzy = [m.id for m in read_po(handle) if m.id and m.fuzzy]
    assert not fuzzy


def test_the_browser_language_is_used_by_default(client):
    assert 'lang="fr"' in client.get("/login", headers={"Accept-Language": "fr-CA,fr;q=0.9"}).text
    assert 'lang="en"' in client.get("/login", headers={"Accept-Language": "de-DE"}).text


def test_the_language_switch_is_remembered_for_the_browser_and_the_account(client, login_as):
    user = make_user()
    login_as(user)
    response = client.post("/language", data={"locale": "fr", "next": "/account"})
    assert response.location == "/account"
    page = client.get("/account", headers={"Accept-Language": "en"})
    assert 'lang="fr"' in page.text and "Mon compte" in page.text
    assert user.locale == "fr"


def test_the_language_switch_refuses_unknown_languages_and_foreign_redirects(client):
    response = client.post("/language", data={"locale": "xx", "next": "https://evil.example/"})
    assert response.location == "/"
    assert 'lang="en"' in client.get("/login").text


def test_the_switcher_is_on_every_page_and_announced(client):
    page = client.get("/login").text
    assert '<legend class="visually-hidden">Language</legend>' in page
    assert 'lang="fr"' in page and "Français" in page
