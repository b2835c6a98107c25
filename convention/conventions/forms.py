"""Forms for a convention's settings and phase."""

from zoneinfo import available_timezones

from flask import current_app
from flask_babel import gettext as _, lazy_gettext as _l
from wtforms import BooleanField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Regexp, ValidationError

from convention.rules.phases import Phase
from convention.web import names
from convention.web.forms import BaseForm


class PhaseForm(BaseForm):
    """Move the convention to another phase of its lifecycle."""

    phase = SelectField(
        _l("New phase"), choices=[SelectChoice(p.value, names.PHASE_NAMES[p]) for p in Phase]
    )


def _check_zone(form: BaseForm, field: StringField) -> None:
    """Accept only time zones the system knows."""
    if field.data not in available_timezones():
        raise ValidationError(_l("Unknown time zone. A valid one looks like Europe/Paris."))


def _check_languages(form: BaseForm, field: StringField) -> None:
    """Accept only the languages the platform is translated into: mails are written in them."""
    shipped = current_app.config["LANGUAGES"]
    unknown = [code for code in (field.data or "").split(",") if code not in shipped]
    if unknown:
        raise ValidationError(
            _(
                "This platform is not translated into %(codes)s. Available languages: %(shipped)s.",
                codes=", ".join(unknown),
                shipped=", ".join(shipped),
            )
        )


class ConventionForm(BaseForm):
    """A convention's settings."""

    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    mandate = TextAreaField(
        _l("Mandate question"),
        validators=[DataRequired(), Length(max=2000)],
        description=_l("The question the council asks the panel."),
    )
    description = TextAreaField(
        _l("Description"), validators=[Length(max=20000)], description=_l("Markdown is allowed.")
    )
    charter = TextAreaField(
        _l("Charter and code of conduct"),
        validators=[Length(max=50000)],
        description=_l("Every member accepts it when joining. Markdown is allowed."),
    )
    time_zone = StringField(
        _l("Time zone"), validators=[DataRequired(), _check_zone], default="Europe/Paris"
    )
    languages = StringField(
        _l("Languages"),
        validators=[
            DataRequired(),
            Regexp(r"^[a-z]{2}(,[a-z]{2})*$", message=_l("Write codes like fr,en.")),
            _check_languages,
        ],
        default="fr,en",
        description=_l("Language codes separated by commas, the main one first: fr,en"),
    )
    is_public = BooleanField(_l("Public: anyone may read the convention's public pages"))
    privacy_controller = TextAreaField(
        _l("Who is responsible for personal data"),
        validators=[Length(max=2000)],
        description=_l(
            "The organiser (data controller) and how to reach them or their data protection "
            "officer; shown on the privacy notice. Markdown is allowed."
        ),
    )


class NewConventionForm(ConventionForm):
    """Create a convention: its settings plus a permanent address."""

    slug = StringField(
        _l("Short name in the address"),
        validators=[
            DataRequired(),
            Length(min=2, max=64),
            Regexp(r"^[a-z0-9][a-z0-9-]*$", message=_l("Use lower-case letters, digits, dashes.")),
        ],
        description=_l("Lower-case letters, digits and dashes: /c/short-name"),
    )
