"""People with an account: citizens, facilitators, experts, council members, administrators."""

from datetime import datetime
from typing import cast

import sqlalchemy as sa
from flask_babel import gettext
from flask_login import UserMixin
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, QueryableAttribute, mapped_column
from werkzeug.security import check_password_hash, generate_password_hash

from convention.clock import utcnow
from convention.models.base import Base


def former_member() -> str:
    """Name someone whose account was erased, in the reader's language."""
    return gettext("Former member")


class User(UserMixin, Base):
    """An account; people without email sign in with a username instead."""

    __tablename__ = "users"
    __table_args__ = (
        sa.CheckConstraint("email IS NULL OR email = lower(email)", name="email_lower"),
        sa.CheckConstraint("username IS NULL OR username = lower(username)", name="username_lower"),
        sa.CheckConstraint("email IS NOT NULL OR username IS NOT NULL", name="has_login"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str | None] = mapped_column(sa.String(254), unique=True)
    username: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    stored_display_name: Mapped[str] = mapped_column("display_name", sa.String(120))
    password_hash: Mapped[str] = mapped_column(sa.String(256))
    locale: Mapped[str | None] = mapped_column(sa.String(8))
    active: Mapped[bool] = mapped_column(default=True)
    is_admin: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Set when the person's data is erased: the row stays so that their contributions keep an
    # author, but nothing in it names or reaches them any more.
    erased_at: Mapped[datetime | None]

    # Not a column: the token of the recorded session this object was loaded for.
    session_token = cast(str | None, None)

    @hybrid_property
    def display_name(self) -> str:
        """The person's name, or "former member" once their account is erased."""
        return self.stored_display_name or former_member()

    @display_name.inplace.setter
    def _display_name_setter(self, value: str) -> None:
        self.stored_display_name = value

    @display_name.inplace.expression
    @classmethod
    def _display_name_expression(cls) -> QueryableAttribute[str]:
        return cls.stored_display_name

    def get_id(self) -> str | None:
        """Give Flask-Login the session's token for its cookies, never the bare account id."""
        return self.session_token

    @property
    def is_active(self) -> bool:
        """Tell Flask-Login whether this account may sign in at all."""
        return self.active

    @property
    def login(self) -> str:
        """Return what the person types to sign in."""
        return self.email or self.username or ""

    def set_password(self, password: str, method: str = "scrypt") -> None:
        """Store a salted hash of `password`."""
        self.password_hash = generate_password_hash(password, method=method)

    def check_password(self, password: str) -> bool:
        """Tell whether `password` matches the stored hash."""
        return check_password_hash(self.password_hash, password)
