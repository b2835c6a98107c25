"""Forms to answer a recommendation, report progress on it, and reply to the answer."""

from flask_babel import lazy_gettext as _l
from wtforms import DateField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from convention.rules.council import (
    Decision,
    ImplementationStatus,
    percent_is_valid,
    reasons_required,
)
from convention.web import names
from convention.web.forms import BaseForm

_COUNT = [InputRequired(), NumberRange(min=0, max=1000)]


class ResponseForm(BaseForm):
    """The council's answer: its debate, its own vote, its decision and who carries it out."""

    debated_on = DateField(_l("Date of the council's debate"), validators=[DataRequired()])
    votes_for = IntegerField(_l("Councillors for"), validators=_COUNT, default=0)
    votes_against = IntegerField(_l("Councillors against"), validators=_COUNT, default=0)
    votes_abstain = IntegerField(_l("Councillors abstaining"), validators=_COUNT, default=0)
    decision = SelectField(
        _l("Decision"),
        choices=[SelectChoice(d.value, label) for d, label in names.DECISION_NAMES.items()],
        validators=[DataRequired()],
    )
    reasons = TextAreaField(
        _l("Reasons"),
        validators=[Length(max=10000)],
        description=_l("Required unless the recommendation is adopted as it stands."),
    )
    department = StringField(_l("Responsible department"), validators=[Length(max=200)])
    deadline = DateField(_l("Response deadline"), validators=[Optional()])

    def answer(self) -> dict:
        """Return the answer's fields as the service takes them."""
        return {
            "debated_on": self.debated_on.data,
            "votes": (self.votes_for.data, self.votes_against.data, self.votes_abstain.data),
            "decision": Decision(self.decision.data),
            "reasons": self.reasons.data or "",
            "department": self.department.data or "",
            "deadline": self.deadline.data,
        }

    def validate_reasons(self, field: TextAreaField) -> None:
        """Ask for reasons for anything but plain adoption."""
        decision = self.decision.data
        required = decision in set(Decision) and reasons_required(Decision(decision))
        if required and not (field.data or "").strip():
            raise ValidationError(str(_l("Give the council's reasons for this decision.")))


class UpdateForm(BaseForm):
    """A dated step in the implementation."""

    status = SelectField(
        _l("Status"),
        choices=[
            SelectChoice(s.value, label) for s, label in names.IMPLEMENTATION_STATUS_NAMES.items()
        ],
    )
    percent = IntegerField(
        _l("Completion (%)"), validators=[InputRequired(), NumberRange(min=0, max=100)], default=0
    )
    noted_on = DateField(_l("Date"), validators=[DataRequired()])
    note = TextAreaField(_l("Note"), validators=[DataRequired(), Length(max=5000)])

    def validate_percent(self, field: IntegerField) -> None:
        """Refuse a percentage that contradicts the status (completed means 100%)."""
        status = self.status.data
        known = field.data is not None and status in set(ImplementationStatus)
        if known and not percent_is_valid(ImplementationStatus(status), field.data):
            raise ValidationError(str(_l("This percentage does not fit the status.")))


class ReplyForm(BaseForm):
    """A member's public reply to the council's answer."""

    body = TextAreaField(
        _l("Your public reply"),
        validators=[DataRequired(), Length(min=3, max=3000)],
        description=_l("You may reply once to each answer. Everyone reading the page sees it."),
    )
