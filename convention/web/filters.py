"""Template filters and globals: dates in the convention's zone, Markdown, phases."""

import re
from datetime import UTC, datetime, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel import dates
from babel.dates import format_date, format_time, get_datetime_format
from flask import Flask
from flask_babel import (
    format_decimal,
    format_percent,
    get_locale,
    get_timezone,
    lazy_gettext as _l,
)

from convention.models.selection import RunStatus
from convention.rules.invitations import InvitationState, format_code
from convention.rules.phases import LIFECYCLE, Phase, progress
from convention.rules.policy import Action, Role
from convention.web.i18n import language_names
from convention.web.markdown import render_markdown

PHASE_NAMES = {
    Phase.SETUP: _l("Set-up"),
    Phase.SELECTION: _l("Panel selection"),
    Phase.ONBOARDING: _l("Onboarding"),
    Phase.DELIBERATION: _l("Deliberation"),
    Phase.DRAFTING: _l("Drafting"),
    Phase.AMENDMENTS: _l("Amendments"),
    Phase.VOTING: _l("Voting"),
    Phase.REPORT: _l("Report"),
    Phase.COUNCIL_RESPONSE: _l("Council response"),
    Phase.FOLLOW_UP: _l("Follow-up"),
    Phase.CLOSED: _l("Closed"),
}

ROLE_NAMES = {
    Role.CITIZEN: _l("Citizen"),
    Role.FACILITATOR: _l("Facilitator"),
    Role.EXPERT: _l("Expert"),
    Role.COUNCIL: _l("Council member"),
    Role.OBSERVER: _l("Observer"),
}

RUN_STATUS_NAMES = {
    RunStatus.QUEUED: _l("Waiting"),
    RunStatus.RUNNING: _l("Computing"),
    RunStatus.DONE: _l("Finished"),
    RunStatus.FAILED: _l("Failed"),
    RunStatus.CANCELLED: _l("Stopped"),
}

INVITATION_STATE_NAMES = {
    InvitationState.PENDING: _l("Pending"),
    InvitationState.ACCEPTED: _l("Accepted"),
    InvitationState.REVOKED: _l("Revoked"),
    InvitationState.EXPIRED: _l("Expired"),
}


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
        phase_name=lambda phase: PHASE_NAMES[Phase(phase)],
        role_name=lambda role: ROLE_NAMES[Role(role)],
        invitation_state_name=lambda state: INVITATION_STATE_NAMES[state],
        code=format_code,
        run_status_name=lambda status: RUN_STATUS_NAMES[RunStatus(status)],
        percent=lambda value: format_percent(value or 0, "#,##0.0#%"),
        decimal=lambda value: format_decimal(value or 0, "#,##0.0#"),
        form_anchor=form_anchor,
    )
    app.jinja_env.add_extension("jinja2.ext.do")
    app.context_processor(lambda: {"current_locale": str(get_locale())})
    app.jinja_env.globals.update(
        Action=Action,
        LIFECYCLE=LIFECYCLE,
        phase_progress=progress,
        ROLES=list(Role),
        language_names=language_names,
    )
