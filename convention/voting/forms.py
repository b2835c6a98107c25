"""Forms for ballots: settings, items, the vote itself, paper counts and proxies."""

from datetime import datetime
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from convention.models import Ballot, Membership
from convention.rules.tally import Choice, Count, Grade, Majority, Method
from convention.web.forms import BaseForm

CHOICE_NAMES = {
    Choice.FOR: _l("For"),
    Choice.AGAINST: _l("Against"),
    Choice.ABSTAIN: _l("Abstain"),
}
GRADE_NAMES = {
    Grade.EXCELLENT: _l("Excellent"),
    Grade.VERY_GOOD: _l("Very good"),
    Grade.GOOD: _l("Good"),
    Grade.FAIR: _l("Fair"),
    Grade.PASSABLE: _l("Passable"),
    Grade.INSUFFICIENT: _l("Insufficient"),
    Grade.REJECT: _l("To reject"),
}
METHOD_NAMES = {
    Method.APPROVAL: _l("For, against or abstain on each item"),
    Method.JUDGMENT: _l("Prioritisation by majority judgment"),
}
MAJORITY_NAMES = {
    Majority.EXPRESSED: _l("Of the votes expressed"),
    Majority.MEMBERS: _l("Of all eligible members (absolute majority)"),
}
THRESHOLDS = {"1/2": _l("More than half"), "2/3": _l("Two-thirds"), "pct": _l("A percentage")}


def _options(names: dict) -> list[SelectChoice]:
    """Offer a mapping of values to names as choices."""
    return [SelectChoice(str(value), label) for value, label in names.items()]


class BallotForm(BaseForm):
    """A ballot's settings, shown to voters before they vote and frozen at opening."""

    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    description = TextAreaField(_l("Explanation for voters"), validators=[Length(max=5000)])
    method = SelectField(_l("Method"), choices=_options(METHOD_NAMES), default=Method.APPROVAL)
    majority = SelectField(
        _l("Majority"), choices=_options(MAJORITY_NAMES), default=Majority.EXPRESSED
    )
    threshold = SelectField(_l("Votes for needed"), choices=_options(THRESHOLDS), default="1/2")
    percent = IntegerField(
        _l("Percentage, if chosen above"),
        validators=[Optional(), NumberRange(min=1, max=100)],
    )
    abstentions_expressed = BooleanField(_l("Count abstentions as votes expressed"))
    quorum_percent = IntegerField(
        _l("Quorum (percent of eligible members who must take part)"),
        default=0,
        validators=[InputRequired(), NumberRange(min=0, max=100)],
    )
    secret = BooleanField(_l("Secret ballot"), default=True)
    opens_at = DateTimeLocalField(
        _l("Opens at"),
        validators=[Optional()],
        description=_l("Leave empty to open it by hand."),
    )
    closes_at = DateTimeLocalField(
        _l("Closes at"),
        validators=[Optional()],
        description=_l("Leave empty to close it by hand."),
    )

    def validate_threshold(self, field: SelectField) -> None:
        """Ask for the percentage when the threshold is one (an empty one skips its own checks)."""
        if field.data == "pct" and not self.percent.data:
            raise ValidationError(_l("Give the percentage of votes for needed."))

    def validate_closes_at(self, field: DateTimeLocalField) -> None:
        """Refuse a ballot that would close before it opens."""
        if field.data and self.opens_at.data and field.data <= self.opens_at.data:
            raise ValidationError(_l("The ballot must close after it opens."))

    def load(self, ballot: Ballot, time_zone: str) -> None:
        """Show a ballot's threshold and times as they were typed, in the convention's zone."""
        pair = (ballot.threshold_num, ballot.threshold_den)
        self.threshold.data = {(1, 2): "1/2", (2, 3): "2/3"}.get(pair, "pct")
        self.percent.data = ballot.threshold_num if self.threshold.data == "pct" else None
        zone = ZoneInfo(time_zone)
        for field, value in ((self.opens_at, ballot.opens_at), (self.closes_at, ballot.closes_at)):
            field.data = value.astimezone(zone).replace(tzinfo=None) if value else None

    def settings(self, time_zone: str) -> dict:
        """Return the settings as the ballot stores them, times in UTC."""
        num, den = {"1/2": (1, 2), "2/3": (2, 3)}.get(self.threshold.data, (self.percent.data, 100))
        return {
            "title": (self.title.data or "").strip(),
            "description": (self.description.data or "").strip(),
            "method": Method(self.method.data),
            "majority": Majority(self.majority.data),
            "threshold_num": num,
            "threshold_den": den,
            "abstentions_expressed": self.abstentions_expressed.data,
            "quorum_percent": self.quorum_percent.data,
            "secret": self.secret.data,
            "opens_at": _aware(self.opens_at.data, time_zone),
            "closes_at": _aware(self.closes_at.data, time_zone),
        }


