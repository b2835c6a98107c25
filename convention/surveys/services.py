"""Surveys change state here: write, open, answer once into the anonymous box, close and settle."""

import secrets

import sqlalchemy as sa
from flask_babel import force_locale, gettext as _

from convention import audit, ballot_box
from convention.clock import utcnow
from convention.errors import ServiceError
from convention.extensions import db
from convention.models import (
    Convention,
    Membership,
    Survey,
    SurveyAnswer,
    SurveyParticipation,
    SurveyQuestion,
)
from convention.rules.surveys import (
    Problem,
    QuestionKind,
    SurveyStage,
    SurveyState,
    check_answers,
)
from convention.surveys import queries
from convention.surveys.template import AGREE, TEMPLATE


class SurveyError(ServiceError):
    """A survey step refused: the message says why, in the reader's language."""


class AlreadyAnswered(SurveyError):
    """The member's answers were already recorded, once."""


class RefusedAnswers(SurveyError):
    """Some answers cannot be recorded: the problem of each question, by id."""

    def __init__(self, problems: dict[int, Problem]) -> None:
        super().__init__(_("Some answers need correcting."))
        self.problems = problems


QUESTION_FIELDS = ("kind", "prompt", "required", "low_label", "high_label", "options")


def create_survey(
    convention: Convention,
    actor: Membership,
    *,
    title: str,
    introduction: str,
    stage: SurveyStage,
    from_template: bool,
) -> Survey:
    """Create a survey, empty or with the template's questions in the convention's language."""
    survey = Survey(
        convention_id=convention.id,
        created_by_id=actor.id,
        title=title,
        introduction=introduction,
        stage=stage,
    )
    db.session.add(survey)
    db.session.flush()
    if from_template:
        _fill_from_template(survey, convention)
    audit.record(
        actor.user,
        "survey.created",
        survey,
        convention=convention,
        title=title,
        stage=stage.value,
        template=from_template,
    )
    return survey


def _fill_from_template(survey: Survey, convention: Convention) -> None:
    """Add the stage's template questions, worded in the convention's first language."""
    with force_locale(convention.languages.split(",")[0].strip() or "en"):
        low, high = (str(label) for label in AGREE)
        for position, question in enumerate(TEMPLATE.get(survey.stage, ()), start=1):
            scale = question.kind == QuestionKind.SCALE
            db.session.add(
                SurveyQuestion(
                    survey_id=survey.id,
                    convention_id=survey.convention_id,
                    position=position,
                    kind=question.kind,
                    prompt=str(question.prompt),
                    required=question.required,
                    low_label=low if scale else "",
                    high_label=high if scale else "",
                    options=[str(option) for option in question.options],
                )
            )
    db.session.flush()
    db.session.refresh(survey, ["questions"])


def add_question(survey: Survey, actor: Membership, **fields: object) -> SurveyQuestion:
    """Add a question at the end of a survey that has not opened."""
    _check_draft(survey)
    last = max((q.position for q in survey.questions), default=0)
    question = SurveyQuestion(
        survey_id=survey.id, convention_id=survey.convention_id, position=last + 1
    )
    _set_fields(question, fields)
    db.session.add(question)
    db.session.flush()
    db.session.refresh(survey, ["questions"])
    audit.record(
        actor.user,
        "survey.question_added",
        survey,
        convention=actor.convention,
        question=question.id,
    )
    return question


def edit_question(question: SurveyQuestion, actor: Membership, **fields: object) -> None:
    """Change a question of a survey that has not opened."""
    _check_draft(question.survey)
    _set_fields(question, fields)
    db.session.flush()
    audit.record(
        actor.user,
        "survey.question_changed",
        question.survey,
        convention=actor.convention,
        question=question.id,
    )


def remove_question(question: SurveyQuestion, actor: Membership) -> None:
    """Remove a question from a survey that has not opened."""
    survey = question.survey
    _check_draft(survey)
    db.session.delete(question)
    db.session.flush()
    db.session.refresh(survey, ["questions"])
    audit.record(
        actor.user,
        "survey.question_removed",
        survey,
        convention=actor.convention,
        question=question.id,
    )


