"""iCalendar output parses with the library: escaped text, one property per value, UTC, CRLF."""

from datetime import UTC, datetime

import icalendar
import pytest

from convention.meetings.ical import Event, calendar

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


def test_a_calendar_has_its_events_in_utc_with_crlf_lines() -> None:
    text = calendar("Convention, AI", [event(location="Hall; room 2")], NOW).decode()
    lines = text.split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR" and lines[-1] == ""
    assert "X-WR-CALNAME:Convention\\, AI" in lines
    assert "DTSTART:20260207T093000Z" in lines and "DTEND:20260207T170000Z" in lines
    assert "DTSTAMP:20260105T080000Z" in lines and "LOCATION:Hall\\; room 2" in lines
    assert "STATUS:CONFIRMED" in lines
    assert "\n" not in text.replace("\r\n", "")


def test_long_values_are_folded_and_read_back_whole() -> None:
    long = "é" * 100
    text = calendar("AI", [event(description=long)], NOW)
    assert all(len(line) <= 75 for line in text.split(b"\r\n"))
    parsed = icalendar.Calendar.from_ical(text)
    assert str(parsed.walk("VEVENT")[0]["DESCRIPTION"]) == long


@pytest.mark.parametrize("breaker", ["\r", "\n", "\r\n", "\x0b", "\u2028"])
def test_a_line_break_in_a_title_stays_inside_one_property(breaker: str) -> None:
    title = f"Session 1{breaker}END:VEVENT{breaker}BEGIN:VEVENT"
    text = calendar(f"AI{breaker}X-EVIL:1", [event(summary=title, location=f"A{breaker}B")], NOW)
    assert b"\r" not in text.replace(b"\r\n", b"")
    assert b"\n" not in text.replace(b"\r\n", b"")
    lines = text.split(b"\r\n")
    assert lines.count(b"BEGIN:VEVENT") == 1 and not any(ln.startswith(b"X-EVIL") for ln in lines)
    parsed = icalendar.Calendar.from_ical(text)
    [vevent] = parsed.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Session 1 END:VEVENT BEGIN:VEVENT"
    assert str(parsed["X-WR-CALNAME"]) == "AI X-EVIL:1"


def test_a_description_keeps_its_lines_without_bare_carriage_returns() -> None:
    text = calendar("AI", [event(description="Agenda:\r- one\r\n- two\n- three")], NOW)
    assert b"\r" not in text.replace(b"\r\n", b"")
    parsed = icalendar.Calendar.from_ical(text)
    assert str(parsed.walk("VEVENT")[0]["DESCRIPTION"]) == "Agenda:\n- one\n- two\n- three"


def test_a_cancelled_session_stays_in_the_calendar_as_cancelled() -> None:
    text = calendar("AI", [event(cancelled=True, sequence=2)], NOW)
    assert b"STATUS:CANCELLED\r\n" in text and b"SEQUENCE:2\r\n" in text
