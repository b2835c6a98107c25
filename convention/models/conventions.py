"""A convention and the people in it."""

from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, QueryableAttribute, mapped_column, relationship

from convention.clock import utcnow
from convention.models.base import Base, enum_column
from convention.models.users import User, former_member
from convention.rules.phases import Phase, can_move
from convention.rules.policy import Role

if TYPE_CHECKING:
    from convention.models.recommendations import WorkingGroup


class PhaseMoveError(ValueError):
    """Raised when a phase change skips or goes backwards more than one step."""


class Convention(Base):
    """A citizen convention: a mandate, a panel, a lifecycle."""

    __tablename__ = "conventions"
    __table_args__ = (sa.CheckConstraint("slug = lower(slug)", name="slug_lower"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(64), unique=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    mandate: Mapped[str] = mapped_column(sa.Text)
    description: Mapped[str] = mapped_column(sa.Text, default="")
    charter: Mapped[str] = mapped_column(sa.Text, default="")
    phase: Mapped[Phase] = mapped_column(enum_column(Phase, "phase"), default=Phase.SETUP)
    time_zone: Mapped[str] = mapped_column(sa.String(64), default="Europe/Paris")
    languages: Mapped[str] = mapped_column(sa.String(64), default="fr,en")
    is_public: Mapped[bool] = mapped_column(default=False)
    # Who is responsible for the personal data (GDPR controller) and how to reach them.
    privacy_controller: Mapped[str] = mapped_column(sa.Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Moves with every change kept page parts show: see content_version.py.
    content_version: Mapped[int] = mapped_column(default=0, server_default="0")

    memberships: Mapped[list["Membership"]] = relationship(back_populates="convention")

    def move_to(self, target: Phase) -> Phase:
        """Move to `target` when the lifecycle allows it; return the phase left."""
        if not can_move(self.phase, target):
            raise PhaseMoveError(f"{self.phase} -> {target}")
        previous, self.phase = self.phase, target
        return previous


class Membership(Base):
    """A person's role in one convention; one per person and convention."""

    __tablename__ = "memberships"
    __table_args__ = (sa.UniqueConstraint("user_id", "convention_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    convention_id: Mapped[int] = mapped_column(sa.ForeignKey("conventions.id"), index=True)
    role: Mapped[Role] = mapped_column(enum_column(Role, "role"))
    # Emptied when the person's account is erased: pages then say "former member".
    stored_pseudonym: Mapped[str] = mapped_column("pseudonym", sa.String(80))
    active: Mapped[bool] = mapped_column(default=True)
    charter_accepted_at: Mapped[datetime | None]
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Opt-in: the member agreed that their name be published with the convention's outcome.
    name_consent_at: Mapped[datetime | None]

    user: Mapped[User] = relationship()
    convention: Mapped[Convention] = relationship(back_populates="memberships")
    # Read by the permission predicates; groups gain members through WorkingGroup.members.
    working_groups: Mapped[list["WorkingGroup"]] = relationship(
        secondary="working_group_members", viewonly=True
    )

    @property
    def group_ids(self) -> frozenset[int]:
        """The working groups whose drafts this member writes."""
        return frozenset(group.id for group in self.working_groups)

    @hybrid_property
    def is_active_citizen(self) -> bool:
        """The one definition of the panel: an active citizen membership (in Python and SQL)."""
        return self.role == Role.CITIZEN and self.active

    @is_active_citizen.inplace.expression
    @classmethod
    def _is_active_citizen_expression(cls) -> sa.ColumnElement[bool]:
        return sa.and_(cls.role == Role.CITIZEN, cls.active.is_(True))

    @hybrid_property
    def pseudonym(self) -> str:
        """The name shown to other members, or "former member" once the account is erased."""
        return self.stored_pseudonym or former_member()

    @pseudonym.inplace.setter
    def _pseudonym_setter(self, value: str) -> None:
        self.stored_pseudonym = value

    @pseudonym.inplace.expression
    @classmethod
    def _pseudonym_expression(cls) -> QueryableAttribute[str]:
        return cls.stored_pseudonym
