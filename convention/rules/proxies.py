"""Proxy mandates: where they come from, what they cover, when they may be used or revoked."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

# A session mandate covers the ballots opened during the session, give or take this margin
# (the same tolerance the room count uses for a session under way).
SESSION_MARGIN = timedelta(hours=1)
DEFAULT_MAX_PER_HOLDER = 1


class MandateSource(StrEnum):
    """How a mandate was recorded."""

    APP = "app"  # given by the member in the app
    PAPER = "paper"  # a signed paper form, recorded by a facilitator with the holder named
    LEGACY = "legacy"  # a proxy vote a facilitator cast before mandates existed


class MandateStatus(StrEnum):
    """Whether a mandate may still be used."""

    ACTIVE = "active"
    REVOKED = "revoked"
    LAPSED = "lapsed"


class Refusal(StrEnum):
    """Why a holder may not cast a proxy now."""

    REVOKED = "revoked"
    LAPSED = "lapsed"
    NOT_HOLDER = "not_holder"
    NOT_COVERED = "not_covered"
    GIVER_NOT_ELECTOR = "giver_not_elector"
    HOLDER_NOT_ELECTOR = "holder_not_elector"
    GIVER_VOTED = "giver_voted"
    LIMIT = "limit"


@dataclass(frozen=True)
class Use:
    """The facts that decide whether a holder may cast a mandate in one ballot."""

    status: MandateStatus
    is_holder: bool
    covers: bool
    giver_elector: bool
    holder_elector: bool
    giver_voted: bool
    other_proxies_cast: int
    limit: int


def status(*, revoked: bool, lapsed: bool) -> MandateStatus:
    """Name a mandate's status; a revoked mandate stays revoked even if it had lapsed."""
    if revoked:
        return MandateStatus.REVOKED
    return MandateStatus.LAPSED if lapsed else MandateStatus.ACTIVE


def covers(
    *,
    ballot_id: int | None,
    session: tuple[datetime, datetime] | None,
    target_ballot: int,
    opened_at: datetime | None,
) -> bool:
    """Tell whether a mandate for one ballot, or for one session, covers the target ballot."""
    if ballot_id is not None:
        return ballot_id == target_ballot
    if session is None or opened_at is None:
        return False
    starts, ends = session
    return starts - SESSION_MARGIN <= opened_at <= ends + SESSION_MARGIN


def refusal(use: Use) -> Refusal | None:
    """Return why the mandate may not be used in this ballot, or None when it may."""
    checks = (
        (use.status == MandateStatus.REVOKED, Refusal.REVOKED),
        (use.status == MandateStatus.LAPSED, Refusal.LAPSED),
        (not use.is_holder, Refusal.NOT_HOLDER),
        (not use.covers, Refusal.NOT_COVERED),
        (use.giver_voted, Refusal.GIVER_VOTED),
        (not use.giver_elector, Refusal.GIVER_NOT_ELECTOR),
        (not use.holder_elector, Refusal.HOLDER_NOT_ELECTOR),
        (use.other_proxies_cast >= use.limit, Refusal.LIMIT),
    )
    return next((reason for failed, reason in checks if failed), None)


def may_hold_another(held: int, limit: int) -> bool:
    """Tell whether a member holding `held` active mandates for a scope may take one more."""
    return held < limit


def may_revoke(*, status: MandateStatus, used: bool) -> bool:
    """Tell whether a mandate may be revoked: only while active and not yet used."""
    return status == MandateStatus.ACTIVE and not used
