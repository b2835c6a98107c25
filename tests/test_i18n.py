"""Languages: every shipped one is complete, the choice follows the user, then the browser."""

import re
import subprocess
import sys

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from convention.config import PROJECT_ROOT, load_config
from tests.factories import make_user

# Every language the platform offers, but the one its messages are written in.
CONFIG = load_config()
TRANSLATED = [code for code in CONFIG["LANGUAGES"] if code != CONFIG["BABEL_DEFAULT_LOCALE"]]


# A printf placeholder as gettext and Jinja fill it: %(name)s, %(n)d, %%.
PLACEHOLDER = re.compile(r"%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[sdifr%]")
# What marks a string for translation, in Python and in Jinja.
MARKED = re.compile(r"(?<![\w.])(_|_l|gettext|lazy_gettext|ngettext|pgettext)\(|\{%-? trans\b")


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> Catalog:
    """Run `make extract`, the very extraction `make i18n` runs, into a temporary template."""
    pot = tmp_path_factory.mktemp("i18n") / "messages.pot"
    subprocess.run(
        [
            "make",
            "--no-print-directory",
            "-s",
            "extract",
            f"POT={pot}",
            f"PYBABEL={sys.executable} -m babel.messages.frontend",
        ],
        cwd=PROJECT_ROOT,
        check=True,
        capture_output=True,
    )
    with pot.open("rb") as handle:
        return read_po(handle)


def _key(message) -> tuple[str | None, str]:
    """Name a message by its context and singular text."""
    return message.context, message.id if isinstance(message.id, str) else message.id[0]


@pytest.mark.pure
def test_every_file_that_marks_strings_is_extracted(extracted):
    marking = {
        path.relative_to(PROJECT_ROOT).as_posix()
        for folder, pattern in (("convention", "*.py"), ("templates", "*.html"))
        for path in (PROJECT_ROOT / folder).rglob(pattern)
        if MARKED.search(path.read_text(encoding="utf-8"))
    }
    read = {filename for message in extracted for filename, _line in message.locations}
    assert "templates/_macros/forms.html" in marking
    assert not sorted(marking - read), "files the extraction skipped"


def _catalog(language: str) -> Catalog:
    """Read the shipped catalog of `language`."""
    with (PROJECT_ROOT / "translations" / language / "LC_MESSAGES" / "messages.po").open("rb") as f:
        return read_po(f, locale=language)


@pytest.mark.pure
def test_german_is_offered():
    assert "de" in TRANSLATED and "fr" in TRANSLATED


@pytest.mark.pure
@pytest.mark.parametrize("language", TRANSLATED)
def test_every_marked_message_is_translated(extracted, language):
    catalog = _catalog(language)
    translated = {
        _key(m)
        for m in catalog
        if m.id and not m.fuzzy and all(m.string if isinstance(m.string, tuple) else [m.string])
    }
    missing = sorted(({_key(m) for m in extracted if m.id} - translated), key=str)
    assert not missing, f"{len(missing)} message(s) without {language}: {missing[:10]}"


@pytest.mark.pure
@pytest.mark.parametrize("language", TRANSLATED)
def test_no_message_is_fuzzy(language):
    assert not [m.id for m in _catalog(language) if m.id and m.fuzzy]


@pytest.mark.pure
@pytest.mark.parametrize("language", TRANSLATED)
def test_every_translation_keeps_the_placeholders(language):
    """A lost or misspelt `%(name)s` would raise or show the wrong value in that language only."""
    wrong = []
    for message in _catalog(language):
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        wanted = set().union(*(PLACEHOLDER.findall(text) for text in ids))
        wrong += [message.id for text in strings if set(PLACEHOLDER.findall(text)) != wanted]
    assert not wrong, wrong[:10]


def test_the_browser_language_is_used_by_default(client):
    assert 'lang="fr"' in client.get("/login", headers={"Accept-Language": "fr-CA,fr;q=0.9"}).text
    assert 'lang="de"' in client.get("/login", headers={"Accept-Language": "de-DE"}).text
    assert 'lang="en"' in client.get("/login", headers={"Accept-Language": "it-IT"}).text


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


def test_the_switcher_is_on_every_page_and_announced(client, login_as):
    page = client.get("/login").text
    assert '<nav aria-label="Language" class="language-switch">' in page
    assert 'aria-current="true"' in page
    for code, name in (("fr", "Français"), ("de", "Deutsch")):
        assert f'hreflang="{code}"' in page and name in page
    login_as(make_user())
    page = client.get("/account").text
    assert '<legend class="visually-hidden">Language</legend>' in page
    for code, name in (("fr", "Français"), ("de", "Deutsch")):
        assert f'value="{code}" lang="{code}"' in page and name in page
