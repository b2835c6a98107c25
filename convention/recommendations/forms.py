"""Forms for recommendations, their states, supports and minority opinions."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from convention.rules.recommendations import RecommendationState
from convention.web import names
from convention.web.forms import BaseForm

# What the button moving a recommendation to each state says.
MOVE_LABELS = {
    RecommendationState.DRAFT: _l("Back to draft"),
    RecommendationState.SUBMITTED: _l("Submit to the panel"),
    RecommendationState.FINAL: _l("Freeze the final wording"),
    RecommendationState.IN_VOTE: _l("Put to the vote"),
    RecommendationState.ADOPTED: _l("Record as adopted"),
    RecommendationState.REJECTED: _l("Record as rejected"),
    RecommendationState.WITHDRAWN: _l("Withdraw"),
}


class RecommendationForm(BaseForm):
    """A recommendation: its topic and authors (when new), wording, evidence, note on changes."""

    topic_id = SelectField(_l("Topic"), coerce=int, validators=[DataRequired()])
    group_id = SelectField(
        _l("Written by"),
        coerce=int,
        description=_l("A working group, or you alone."),
    )
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    body = TextAreaField(
        _l("Recommendation"),
        validators=[DataRequired(), Length(max=20000)],
        description=_l(
            "What the city should do. Separate paragraphs with a blank line; Markdown is allowed."
        ),
    )
    rationale = TextAreaField(
        _l("Why"), validators=[Length(max=10000)], description=_l("The reasons behind it.")
    )
    impact = TextAreaField(
        _l("Expected impact"),
        validators=[Length(max=10000)],
        description=_l("Who it changes things for, and how."),
    )
    briefings = SelectMultipleField(
        _l("Briefings it relies on"),
        coerce=int,
        validators=[Optional()],
        description=_l("Evidence: hold Ctrl or Cmd to choose several."),
    )
    hearings = SelectMultipleField(_l("Hearings it relies on"), coerce=int, validators=[Optional()])
    note = StringField(
        _l("What changed, in a few words"),
        validators=[Length(max=500)],
        description=_l("Shown in the history of versions."),
    )


class StateForm(BaseForm):
    """Move a recommendation to another state."""

    target = SelectField(
        _l("New state"),
        choices=[
            SelectChoice(s.value, label) for s, label in names.RECOMMENDATION_STATE_NAMES.items()
        ],
    )


class BoardForm(BaseForm):
    """Move several recommendations at once."""

    target = SelectField(
        _l("Move the chosen recommendations to"),
        choices=[
            SelectChoice(s.value, label) for s, label in names.RECOMMENDATION_STATE_NAMES.items()
        ],
    )


class SupportForm(BaseForm):
    """Co-sign a recommendation."""

    show_pseudonym = BooleanField(_l("Show my pseudonym among the supporters"))


class OpinionForm(BaseForm):
    """A short minority opinion."""

    body = TextAreaField(
        _l("Your minority opinion"),
        id="opinion-body",  # the contribution form on the same page has its own `body`
        validators=[DataRequired(), Length(max=3000)],
        description=_l("Why you disagree, in a few sentences. It goes into the report."),
    )
