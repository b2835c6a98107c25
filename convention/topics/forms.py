"""Forms for topics, briefings, hearings and information requests."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import BooleanField, DateTimeLocalField, StringField, TextAreaField, URLField
from wtforms.validators import URL, DataRequired, Length, Optional, ValidationError

from convention.web.forms import BaseForm

MARKDOWN_HINT = _l("Markdown is allowed: **bold**, *italic*, lists, links.")


def _web_link(form: BaseForm, field: URLField) -> None:
    """Accept only http and https addresses."""
    if field.data and not field.data.lower().startswith(("http://", "https://")):
        raise ValidationError(_l("Give an address starting with https:// or http://."))


class TopicForm(BaseForm):
    """A topic's title and text."""

    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    summary = StringField(
        _l("Summary"),
        validators=[Length(max=500)],
        description=_l("One sentence shown in the list of topics."),
    )
    body = TextAreaField(_l("Text"), validators=[Length(max=50000)], description=MARKDOWN_HINT)
    is_open = BooleanField(_l("Open for contributions"), default=True)


class BriefingForm(BaseForm):
    """A briefing: a note, its sources, a link and a file."""

    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    body = TextAreaField(_l("Note"), validators=[Length(max=50000)], description=MARKDOWN_HINT)
    sources = TextAreaField(
        _l("Sources"),
        validators=[Length(max=5000)],
        description=_l("Where the information comes from, and any interest the author declares."),
    )
    link_url = URLField(
        _l("Link"),
        validators=[Optional(), URL(require_tld=False), _web_link, Length(max=500)],
        description=_l("A page or video to read or watch, starting with https://"),
    )
    file = FileField(
        _l("Document"),
        description=_l("PDF, image (PNG, JPEG, WebP), or a text, spreadsheet or slides file."),
        render_kw={"accept": ".pdf,.png,.jpg,.jpeg,.webp,.odt,.ods,.odp,.docx,.xlsx,.pptx"},
    )


class HearingForm(BaseForm):
    """An expert hearing on a topic."""

    expert_name = StringField(_l("Expert"), validators=[DataRequired(), Length(max=120)])
    affiliation = StringField(_l("Affiliation"), validators=[Length(max=200)])
    interests = TextAreaField(
        _l("Declared interests"),
        validators=[Length(max=5000)],
        description=_l("Funding, employers, memberships the expert declares."),
    )
    held_at = DateTimeLocalField(
        _l("Date and time"), validators=[Optional()], format="%Y-%m-%dT%H:%M"
    )
    summary = TextAreaField(
        _l("Summary of the hearing"), validators=[Length(max=50000)], description=MARKDOWN_HINT
    )


class QuestionForm(BaseForm):
    """A member's question to the experts."""

    question = TextAreaField(
        _l("Your question"),
        validators=[DataRequired(), Length(max=2000)],
        description=_l("An expert or a facilitator answers it here for everyone."),
    )


class AnswerForm(BaseForm):
    """An expert's answer to a question."""

    answer = TextAreaField(
        _l("Answer"), validators=[DataRequired(), Length(max=20000)], description=MARKDOWN_HINT
    )
