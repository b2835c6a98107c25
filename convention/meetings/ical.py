"""iCalendar (RFC 5545) for sessions, written with the `icalendar` library: times in UTC."""

from dataclasses import dataclass
from datetime import UTC, datetime

import icalendar

PRODID = "-//convention//Citizen convention//EN"


@dataclass(frozen=True)
class Event:
    """What a calendar needs to know about one session."""

    uid: str
    starts_at: datetime
    ends_at: datetime
    summary: str
    description: str
    location: str
    url: str
    sequence: int
    cancelled: bool


def one_line(text: str) -> str:
    """Join a single-line value's lines with spaces: a title must stay one property."""
    return " ".join(text.splitlines()).strip()


def calendar(name: str, events: list[Event], now: datetime) -> bytes:
    """Return a whole calendar as the library writes it (escaped, folded, CRLF lines)."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", icalendar.vText(one_line(name)))
    for event in events:
        cal.add_component(_event(event, now))
    return cal.to_ical()


def _event(event: Event, now: datetime) -> icalendar.Event:
    """Return one VEVENT."""
    vevent = icalendar.Event()
    vevent.add("uid", event.uid)
    vevent.add("dtstamp", now.astimezone(UTC))
    vevent.add("dtstart", event.starts_at.astimezone(UTC))
    vevent.add("dtend", event.ends_at.astimezone(UTC))
    vevent.add("sequence", event.sequence)
    vevent.add("summary", one_line(event.summary))
    vevent.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    vevent.add("url", event.url)
    if event.location:
        vevent.add("location", one_line(event.location))
    if event.description:
        # Multi-line text keeps its lines, as LF: a bare CR would otherwise end up raw.
        vevent.add("description", "\n".join(event.description.splitlines()))
    return vevent
