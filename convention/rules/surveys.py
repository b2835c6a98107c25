"""Evaluation surveys as pure rules: their states, checking an answer set, counting answers,
and when results may be shown (never while open, never to fewer than a minimum of respondents)."""

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

# Fewer respondents and a result could point at a person: the OECD guidelines' small-cell rule.
MIN_ANSWERS = 5
SCALE = range(1, 6)
MAX_TEXT = 2000
MAX_OPTIONS = 12


class SurveyStage(StrEnum):
    """When in the process a survey asks: the OECD guidelines' before, during and after."""

    BEFORE = "before"
    DURING = "during"
    AFTER = "after"
    OTHER = "other"


class SurveyState(StrEnum):
    """Where a survey stands: written, answered, closed."""

    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"


class QuestionKind(StrEnum):
    """What a question asks for: a point on a 1-5 scale, one of its options, or free text."""

    SCALE = "scale"
    CHOICE = "choice"
    TEXT = "text"


class Visibility(StrEnum):
    """Whether results may be shown, and if not, why."""

    SHOWN = "shown"
    NOT_CLOSED = "not_closed"
    TOO_FEW = "too_few"


class Problem(StrEnum):
    """Why an answer is refused."""

    MISSING = "missing"
    OUT_OF_RANGE = "out_of_range"
    TOO_LONG = "too_long"


@dataclass(frozen=True)
class QuestionSpec:
    """What checking and counting need to know of a question."""

    id: int
    kind: QuestionKind
    required: bool = False
    options: int = 0


@dataclass(frozen=True)
class QuestionResult:
    """One question's counts: per scale point or option (in order), or the free texts."""

    id: int
    kind: QuestionKind
    answered: int
    counts: tuple[int, ...] = ()
    mean: float | None = None
    texts: tuple[str, ...] = ()


Answer = int | str


def state(opened_at: datetime | None, closed_at: datetime | None) -> SurveyState:
    """Derive a survey's state from its times."""
    if closed_at is not None:
        return SurveyState.CLOSED
    return SurveyState.OPEN if opened_at is not None else SurveyState.DRAFT


def visibility(survey_state: SurveyState, respondents: int, minimum: int) -> Visibility:
    """Tell whether results may be shown: after the close, to at least `minimum` respondents."""
    if survey_state != SurveyState.CLOSED:
        return Visibility.NOT_CLOSED
    return Visibility.SHOWN if respondents >= max(minimum, 1) else Visibility.TOO_FEW


def check_answers(
    questions: Sequence[QuestionSpec], given: Mapping[int, str | None]
) -> tuple[dict[int, Answer], dict[int, Problem]]:
    """Read a submitted answer set: the answers kept, and the problem of each refused one."""
    answers: dict[int, Answer] = {}
    problems: dict[int, Problem] = {}
    for question in questions:
        raw = (given.get(question.id) or "").strip()
        if not raw:
            if question.required:
                problems[question.id] = Problem.MISSING
            continue
        answer = _read(question, raw)
        if isinstance(answer, Problem):
            problems[question.id] = answer
        else:
            answers[question.id] = answer
    return answers, problems


def _read(question: QuestionSpec, raw: str) -> Answer | Problem:
    """Read one non-blank answer, or say why it is refused."""
    if question.kind == QuestionKind.TEXT:
        return raw if len(raw) <= MAX_TEXT else Problem.TOO_LONG
    allowed = SCALE if question.kind == QuestionKind.SCALE else range(question.options)
    if not raw.isascii() or not raw.isdigit() or int(raw) not in allowed:
        return Problem.OUT_OF_RANGE
    return int(raw)


def aggregate(
    questions: Sequence[QuestionSpec], answers: Iterable[tuple[int, int | None, str | None]]
) -> list[QuestionResult]:
    """Count the anonymous answers (question id, value, text) question by question."""
    values: dict[int, Counter[int]] = {q.id: Counter() for q in questions}
    texts: dict[int, list[str]] = {q.id: [] for q in questions}
    for question_id, value, text in answers:
        if question_id not in values:
            continue
        if text is not None:
            texts[question_id].append(text)
        elif value is not None:
            values[question_id][value] += 1
    return [_result(q, values[q.id], sorted(texts[q.id])) for q in questions]


def _result(question: QuestionSpec, values: Counter[int], texts: list[str]) -> QuestionResult:
    """Count one question."""
    if question.kind == QuestionKind.TEXT:
        return QuestionResult(question.id, question.kind, len(texts), texts=tuple(texts))
    keys = SCALE if question.kind == QuestionKind.SCALE else range(question.options)
    counts = tuple(values[k] for k in keys)
    answered = sum(counts)
    mean = None
    if question.kind == QuestionKind.SCALE and answered:
        mean = round(sum(k * values[k] for k in keys) / answered, 2)
    return QuestionResult(question.id, question.kind, answered, counts, mean)
