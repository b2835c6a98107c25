"""Forms for surveys: the survey, a question, and the answer form built from its questions."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from convention.models import Survey, SurveyQuestion
from convention.rules.surveys import (
    MAX_OPTIONS,
    MAX_TEXT,
    Problem,
    QuestionKind,
)
from convention.surveys.template import TEMPLATE
from convention.web import names
from convention.web.forms import BaseForm

PROBLEMS = {
    Problem.MISSING: _l("Answer this question."),
    Problem.OUT_OF_RANGE: _l("Choose one of the answers offered."),
    Problem.TOO_LONG: _l("Shorten this answer to %(max)s characters.", max=MAX_TEXT),
}


class SurveyForm(BaseForm):
    """A new survey: its title, introduction, stage, and whether to start from the template."""

    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    introduction = TextAreaField(
        _l("Introduction"),
        validators=[Length(max=5000)],
        description=_l("Shown above the questions: why you ask, how answers are kept anonymous."),
    )
    stage = SelectField(
        _l("When in the process"),
        choices=[
            SelectChoice(stage.value, name) for stage, name in names.SURVEY_STAGE_NAMES.items()
        ],
        validators=[DataRequired()],
    )
    from_template = BooleanField(
        _l("Start from the evaluation template for this stage"),
        description=_l(
            "Questions after the OECD's Evaluation Guidelines for Representative Deliberative "
            "Processes (2021), in the convention's language; you can change them before opening."
        ),
    )

    def validate_from_template(self, field: BooleanField) -> None:
        """Refuse the template for a stage it has no questions for."""
        if field.data and self.stage.data not in {stage.value for stage in TEMPLATE}:
            raise ValidationError(_l("The template covers before, during and after only."))


class QuestionForm(BaseForm):
    """A question: its kind, wording, whether it must be answered, end labels or options."""

    kind = SelectField(
        _l("Kind of question"),
        choices=[
            SelectChoice(kind.value, name) for kind, name in names.QUESTION_KIND_NAMES.items()
        ],
        validators=[DataRequired()],
    )
    prompt = TextAreaField(_l("Question"), validators=[DataRequired(), Length(max=1000)])
    required = BooleanField(_l("An answer is required"))
    low_label = StringField(
        _l("Label of 1 (scale only)"),
        validators=[Length(max=100)],
        description=_l("For example: Strongly disagree."),
    )
    high_label = StringField(
        _l("Label of 5 (scale only)"),
        validators=[Length(max=100)],
        description=_l("For example: Strongly agree."),
    )
    options = TextAreaField(
        _l("Options (one choice only)"),
        validators=[Length(max=3000)],
        description=_l("One option per line, from 2 to %(max)s.", max=MAX_OPTIONS),
    )

    @classmethod
    def of(cls, question: SurveyQuestion) -> "QuestionForm":
        """Fill the form with a question as it stands (a submitted form wins)."""
        return cls(
            data={
                "kind": question.kind.value,
                "prompt": question.prompt,
                "required": question.required,
                "low_label": question.low_label,
                "high_label": question.high_label,
                "options": "\n".join(question.options or ()),
            }
        )

    def option_list(self) -> list[str]:
        """Return the options given, one per non-blank line."""
        return [line.strip() for line in (self.options.data or "").splitlines() if line.strip()]

    def validate_options(self, field: TextAreaField) -> None:
        """Ask a choice question for 2 to MAX_OPTIONS options of at most 200 characters."""
        if self.kind.data != QuestionKind.CHOICE.value:
            return
        options = self.option_list()
        if not 2 <= len(options) <= MAX_OPTIONS or any(len(o) > 200 for o in options):
            raise ValidationError(
                _l("Give from 2 to %(max)s options of at most 200 characters.", max=MAX_OPTIONS)
            )

    def fields(self) -> dict[str, object]:
        """Return the question's fields as the service takes them."""
        return {
            "kind": QuestionKind(self.kind.data),
            "prompt": self.prompt.data.strip(),
            "required": bool(self.required.data),
            "low_label": self.low_label.data.strip(),
            "high_label": self.high_label.data.strip(),
            "options": self.option_list(),
        }


class AnswerForm(BaseForm):
    """The answers to a survey: one field per question, named after its id."""

    def answers(self) -> dict[int, str | None]:
        """Return the raw answer given to each question, by question id."""
        return {int(f.name[1:]): f.data for f in self if f.name.startswith("q")}

    def add_problems(self, problems: dict[int, Problem]) -> None:
        """Show each refused answer's problem on its field."""
        for question_id, problem in problems.items():
            self[f"q{question_id}"].errors = [PROBLEMS[problem]]


def answer_form(survey: Survey) -> AnswerForm:
    """Build the answer form of a survey: radio buttons for scales and choices, text areas."""

    class Form(AnswerForm):
        pass

    for q in survey.questions:
        validators = [Optional()]
        if q.kind == QuestionKind.TEXT:
            field = TextAreaField(q.prompt, validators=validators)
        else:
            options = range(1, 6) if q.kind == QuestionKind.SCALE else range(len(q.options))
            choices = [
                SelectChoice(str(i), str(i) if q.kind == QuestionKind.SCALE else q.options[i])
                for i in options
            ]
            # The rules check the answer set as a whole: the form only reads and renders it.
            field = RadioField(
                q.prompt, choices=choices, validators=validators, validate_choice=False
            )
        setattr(Form, f"q{q.id}", field)
    return Form()
