"""Forms for comments, flags and moderation decisions."""

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length

from convention.rules.comments import Stance
from convention.web import names
from convention.web.forms import BaseForm
from convention.web.lengths import MaxLength

MAX_BODY = 5000
# Said after any contribution is saved, wherever it was posted.
PUBLISHED = _l("Your contribution is published.")

STANCE_CHOICES_LABELS = {
    Stance.REMARK: _l("A remark"),
    Stance.FOR: _l("An argument for"),
    Stance.AGAINST: _l("An argument against"),
    Stance.QUESTION: _l("A question"),
}


class CommentForm(BaseForm):
    """A contribution: what kind it is, and its text."""

    stance = SelectField(
        _l("Your contribution is"),
        choices=[SelectChoice(s.value, label) for s, label in STANCE_CHOICES_LABELS.items()],
        default=Stance.REMARK.value,
    )
    body = TextAreaField(
        _l("Your contribution"),
        validators=[DataRequired(), MaxLength(MAX_BODY)],
        description=_l("Plain text; Markdown is allowed. Please respect the charter."),
    )


class FlagForm(BaseForm):
    """Report a contribution to the facilitators."""

    reason = SelectField(
        _l("What is wrong?"),
        choices=[SelectChoice(r.value, label) for r, label in names.FLAG_REASON_NAMES.items()],
    )
    note = StringField(
        _l("Details for the facilitators"),
        validators=[Length(max=500)],
        description=_l("Optional. Only the facilitators read it."),
    )


class HideForm(BaseForm):
    """Hide a contribution, saying why to everyone."""

    reason = TextAreaField(
        _l("Reason, shown in place of the contribution"),
        validators=[DataRequired(), Length(min=3, max=500)],
        description=_l("Refer to the charter, e.g. “Personal attack (charter, rule 1).”"),
    )
