"""Forms for signing in, joining and managing one's account."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, PasswordField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    Email,
    EqualTo,
    Length,
    Optional,
    Regexp,
)

from convention.web.forms import BaseForm
from convention.web.i18n import language_names

MIN_PASSWORD = 10


def language_choices() -> list[SelectChoice]:
    """Offer every shipped language, each named in itself."""
    return [SelectChoice(code, name) for code, name in language_names()]


def _new_password(label: str = _l("Password")) -> PasswordField:
    """A new-password field with the platform's minimum length."""
    return PasswordField(
        label,
        validators=[DataRequired(), Length(min=MIN_PASSWORD, max=200)],
        description=_l("At least %(n)s characters.", n=MIN_PASSWORD),
        render_kw={"autocomplete": "new-password"},
    )


def _confirm(field: str = "password") -> PasswordField:
    """A field that must repeat the new password."""
    return PasswordField(
        _l("Repeat the password"),
        validators=[DataRequired(), EqualTo(field, message=_l("The two passwords differ."))],
        render_kw={"autocomplete": "new-password"},
    )


class LoginForm(BaseForm):
    """Sign in with an email address or a username."""

    login = StringField(
        _l("Email or username"),
        validators=[DataRequired(), Length(max=254)],
        render_kw={"autocomplete": "username"},
    )
    password = PasswordField(
        _l("Password"), validators=[DataRequired()], render_kw={"autocomplete": "current-password"}
    )
    remember = BooleanField(_l("Keep me signed in on this device"))


class JoinCodeForm(BaseForm):
    """Type the code printed on an invitation letter."""

    code = StringField(
        _l("Invitation code"),
        validators=[DataRequired(), Length(max=40)],
        description=_l("The code on your letter, for example ABCD-EFGH-JKLM."),
        render_kw={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"},
    )


class JoinExistingForm(BaseForm):
    """Join a convention with the account one is signed in with."""

    pseudonym = StringField(
        _l("Public pseudonym"),
        validators=[DataRequired(), Length(max=80)],
        description=_l("Shown beside your contributions instead of your name."),
    )
    charter = BooleanField(
        _l("I have read and accept the charter and its code of conduct"),
        validators=[DataRequired(message=_l("You must accept the charter to join."))],
    )


class JoinNewForm(JoinExistingForm):
    """Create an account while accepting an invitation."""

    display_name = StringField(
        _l("Your name"),
        validators=[DataRequired(), Length(max=120)],
        description=_l("Seen by the facilitators only."),
        render_kw={"autocomplete": "name"},
    )
    username = StringField(
        _l("Username"),
        validators=[
            Optional(),
            Length(min=3, max=64),
            Regexp(r"^[A-Za-z0-9._-]+$", message=_l("Use letters, digits, dots, dashes only.")),
        ],
        description=_l("Needed only if you have no email address: you will sign in with it."),
        render_kw={"autocomplete": "username"},
    )
    password = _new_password()
    confirm = _confirm()


class ResetRequestForm(BaseForm):
    """Ask for a password reset link."""

    email = StringField(
        _l("Email"),
        validators=[DataRequired(), Email(), Length(max=254)],
        render_kw={"autocomplete": "email"},
    )


class ResetPasswordForm(BaseForm):
    """Choose a new password from a reset link."""

    password = _new_password(_l("New password"))
    confirm = _confirm()


class AccountForm(BaseForm):
    """Change one's name and language."""

    display_name = StringField(_l("Your name"), validators=[DataRequired(), Length(max=120)])
    locale = SelectField(_l("Language"), choices=language_choices)


class PasswordChangeForm(BaseForm):
    """Change one's password, proving the current one."""

    current_password = PasswordField(
        _l("Current password"),
        validators=[DataRequired()],
        render_kw={"autocomplete": "current-password"},
    )
    new_password = _new_password(_l("New password"))
    confirm = _confirm("new_password")


def validate_username_or_email(form: JoinNewForm, has_email: bool) -> bool:
    """Require a username when the invitation has no email address to sign in with."""
    if has_email or form.username.data:
        return True
    form.username.errors = [
        *form.username.errors,
        _l("Choose a username: you will sign in with it."),
    ]
    return False


class EndSessionsForm(BaseForm):
    """Sign out on every device: a button protected against cross-site requests."""
