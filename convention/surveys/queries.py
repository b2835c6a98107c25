"""Selects for surveys: the list, who answered, the anonymous answers; eager loading here."""

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from convention.models import Convention, Membership, Survey, SurveyAnswer, SurveyParticipation


def surveys_of(convention: Convention) -> sa.Select:
    """Return the convention's surveys, newest first, with their questions."""
    return (
        sa.select(Survey)
        .where(Survey.convention_id == convention.id)
        .options(selectinload(Survey.questions))
        .order_by(Survey.id.desc())
    )


def closed_surveys(convention: Convention) -> sa.Select:
    """Return the convention's closed surveys, in the order they closed, with their questions."""
    return (
        sa.select(Survey)
        .where(Survey.convention_id == convention.id, Survey.closed_at.is_not(None))
        .options(selectinload(Survey.questions))
        .order_by(Survey.closed_at, Survey.id)
    )


def respondents(convention: Convention) -> sa.Select:
    """Count the respondents of each of the convention's surveys: (survey id, count)."""
    return (
        sa.select(SurveyParticipation.survey_id, sa.func.count(SurveyParticipation.id))
        .join(Survey, Survey.id == SurveyParticipation.survey_id)
        .where(Survey.convention_id == convention.id)
        .group_by(SurveyParticipation.survey_id)
    )


def respondent_count(survey_id: int) -> sa.Select:
    """Count the members who answered a survey."""
    return sa.select(sa.func.count(SurveyParticipation.id)).where(
        SurveyParticipation.survey_id == survey_id
    )


def answered_by(member: Membership) -> sa.Select:
    """Return the ids of the surveys the member has answered."""
    return sa.select(SurveyParticipation.survey_id).where(
        SurveyParticipation.membership_id == member.id
    )


def answers(survey_ids: list[int]) -> sa.Select:
    """Return the anonymous answers of surveys: (survey id, question id, value, text)."""
    return sa.select(
        SurveyAnswer.survey_id, SurveyAnswer.question_id, SurveyAnswer.value, SurveyAnswer.text
    ).where(SurveyAnswer.survey_id.in_(survey_ids))
