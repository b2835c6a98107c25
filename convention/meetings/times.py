"""Times typed in a convention's zone, stored in UTC."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo


def local_to_utc(value: datetime, zone: str) -> datetime:
    """Read a naive time typed in `zone` and return it in UTC."""
    return value.replace(tzinfo=ZoneInfo(zone)).astimezone(UTC)


def utc_to_local(value: datetime, zone: str) -> datetime:
    """Return a UTC time as a naive local time, to fill a form field."""
    return value.astimezone(ZoneInfo(zone)).replace(tzinfo=None)
