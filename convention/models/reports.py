"""The report to the council, frozen by version, and the council's answers with their follow-up."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from convention.clock import utcnow
from convention.models.base import Base, enum_column
from convention.models.conventions import Membership
from convention.models.recommendations import Recommendation
from convention.rules.council import Decision, ImplementationStatus


class ReportDraft(Base):
    """What facilitators write around the panel's words before publishing; one per convention."""

    __tablename__ = "report_drafts"

    convention_id: Mapped[int] = mapped_column(sa.ForeignKey("conventions.id"), primary_key=True)
    introduction: Mapped[str] = mapped_column(sa.Text, default="")
    conclusion: Mapped[str] = mapped_column(sa.Text, default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class ReportVersion(Base):
    """One publication of the report: its canonical JSON and SHA-256, never overwritten."""

    __tablename__ = "report_versions"
    __table_args__ = (
        sa.UniqueConstraint("convention_id", "number"),
        sa.CheckConstraint("number > 0", name="number_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(sa.ForeignKey("conventions.id"), index=True)
    number: Mapped[int]
    content: Mapped[str] = mapped_column(sa.Text)
    sha256: Mapped[str] = mapped_column(sa.String(64))
    published_by_id: Mapped[int] = mapped_column(sa.ForeignKey("memberships.id"))
    published_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The PDFs are rendered by a job after publication: pages say "being prepared" until then.
    pdfs_ready_at: Mapped[datetime | None]
    # Why the PDFs could not be made, in English for operators, after the job's last try.
    pdfs_error: Mapped[str | None] = mapped_column(sa.Text)

    files: Mapped[list["ReportFile"]] = relationship(order_by="ReportFile.name")


class ReportFile(Base):
    """A file stored at publication (canonical JSON, CSV, a PDF per language), with its hash."""

    __tablename__ = "report_files"
    __table_args__ = (sa.UniqueConstraint("report_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(sa.ForeignKey("report_versions.id"))
    name: Mapped[str] = mapped_column(sa.String(80))
    media_type: Mapped[str] = mapped_column(sa.String(80))
    data: Mapped[bytes] = mapped_column(sa.LargeBinary)
    sha256: Mapped[str] = mapped_column(sa.String(64))


class CouncilResponse(Base):
    """The council's answer to one recommendation: its debate, its vote, its decision and why."""

    __tablename__ = "council_responses"
    __table_args__ = (
        sa.UniqueConstraint("recommendation_id"),
        sa.CheckConstraint(
            "votes_for >= 0 AND votes_against >= 0 AND votes_abstain >= 0", name="votes_positive"
        ),
        sa.CheckConstraint("decision = 'adopted' OR reasons <> ''", name="reasons_given"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(sa.ForeignKey("conventions.id"), index=True)
    recommendation_id: Mapped[int] = mapped_column(sa.ForeignKey("recommendations.id"))
    debated_on: Mapped[date]
    votes_for: Mapped[int] = mapped_column(default=0)
    votes_against: Mapped[int] = mapped_column(default=0)
    votes_abstain: Mapped[int] = mapped_column(default=0)
    decision: Mapped[Decision] = mapped_column(enum_column(Decision, "council_decision"))
    reasons: Mapped[str] = mapped_column(sa.Text, default="")
    department: Mapped[str] = mapped_column(sa.String(200), default="")
    deadline: Mapped[date | None]
    answered_by_id: Mapped[int] = mapped_column(sa.ForeignKey("memberships.id"))
    answered_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    recommendation: Mapped[Recommendation] = relationship()
    updates: Mapped[list["ImplementationUpdate"]] = relationship(
        order_by="(ImplementationUpdate.noted_on, ImplementationUpdate.id)",
        back_populates="response",
    )
    replies: Mapped[list["ResponseReply"]] = relationship(order_by="ResponseReply.id")
    # The answers this one corrected, oldest first: a correction never erases what was said.
    history: Mapped[list["CouncilResponseVersion"]] = relationship(
        order_by="CouncilResponseVersion.number", back_populates="response"
    )

    @property
    def status(self) -> ImplementationStatus | None:
        """The latest implementation status, if any update was given."""
        return self.updates[-1].status if self.updates else None

    @property
    def percent(self) -> int:
        """The latest completion percentage (0 before any update)."""
        return self.updates[-1].percent if self.updates else 0


class CouncilResponseVersion(Base):
    """An answer the council later corrected: what it said, and until when."""

    __tablename__ = "council_response_versions"
    __table_args__ = (
        sa.UniqueConstraint("response_id", "number"),
        sa.CheckConstraint(
            "votes_for >= 0 AND votes_against >= 0 AND votes_abstain >= 0", name="votes_positive"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(sa.ForeignKey("conventions.id"), index=True)
    response_id: Mapped[int] = mapped_column(sa.ForeignKey("council_responses.id"), index=True)
    number: Mapped[int]
    debated_on: Mapped[date]
    votes_for: Mapped[int] = mapped_column(default=0)
    votes_against: Mapped[int] = mapped_column(default=0)
    votes_abstain: Mapped[int] = mapped_column(default=0)
    decision: Mapped[Decision] = mapped_column(enum_column(Decision, "council_decision"))
    reasons: Mapped[str] = mapped_column(sa.Text, default="")
    department: Mapped[str] = mapped_column(sa.String(200), default="")
    deadline: Mapped[date | None]
    answered_by_id: Mapped[int] = mapped_column(sa.ForeignKey("memberships.id"))
    answered_at: Mapped[datetime]
    replaced_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Whether its deadline had passed with the work unfinished when it was corrected.
    overdue_when_replaced: Mapped[bool] = mapped_column(default=False)

    response: Mapped[CouncilResponse] = relationship(back_populates="history")


class ImplementationUpdate(Base):
    """A dated step in putting an answer into practice: status, percentage, note."""

    __tablename__ = "implementation_updates"
    __table_args__ = (sa.CheckConstraint("percent >= 0 AND percent <= 100", name="percent_range"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(sa.ForeignKey("conventions.id"), index=True)
    response_id: Mapped[int] = mapped_column(sa.ForeignKey("council_responses.id"), index=True)
    status: Mapped[ImplementationStatus] = mapped_column(
        enum_column(ImplementationStatus, "implementation_status")
    )
    percent: Mapped[int] = mapped_column(default=0)
    note: Mapped[str] = mapped_column(sa.Text, default="")
    noted_on: Mapped[date]
    author_id: Mapped[int] = mapped_column(sa.ForeignKey("memberships.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    response: Mapped[CouncilResponse] = relationship(back_populates="updates")


class ResponseReply(Base):
    """A member's public reply to the council's answer: one per member and answer."""

    __tablename__ = "response_replies"
    __table_args__ = (sa.UniqueConstraint("response_id", "membership_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    convention_id: Mapped[int] = mapped_column(sa.ForeignKey("conventions.id"), index=True)
    response_id: Mapped[int] = mapped_column(sa.ForeignKey("council_responses.id"), index=True)
    membership_id: Mapped[int] = mapped_column(sa.ForeignKey("memberships.id"))
    body: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    member: Mapped[Membership] = relationship()