def _set_fields(question: SurveyQuestion, fields: dict[str, object]) -> None:
    """Copy a question's fields; only a choice keeps options, only a scale its end labels."""
    for name in QUESTION_FIELDS:
        if name in fields:
            setattr(question, name, fields[name])
    if question.kind != QuestionKind.CHOICE:
        question.options = []
    if question.kind != QuestionKind.SCALE:
        question.low_label = question.high_label = ""


def open_survey(survey: Survey, actor: Membership) -> None:
    """Open a written survey to the panel's answers; its questions freeze."""
    _check_draft(survey)
    if not survey.questions:
        raise SurveyError(_("Add at least one question before opening the survey."))
    if any(q.kind == QuestionKind.CHOICE and len(q.options) < 2 for q in survey.questions):
        raise SurveyError(_("Give every choice question at least two options."))
    survey.opened_at = utcnow()
    db.session.flush()
    audit.record(
        actor.user,
        "survey.opened",
        survey,
        convention=actor.convention,
        questions=len(survey.questions),
    )


def close_survey(survey: Survey, actor: Membership) -> None:
    """Close an open survey and settle its box: no answer is in flight, the rows are shuffled."""
    ballot_box.lock_row(survey, "update")
    if survey.state != SurveyState.OPEN:
        raise SurveyError(_("Only an open survey can be closed."))
    survey.closed_at = survey.settled_at = utcnow()
    ballot_box.rewrite_shuffled(
        SurveyAnswer,
        SurveyAnswer.survey_id == survey.id,
        (SurveyAnswer.question_id, SurveyAnswer.value, SurveyAnswer.text),
        {"survey_id": survey.id},
    )
    db.session.flush()
    audit.record(
        actor.user,
        "survey.closed",
        survey,
        convention=actor.convention,
        respondents=db.session.scalar(queries.respondent_count(survey.id)),
    )


def answer_survey(survey: Survey, member: Membership, given: dict[int, str | None]) -> None:
    """Record a member's answers once: who answered in one table, the answers unlinked apart."""
    ballot_box.lock_row(survey, "share")
    if survey.state != SurveyState.OPEN:
        raise SurveyError(_("This survey is not open."))
    if has_answered(survey, member):
        raise AlreadyAnswered(already_answered())
    answers, problems = check_answers([q.spec for q in survey.questions], given)
    if problems:
        raise RefusedAnswers(problems)
    db.session.add(SurveyParticipation(survey_id=survey.id, membership_id=member.id))
    for question_id, answer in answers.items():
        text = answer if isinstance(answer, str) else None
        value = answer if isinstance(answer, int) else None
        db.session.add(
            SurveyAnswer(
                key=secrets.token_hex(16),
                survey_id=survey.id,
                question_id=question_id,
                value=value,
                text=text,
            )
        )
    db.session.flush()


def already_answered() -> str:
    """Tell a member that their answers were already recorded."""
    return _("Your answers to this survey were already recorded, once. Thank you.")


def has_answered(survey: Survey, member: Membership | None) -> bool:
    """Tell whether the member has answered the survey."""
    if member is None:
        return False
    found = db.session.scalar(
        sa.select(SurveyParticipation.id).where(
            SurveyParticipation.survey_id == survey.id,
            SurveyParticipation.membership_id == member.id,
        )
    )
    return found is not None


def purge() -> int:
    """Destroy the old row versions of settled surveys; return how many surveys were done."""
    pending = sa.select(Survey.id).where(Survey.settled_at.is_not(None), Survey.purged_at.is_(None))
    return ballot_box.purge(pending, Survey, ("survey_answers",))


def _check_draft(survey: Survey) -> None:
    """Refuse changes once the survey has opened: everyone answers the same questions."""
    if survey.state != SurveyState.DRAFT:
        raise SurveyError(_("The survey has opened: its questions are frozen."))
