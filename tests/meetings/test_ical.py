"""iCalendar output follows RFC 5545: escaping, folding, UTC times, CRLF."""

from datetime import UTC, datetime

import pytest

from convention.meetings.ical import Event, calendar, escape, fold

pytestmark = pytest.mark.pure

NOW = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)


def event(**overrides) -> Event:
    values = {
        "uid": "session-1-ai@convention.test",
        "starts_at": datetime(2026, 2, 7, 9, 30, tzinfo=UTC),
        "ends_at": datetime(2026, 2, 7, 17, 0, tzinfo=UTC),
        "summary": "Session 1",
        "description": "",
        "location": "",
        "url": "https://convention.test/c/ai/sessions/1",
        "sequence": 0,
        "cancelled": False,
    }
    return Event(**(values | overrides))


def test_text_is_escaped() -> None:
    assert escape("a, b; c\\d\ne") == "a\\, b\\; c\\\\d\\ne"


def test_long_lines_fold_at_75_octets_without_splitting_characters() -> None:
    line = "DESCRIPTION:" + "é" * 100
    folded = fold(line)
    pieces = folded.split("\r\n ")
    assert all(len(p.encode()) <= 75 for p in pieces)
    assert "".join(pieces) == line


def test_a_calendar_has_its_events_in_utc_with_crlf_lines() -> None:
    text = calendar("Convention, AI", [event(location="Hall; room 2")], NOW)
    lines = text.split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR" and lines[-1] == ""
    assert "X-WR-CALNAME:Convention\\, AI" in lines
    assert "DTSTART:20260207T093000Z" in lines and "DTEND:20260207T170000Z" in lines
    assert "DTSTAMP:20260105T080000Z" in lines and "LOCATION:Hall\\; room 2" in lines
    assert "STATUS:CONFIRMED" in lines
    assert "\n" not in text.replace("\r\n", "")


def test_a_cancelled_session_stays_in_the_calendar_as_cancelled() -> None:
    text = calendar("AI", [event(cancelled=True, sequence=2)], NOW)
    assert "STATUS:CANCELLED\r\n" in text and "SEQUENCE:2\r\n" in text
