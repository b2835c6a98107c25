"""Evaluation surveys: questions, and who answered kept apart from what, as in secret ballots."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from convention.clock import utcnow
from convention.models.base import Base, enum_column
from convention.rules.surveys import QuestionKind, QuestionSpec, SurveyStage, SurveyState, state


class Survey(Base):
    """A questionnaire put to the panel: written, opened, closed; settled and purged like a box."""

    __tablename__ = "surveys"
    __table_args__ = (
        sa.CheckConstraint(
            "closed_at IS NULL OR (opened_at IS NOT NULL AND closed_at >= opened_at)",
            name="times",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(sa.ForeignKey("conventions.id"), index=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    introduction: Mapped[str] = mapped_column(sa.Text, default="")
    stage: Mapped[SurveyStage] = mapped_column(enum_column(SurveyStage, "survey_stage"))
    opened_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    # When the answers were shuffled (at close), and when `tick` destroyed the old row versions.
    settled_at: Mapped[datetime | None]
    purged_at: Mapped[datetime | None]
    created_by_id: Mapped[int] = mapped_column(sa.ForeignKey("memberships.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    questions: Mapped[list["SurveyQuestion"]] = relationship(
        back_populates="survey", order_by="(SurveyQuestion.position, SurveyQuestion.id)"
    )

    @property
    def state(self) -> SurveyState:
        """The state its times say."""
        return state(self.opened_at, self.closed_at)


class SurveyQuestion(Base):
    """One question: a 1-5 scale with end labels, a single choice among options, or free text."""

    __tablename__ = "survey_questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(sa.ForeignKey("surveys.id"), index=True)
    convention_id: Mapped[int] = mapped_column(sa.ForeignKey("conventions.id"), index=True)
    position: Mapped[int]
    kind: Mapped[QuestionKind] = mapped_column(enum_column(QuestionKind, "survey_question_kind"))
    prompt: Mapped[str] = mapped_column(sa.Text)
    required: Mapped[bool] = mapped_column(default=False)
    low_label: Mapped[str] = mapped_column(sa.String(100), default="")
    high_label: Mapped[str] = mapped_column(sa.String(100), default="")
    options: Mapped[list[str]] = mapped_column(sa.JSON, default=list)

    survey: Mapped[Survey] = relationship(back_populates="questions")

    @property
    def spec(self) -> QuestionSpec:
        """What the rules need to check and count its answers."""
        return QuestionSpec(self.id, self.kind, self.required, len(self.options or ()))


class SurveyParticipation(Base):
    """Who answered a survey, stored apart from the answers; once per member."""

    __tablename__ = "survey_participations"
    __table_args__ = (sa.UniqueConstraint("survey_id", "membership_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(sa.ForeignKey("surveys.id"), index=True)
    membership_id: Mapped[int] = mapped_column(sa.ForeignKey("memberships.id"), index=True)
    # Deliberately no timestamp: with one, times could be matched against the answers.


class SurveyAnswer(Base):
    """One anonymous answer: a random key, the question, a value or a text; no member, no time."""

    __tablename__ = "survey_answers"
    __table_args__ = (
        sa.CheckConstraint("(value IS NULL) <> (text IS NULL)", name="value_or_text"),
    )

    key: Mapped[str] = mapped_column(sa.String(32), primary_key=True)
    survey_id: Mapped[int] = mapped_column(sa.ForeignKey("surveys.id"), index=True)
    question_id: Mapped[int] = mapped_column(sa.ForeignKey("survey_questions.id"), index=True)
    value: Mapped[int | None]
    text: Mapped[str | None] = mapped_column(sa.Text)
