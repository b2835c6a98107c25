"""The app's one clock: every "now" reads it, so tests and the demo move time by configuration."""

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from flask import current_app, has_app_context


def system_time() -> datetime:
    """Return the machine's time, aware, in UTC."""
    return datetime.now(UTC)


def utcnow() -> datetime:
    """Return the current time, aware, in UTC, from the app's `CLOCK` when it sets one."""
    source: Callable[[], datetime] | None = (
        current_app.config.get("CLOCK") if has_app_context() else None
    )
    return (source or system_time)()


def today(time_zone: str) -> date:
    """Return today's date in `time_zone`, by the app's clock."""
    return utcnow().astimezone(ZoneInfo(time_zone)).date()


def local_to_utc(value: datetime, zone: str) -> datetime:
    """Read a naive time typed in `zone` (a form's field) and return it in UTC."""
    return value.replace(tzinfo=ZoneInfo(zone)).astimezone(UTC)


def utc_to_local(value: datetime, zone: str) -> datetime:
    """Return a UTC time as a naive local time in `zone`, to fill a form's field."""
    return value.astimezone(ZoneInfo(zone)).replace(tzinfo=None)


class MovedClock:
    """A clock running `offset` ahead of the machine's: set it as `CLOCK`, then `move` it."""

    def __init__(self, offset: timedelta = timedelta(0)) -> None:
        self.offset = offset

    def __call__(self) -> datetime:
        """Return the machine's time moved by the offset."""
        return system_time() + self.offset

    def move(self, **delta: float) -> datetime:
        """Move the clock ahead (`days=1`, `minutes=-5`) and return the new now."""
        self.offset += timedelta(**delta)
        return self()