def _aware(value: datetime | None, time_zone: str) -> datetime | None:
    """Read a local time typed in the convention's zone."""
    return value.replace(tzinfo=ZoneInfo(time_zone)) if value else None


class ItemForm(BaseForm):
    """An item to add: a final recommendation, an amendment put to the vote, or a question."""

    subject = SelectField(_l("What to put to the vote"), validators=[DataRequired()])
    title = StringField(_l("Question title (for a free question)"), validators=[Length(max=200)])
    question = TextAreaField(_l("Question"), validators=[Length(max=5000)])

    def validate_title(self, field: StringField) -> None:
        """Ask for a title for a free question."""
        if self.subject.data == "question" and not (field.data or "").strip():
            raise ValidationError(_l("Give the question a title."))


class VoteForm(BaseForm):
    """One answer per item, then a confirmation; built for each ballot."""

    confirmed = HiddenField()

    def answers(self, ballot: Ballot) -> dict[int, Choice | Grade]:
        """Return the answers by item id."""
        if ballot.method == Method.JUDGMENT:
            return {item.id: Grade(int(self[f"item_{item.id}"].data)) for item in ballot.items}
        return {item.id: Choice(self[f"item_{item.id}"].data) for item in ballot.items}


def vote_form(ballot: Ballot, base: type = VoteForm, **kwargs) -> VoteForm:
    """Build the vote form of a ballot: one required select per item."""
    if ballot.method == Method.JUDGMENT:
        options = [SelectChoice("", _l("Choose a grade"))] + [
            SelectChoice(str(int(g)), n) for g, n in GRADE_NAMES.items()
        ]
    else:
        options = [SelectChoice("", _l("Choose"))] + [
            SelectChoice(c.value, n) for c, n in CHOICE_NAMES.items()
        ]

    class BallotVoteForm(base):  # type: ignore[valid-type,misc]
        pass

    for item in ballot.items:
        field = SelectField(item.title, choices=options, validators=[DataRequired()])
        setattr(BallotVoteForm, f"item_{item.id}", field)
    return BallotVoteForm(**kwargs)


class ProxyForm(VoteForm):
    """A vote cast by a facilitator on behalf of a named member, at their request."""

    member = SelectField(_l("On behalf of"), coerce=int, validators=[DataRequired()])


class PaperForm(BaseForm):
    """Members ticked as having voted on paper, and each item's hand count."""

    members = SelectMultipleField(
        _l("Members who voted on paper"), coerce=int, validators=[DataRequired()]
    )

    def counts(self, ballot: Ballot) -> dict[int, Count]:
        """Return the hand count of each item."""
        return {
            item.id: Count(*(self[f"{key}_{item.id}"].data for key in ("yes", "no", "abstain")))
            for item in ballot.items
        }


def paper_form(ballot: Ballot, members: list[Membership]) -> PaperForm:
    """Build the paper form: the members, then for / against / abstain counts per item."""
    names = {"yes": _l("For"), "no": _l("Against"), "abstain": _l("Abstain")}

    class BallotPaperForm(PaperForm):
        pass

    for item in ballot.items:
        for key, name in names.items():
            field = IntegerField(
                f"{item.title}: {name}",
                default=0,
                validators=[InputRequired(), NumberRange(min=0, max=10000)],
            )
            setattr(BallotPaperForm, f"{key}_{item.id}", field)
    form = BallotPaperForm()
    form.members.choices = member_choices(members)
    return form


class ActionForm(BaseForm):
    """An empty form: buttons that only need the CSRF token."""


def member_choices(members: list[Membership]) -> list[SelectChoice]:
    """Offer members by pseudonym."""
    return [SelectChoice(m.id, m.pseudonym) for m in members]
