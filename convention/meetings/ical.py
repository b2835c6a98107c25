"""iCalendar (RFC 5545) for sessions: escaped text, folded lines, times in UTC."""

from dataclasses import dataclass
from datetime import UTC, datetime

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


def escape(text: str) -> str:
    """Escape a TEXT value: backslash, semicolon, comma and new lines."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line into pieces of at most 75 octets, never splitting a character."""
    pieces: list[str] = []
    current, size = "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = 75 if not pieces else 74
        if size + width > limit:
            pieces.append(current)
            current, size = "", 0
        current += char
        size += width
    pieces.append(current)
    return "\r\n ".join(pieces)


def stamp(value: datetime) -> str:
    """Format a time in UTC, as 20250101T090000Z."""
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar(name: str, events: list[Event], now: datetime) -> str:
    """Return a whole calendar, lines ending in CRLF."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(name)}",
    ]
    for event in events:
        lines += _event(event, now)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def _event(event: Event, now: datetime) -> list[str]:
    """Return the lines of one VEVENT."""
    lines = [
        "BEGIN:VEVENT",
        f"UID:{event.uid}",
        f"DTSTAMP:{stamp(now)}",
        f"DTSTART:{stamp(event.starts_at)}",
        f"DTEND:{stamp(event.ends_at)}",
        f"SEQUENCE:{event.sequence}",
        f"SUMMARY:{escape(event.summary)}",
        f"STATUS:{'CANCELLED' if event.cancelled else 'CONFIRMED'}",
        f"URL:{event.url}",
    ]
    if event.location:
        lines.append(f"LOCATION:{escape(event.location)}")
    if event.description:
        lines.append(f"DESCRIPTION:{escape(event.description)}")
    return [*lines, "END:VEVENT"]
