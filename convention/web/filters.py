"""Every template filter and global, registered here: dates, sizes, Markdown, names, links."""

import re
from datetime import UTC, date, datetime, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel import dates
from babel.dates import format_date, format_time, get_datetime_format
from flask import Flask
from flask_babel import (
    format_date as flask_format_date,
    format_decimal,
    format_percent,
    get_locale,
    get_timezone,
    gettext as _,
)

from convention.comments.services import target_url
from convention.comments.wording import CommentLinks, comment_place, comment_words
from convention.notifications.messages import describe
from convention.recommendations.labels import version_note
from convention.reports import charts
from convention.rules.diff import changed_words, word_diff
from convention.rules.invitations import format_code
from convention.rules.phases import LIFECYCLE, progress
from convention.rules.policy import Action, Role
from convention.voting.figures import figures_of
from convention.web import names
from convention.web.i18n import language_names
from convention.web.markdown import render_markdown


def moment(value: datetime | None, zone: str | None = None) -> str:
    """Name a time to the minute with its weekday, in `zone` or the page's zone: no seconds."""
    if value is None:
        return ""
    aware = value if value.tzinfo else value.replace(tzinfo=UTC)
    local = aware.astimezone(ZoneInfo(zone) if zone else get_timezone())
    locale = get_locale()
    pattern = str(get_datetime_format("full", locale)).replace("'", "")
    time = format_time(local, "short", locale=locale)
    return pattern.replace("{0}", time).replace("{1}", format_date(local, "full", locale=locale))


def iso_time(value: datetime | None) -> str:
    """Write a time for a `datetime` attribute: ISO 8601 to the second, as validators expect."""
    return value.replace(microsecond=0).isoformat() if value else ""


def filesize(size: int) -> str:
    """Say how large a file is, in kilobytes or megabytes."""
    if size < 1024 * 1024:
        return _("%(size)s kB", size=format_decimal(max(size / 1024, 0.1), "#,##0.#"))
    return _("%(size)s MB", size=format_decimal(size / 1024 / 1024, "#,##0.#"))


def day(value: date | None) -> str:
    """Write a date in the reader's language."""
    return flask_format_date(value, "long") if value else ""


def diff(old: str, new: str) -> tuple[list, tuple[int, int]]:
    """Compare two texts word by word, with the counts a screen reader hears first."""
    runs = word_diff(old, new)
    return runs, changed_words(runs)


def form_anchor(form: object) -> str:
    """Name a form's anchor after its class (CommentForm -> comment-form): a page lands on it."""
    return re.sub(r"(?<!^)(?=[A-Z])", "-", type(form).__name__).lower()


def format_when(value: datetime | None, fmt: str = "medium") -> str:
    """Show a time in the reader's language and the convention's zone."""
    if not value:
        return ""
    return _format_when(value, fmt, str(get_locale()), get_timezone())


# Every reader of a page sees the same times (a thread's contributions): format each once.
@lru_cache(maxsize=8192)
def _format_when(value: datetime, fmt: str, locale: str, zone: tzinfo) -> str:
    """Format a time, naive ones read as UTC, as Flask-Babel's `format_datetime` does."""
    return dates.format_datetime(value, fmt, tzinfo=zone, locale=locale)


def init_app(app: Flask) -> None:
    """Register the filters and the names templates need."""
    app.jinja_env.filters.update(
        markdown=render_markdown,
        datetime=format_when,
        moment=moment,
        isotime=iso_time,
        code=format_code,
        percent=lambda value: format_percent(value or 0, "#,##0.0#%"),
        decimal=lambda value: format_decimal(value or 0, "#,##0.0#"),
        form_anchor=form_anchor,
        filesize=filesize,
        day=day,
        notification_text=describe,
        **names.FILTERS,
    )
    app.jinja_env.add_extension("jinja2.ext.do")
    app.context_processor(lambda: {"current_locale": str(get_locale())})
    app.jinja_env.globals.update(
        Action=Action,
        LIFECYCLE=LIFECYCLE,
        phase_progress=progress,
        ROLES=list(Role),
        language_names=language_names,
        comment_url=target_url,
        comment_place=comment_place,
        comment_links=CommentLinks,
        comment_words=comment_words,
        version_note=version_note,
        word_diff=diff,
        result_bars=charts.bars,
        chart_frame=charts.frame,
        figures_of=figures_of,
    )
