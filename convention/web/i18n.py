"""Languages and time zones: the user's choice, then the browser's, then the default."""

from functools import cache

from babel import Locale
from flask import current_app, g, request, session
from flask_login import current_user


def select_locale() -> str:
    """Pick the language: `?lang=`, the session, the account, then Accept-Language."""
    languages: list[str] = current_app.config["LANGUAGES"]
    for candidate in (request.args.get("lang"), session.get("locale"), _user_locale()):
        if candidate in languages:
            return str(candidate)
    return request.accept_languages.best_match(languages) or languages[0]


def shipped_languages(stored: str) -> list[str]:
    """Return the stored languages the app is translated into, main one first; else the default."""
    shipped: list[str] = current_app.config["LANGUAGES"]
    kept = [code.strip() for code in stored.split(",") if code.strip() in shipped]
    return kept or [current_app.config["BABEL_DEFAULT_LOCALE"]]


@cache
def language_name(code: str) -> str:
    """Name a language in itself, as its readers look for it: English, Français, Deutsch."""
    return (Locale.parse(code).get_display_name(code) or code).capitalize()


def language_names() -> list[tuple[str, str]]:
    """Return every shipped language with its own name, in the configured order."""
    return [(code, language_name(code)) for code in current_app.config["LANGUAGES"]]


def select_timezone() -> str:
    """Show times in the current convention's time zone when there is one."""
    convention = g.get("convention")
    if convention is not None:
        return convention.time_zone
    return current_app.config["BABEL_DEFAULT_TIMEZONE"]


def _user_locale() -> str | None:
    """Return the signed-in user's preferred language, if they chose one."""
    if current_user and current_user.is_authenticated:
        return current_user.locale
    return None
