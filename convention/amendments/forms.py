"""Forms to propose an amendment and to decide on it."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, SelectField, TextAreaField
from wtforms.validators import DataRequired, Length

from convention.web.forms import BaseForm


class AmendmentForm(BaseForm):
    """New wording for the whole text or one paragraph, and why."""

    paragraph = SelectField(_l("What you amend"), coerce=int)
    new_text = TextAreaField(
        _l("Your wording"),
        validators=[DataRequired(), Length(max=20000)],
        description=_l(
            "It replaces the chosen paragraph (or the whole text). Markdown is allowed."
        ),
    )
    justification = TextAreaField(
        _l("Justification"),
        validators=[DataRequired(), Length(max=5000)],
        description=_l("Why the panel should prefer your wording."),
    )


class RejectForm(BaseForm):
    """Turn an amendment down, saying why."""

    reason = TextAreaField(
        _l("Reason, shown to everyone"), validators=[DataRequired(), Length(min=3, max=2000)]
    )
    put_to_vote = BooleanField(
        _l("Put this amendment to the panel's vote all the same"),
        description=_l("The panel will then decide between the current wording and this one."),
    )
