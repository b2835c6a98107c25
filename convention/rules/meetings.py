"""Sessions as pure rules: attendance states and the agenda's running times."""

from collections.abc import Iterable
from datetime import datetime, timedelta
from enum import StrEnum


class AttendanceStatus(StrEnum):
    """Whether a member came to a session."""

    PRESENT = "present"
    EXCUSED = "excused"
    ABSENT = "absent"


def agenda_times(starts_at: datetime, minutes: Iterable[int | None]) -> list[datetime | None]:
    """Return when each agenda item starts; unknown once an earlier item has no duration."""
    times: list[datetime | None] = []
    current: datetime | None = starts_at
    for duration in minutes:
        times.append(current)
        current = current + timedelta(minutes=duration) if current and duration else None
    return times


def may_apologise(starts_at: datetime, cancelled: bool, now: datetime) -> bool:
    """Tell whether a member can still say they cannot come: before the session starts."""
    return not cancelled and now < starts_at
