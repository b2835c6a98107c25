"""Forms for ballots: settings, items, the vote itself, paper counts, proxies, receipts."""

import re
from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
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
from wtforms.widgets import CheckboxInput, ListWidget

from convention.models import Ballot, Membership
from convention.rules.tally import Choice, Count, Grade, Majority, Method
from convention.web import names
from convention.web.forms import BaseForm

# The form's values are one character each, so a vote request is as long whatever it chooses.
CHOICE_CODES = {Choice.FOR: "1", Choice.AGAINST: "2", Choice.ABSTAIN: "3"}
THRESHOLDS = {"1/2": _l("More than half"), "2/3": _l("Two-thirds"), "pct": _l("A percentage")}


def _options(names: dict) -> list[SelectChoice]:
    """Offer a mapping of values to names as choices."""
    return [SelectChoice(str(value), label) for value, label in names.items()]


class BallotForm(BaseForm):
    """A ballot's settings, shown to voters before they vote and frozen at opening."""

    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    description = TextAreaField(_l("Explanation for voters"), validators=[Length(max=5000)])
    method = SelectField(
        _l("Method"), choices=_options(names.VOTING_METHOD_NAMES), default=Method.APPROVAL
    )
    majority = SelectField(
        _l("Majority"), choices=_options(names.MAJORITY_NAMES), default=Majority.EXPRESSED
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
    # What the review page saw recorded: a stale basis means the page was already submitted.
    basis = HiddenField()
    # The review page's second button: back to the form, the answers carried in the request.
    change = SubmitField(_l("Go back and change"))

    def reopened(self) -> "VoteForm":
        """Return the form ready to be filled again, its answers kept, its confirmation cleared."""
        self.confirmed.data = self.basis.data = ""
        return self

    def answers(self, ballot: Ballot) -> dict[int, Choice | Grade]:
        """Return the answers by item id."""
        by_code = {code: answer for answer, code in answer_codes(ballot).items()}
        return {item.id: by_code[self[f"item_{item.id}"].data] for item in ballot.items}


def answer_codes(ballot: Ballot) -> dict[Choice | Grade, str]:
    """Return the form value of each possible answer of a ballot, all of one length."""
    if ballot.method == Method.JUDGMENT:
        return {grade: str(int(grade)) for grade in names.GRADE_NAMES}
    return {choice: code for choice, code in CHOICE_CODES.items()}


def answer_options(ballot: Ballot) -> list[SelectChoice]:
    """Offer every answer of a ballot, named in the reader's language."""
    named: dict = names.GRADE_NAMES if ballot.method == Method.JUDGMENT else names.CHOICE_NAMES
    return [SelectChoice(code, named[a]) for a, code in answer_codes(ballot).items()]


def padded_names(ballot: Ballot) -> dict[Choice | Grade, Markup]:
    """Name every answer, escaped and padded with spaces to one byte length for the page."""
    named: dict = names.GRADE_NAMES if ballot.method == Method.JUDGMENT else names.CHOICE_NAMES
    escaped = {answer: escape(str(name)) for answer, name in named.items()}
    width = max(len(text.encode()) for text in escaped.values())
    return {a: t + " " * (width - len(t.encode())) for a, t in escaped.items()}


def vote_form(ballot: Ballot, base: type = VoteForm, **kwargs) -> VoteForm:
    """Build the vote form of a ballot: one required group of radio buttons per item."""
    message = _l("Choose a grade.") if ballot.method == Method.JUDGMENT else _l("Choose an answer.")

    class BallotVoteForm(base):
        pass

    for item in ballot.items:
        field = RadioField(
            item.title, choices=answer_options(ballot), invalid_choice_message=message
        )
        setattr(BallotVoteForm, f"item_{item.id}", field)
    return BallotVoteForm(**kwargs)


def current_answers(ballot: Ballot, votes: Sequence) -> dict[str, str]:
    """Return a roll-call member's recorded votes as form data, to preselect when changing."""
    codes = answer_codes(ballot)
    return {
        f"item_{v.item_id}": codes[v.choice if v.choice is not None else Grade(v.grade)]
        for v in votes
    }


class PaperForm(BaseForm):
    """Members ticked as having voted on paper, and each item's hand count."""

    members = SelectMultipleField(
        _l("Members who voted on paper"),
        coerce=int,
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
    )

    def validate_members(self, field: SelectMultipleField) -> None:
        """Ask for at least one member."""
        if not field.data:
            raise ValidationError(_l("Tick the members who voted on paper."))

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


class RollCallPaperForm(BaseForm):
    """Each member's paper vote in a roll-call ballot, item by item; blank for no paper vote."""

    def answers(self, ballot: Ballot, members: list[Membership]) -> dict[Membership, dict]:
        """Return the paper votes by member, for the members who voted on paper."""
        by_code = {code: answer for answer, code in answer_codes(ballot).items()}
        found = {}
        for member in members:
            values = {i.id: self[f"m{member.id}_i{i.id}"].data for i in ballot.items}
            if any(values.values()):
                found[member] = {item_id: by_code[v] for item_id, v in values.items()}
        return found

    def validate(self, extra_validators=None) -> bool:
        """Refuse a member answered on some items only, and a form with nobody answered."""
        if not super().validate(extra_validators):
            return False
        rows = [[f for f in self if f.name.startswith(prefix)] for prefix in self._members]
        for fields in rows:
            if any(f.data for f in fields) and not all(f.data for f in fields):
                fields[0].errors = [_l("Give this member's vote on every item.")]
                return False
        if not any(f.data for fields in rows for f in fields):
            if rows:
                rows[0][0].errors = [_l("Give the paper vote of at least one member.")]
            return False
        return True


def roll_call_paper_form(ballot: Ballot, members: list[Membership]) -> RollCallPaperForm:
    """Build the roll-call paper form: one optional answer per member and item."""
    options = [SelectChoice("", _l("No paper vote"))] + answer_options(ballot)

    class BallotRollCallPaperForm(RollCallPaperForm):
        _members = [f"m{m.id}_" for m in members]

    for member in members:
        for item in ballot.items:
            field = SelectField(f"{member.pseudonym}: {item.title}", choices=options, default="")
            setattr(BallotRollCallPaperForm, f"m{member.id}_i{item.id}", field)
    return BallotRollCallPaperForm()


def member_choices(members: list[Membership]) -> list[SelectChoice]:
    """Offer members by pseudonym."""
    return [SelectChoice(m.id, m.pseudonym) for m in members]


class ReceiptCheckForm(BaseForm):
    """A receipt code typed in to check that its ballot was counted."""

    code = StringField(
        _l("Your receipt code"),
        validators=[DataRequired(), Length(max=60)],
        description=_l("Four groups of six letters and digits, as shown when you voted."),
    )

    def validate_code(self, field: StringField) -> None:
        """Accept the code in any case, with or without hyphens and spaces."""
        digits = re.sub(r"[\s-]", "", field.data or "").upper()
        if not re.fullmatch(r"[0-9A-F]{24}", digits):
            raise ValidationError(
                _l("A receipt code has 24 letters and digits, like 1A2B3C-4D5E6F-7A8B9C-0D1E2F.")
            )
        field.data = "-".join(digits[i : i + 6] for i in range(0, 24, 6))
