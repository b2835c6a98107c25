"""A survey's results as pages, the CSV and the report read them: hidden unless closed with enough
respondents; each question's counts with a chart, free texts for evaluators only."""

from dataclasses import dataclass, field

from flask import current_app

from convention import csvfiles
from convention.extensions import db
from convention.models import Convention, Survey, SurveyQuestion
from convention.rules.report import SurveyQuestionRecord, SurveyRecord
from convention.rules.surveys import QuestionKind, QuestionResult, Visibility, aggregate, visibility
from convention.surveys import queries
from convention.web.charts import Chart, bar_chart

COLOUR = "#1d4e89"


@dataclass(frozen=True)
class QuestionView:
    """One question's result: a label per bar, the counts, the chart (none for free text)."""

    question: SurveyQuestion
    result: QuestionResult
    labels: tuple[str, ...]
    chart: Chart | None


@dataclass(frozen=True)
class SurveyResults:
    """A survey's respondents, whether its results may be shown, and then each question's."""

    survey: Survey
    respondents: int
    minimum: int
    visibility: Visibility
    questions: list[QuestionView] = field(default_factory=list)

    @property
    def shown(self) -> bool:
        """Tell whether the results may be shown."""
        return self.visibility == Visibility.SHOWN


def minimum() -> int:
    """Return the fewest respondents whose results may be shown."""
    return int(current_app.config["SURVEY_MIN_ANSWERS"])


def labels(question: SurveyQuestion) -> tuple[str, ...]:
    """Name each bar: the scale's points (its ends with their labels), or the options."""
    if question.kind == QuestionKind.CHOICE:
        return tuple(question.options)
    if question.kind == QuestionKind.TEXT:
        return ()
    points = [str(point) for point in range(1, 6)]
    if question.low_label:
        points[0] = f"1 · {question.low_label}"
    if question.high_label:
        points[-1] = f"5 · {question.high_label}"
    return tuple(points)


def results_of(surveys: list[Survey], respondents: dict[int, int]) -> list[SurveyResults]:
    """Read the results of surveys; the answers of a hidden survey are never read."""
    least = minimum()
    found = [
        SurveyResults(
            s, respondents.get(s.id, 0), least, visibility(s.state, respondents.get(s.id, 0), least)
        )
        for s in surveys
    ]
    shown = [r.survey.id for r in found if r.shown]
    rows: dict[int, list[tuple[int, int | None, str | None]]] = {i: [] for i in shown}
    if shown:
        for row in db.session.execute(queries.answers(shown)).all():
            rows[row.survey_id].append((row.question_id, row.value, row.text))
    for entry in found:
        if entry.shown:
            entry.questions.extend(_questions(entry.survey, rows[entry.survey.id]))
    return found


def _questions(
    survey: Survey, rows: list[tuple[int, int | None, str | None]]
) -> list[QuestionView]:
    """Count each question and draw its chart."""
    counted = aggregate([q.spec for q in survey.questions], rows)
    views = []
    for question, result in zip(survey.questions, counted, strict=True):
        keyed = [
            (label, n, COLOUR) for label, n in zip(labels(question), result.counts, strict=True)
        ]
        chart = bar_chart(keyed) if keyed else None
        views.append(QuestionView(question, result, labels(question), chart))
    return views


def survey_results(survey: Survey) -> SurveyResults:
    """Read one survey's results."""
    count = db.session.scalar(queries.respondent_count(survey.id)) or 0
    return results_of([survey], {survey.id: count})[0]


def survey_records(convention: Convention) -> tuple[SurveyRecord, ...]:
    """Summarise the closed surveys whose results may be shown, for the report: no free text."""
    surveys = list(db.session.scalars(queries.closed_surveys(convention)))
    counts = dict(db.session.execute(queries.respondents(convention)).all())
    return tuple(
        SurveyRecord(
            title=found.survey.title,
            stage=found.survey.stage.value,
            closed_on=found.survey.closed_at.date().isoformat() if found.survey.closed_at else "",
            respondents=found.respondents,
            questions=tuple(
                SurveyQuestionRecord(
                    v.question.prompt,
                    v.question.kind.value,
                    v.result.answered,
                    v.labels,
                    v.result.counts,
                    v.result.mean,
                )
                for v in found.questions
            ),
        )
        for found in results_of(surveys, counts)
        if found.shown
    )


def results_csv(results: SurveyResults) -> str:
    """Write one row per scale point or option with its count, and one per free text."""
    header = ["question", "prompt", "kind", "answer", "count"]
    rows: list[list[csvfiles.Cell]] = []
    for view in results.questions:
        q = view.question
        if q.kind == QuestionKind.TEXT:
            rows.extend([q.position, q.prompt, q.kind.value, text, 1] for text in view.result.texts)
        else:
            rows.extend(
                [q.position, q.prompt, q.kind.value, label, n]
                for label, n in zip(view.labels, view.result.counts, strict=True)
            )
    return csvfiles.export(header, rows, bom=True)
