"""Forms facilitators use to manage the panel."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    EmailField,
    PasswordField,
    SearchField,
    SelectField,
    StringField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError

from convention.auth.forms import MIN_PASSWORD
from convention.rules.policy import Role
from convention.web import names
from convention.web.forms import BaseForm

# Usernames are stored in 64 characters (users.username).
USERNAME_MAX = 64


def _role_field() -> SelectField:
    """A role picker listing every role by its translated name."""
    return SelectField(
        _l("Role"),
        choices=[SelectChoice(role.value, names.ROLE_NAMES[role]) for role in Role],
        default=Role.CITIZEN.value,
    )


class MemberFilterForm(BaseForm):
    """Search the member list by name and filter it by role, from the page's address."""

    class Meta:
        csrf = False  # a GET search changes nothing

    q = SearchField(_l("Name or pseudonym"), validators=[Optional(), Length(max=100)])
    role = SelectField(
        _l("Role"),
        choices=[SelectChoice("", _l("Every role"))]
        + [SelectChoice(role.value, names.ROLE_NAMES[role]) for role in Role],
        default="",
    )

    def criteria(self) -> tuple[str, Role | None]:
        """Return the text searched and the role wanted; nothing when the address is wrong."""
        if not self.validate():
            return "", None
        return (self.q.data or "").strip(), Role(self.role.data) if self.role.data else None


class InviteForm(BaseForm):
    """Invite one person."""

    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)])
    email = EmailField(
        _l("Email"),
        validators=[Optional(), Email(), Length(max=254)],
        description=_l("Leave empty for someone without email: print the letter with their code."),
    )
    role = _role_field()


class InviteCsvForm(BaseForm):
    """Invite many people from a spreadsheet."""

    file = FileField(
        _l("CSV file"),
        validators=[FileRequired()],
        description=_l(
            "Columns: email, name, role (in French: courriel, nom, rôle). "
            "One person per line; email may be empty."
        ),
        render_kw={"accept": ".csv,text/csv"},
    )


class RoleForm(BaseForm):
    """Change a member's role."""

    role = _role_field()


class OnboardForm(BaseForm):
    """Create a member's account with them, at a session."""

    display_name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)])
    login = StringField(
        _l("Email or username"),
        validators=[DataRequired(), Length(min=3, max=254)],
        description=_l("What the member will type to sign in."),
    )
    pseudonym = StringField(_l("Public pseudonym"), validators=[DataRequired(), Length(max=80)])
    password = PasswordField(
        _l("Password chosen by the member"),
        validators=[DataRequired(), Length(min=MIN_PASSWORD, max=200)],
        render_kw={"autocomplete": "new-password"},
    )
    role = _role_field()
    charter = BooleanField(
        _l("The member has read and accepted the charter"),
        validators=[DataRequired(message=_l("The member must accept the charter."))],
    )

    def validate_login(self, field: StringField) -> None:
        """Refuse a username longer than accounts hold (an email address may be longer)."""
        if "@" not in (field.data or "") and len(field.data or "") > USERNAME_MAX:
            raise ValidationError(
                _l("A username has at most %(count)s characters.", count=USERNAME_MAX)
            )
