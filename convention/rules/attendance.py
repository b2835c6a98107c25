"""Sessions and attendance as pure functions: which sessions were held, who came, when they met.

Attendance counts citizen members only: staff (facilitators, experts) are recorded for the room's
sake but are not the panel. A session not yet held is planned: it has no attendance figure.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class SessionFacts:
    """What is stored about one session that was not cancelled, citizens' attendance only."""

    title: str
    starts_at: datetime
    day: date
    present: int
    recorded: int


@dataclass(frozen=True)
class SessionFigure:
    """One session as every page shows it: held with its attendance, or planned."""

    title: str
    day: date
    held: bool
    present: int | None
    expected: int | None

    @property
    def rate(self) -> float | None:
        """Return the share of the citizens recorded who were present, None without records."""
        if not self.held or not self.expected:
            return None
        return round((self.present or 0) / self.expected, 4)


@dataclass(frozen=True)
class AttendanceSummary:
    """The panel's sessions in figures: held, planned, the dates it met, average attendance."""

    held: int
    planned: int
    first_met: date | None
    last_met: date | None
    average: float | None


def is_held(facts: SessionFacts, now: datetime) -> bool:
    """Tell whether a session was held: it has started, or citizens were marked present at it."""
    return facts.starts_at <= now or facts.present > 0


def session_figures(sessions: Iterable[SessionFacts], now: datetime) -> tuple[SessionFigure, ...]:
    """Describe each session in date order: held with its attendance, or planned without."""
    figures = []
    for facts in sorted(sessions, key=lambda s: s.starts_at):
        held = is_held(facts, now)
        figures.append(
            SessionFigure(
                title=facts.title,
                day=facts.day,
                held=held,
                present=facts.present if held else None,
                expected=facts.recorded if held else None,
            )
        )
    return tuple(figures)


def summarise(figures: Iterable[SessionFigure]) -> AttendanceSummary:
    """Sum up the sessions: the dates met and the average attendance cover held sessions only."""
    listed = list(figures)
    held = [f for f in listed if f.held]
    rates = [f.rate for f in held if f.rate is not None]
    return AttendanceSummary(
        held=len(held),
        planned=len(listed) - len(held),
        first_met=min((f.day for f in held), default=None),
        last_met=max((f.day for f in held), default=None),
        average=round(sum(rates) / len(rates), 4) if rates else None,
    )
