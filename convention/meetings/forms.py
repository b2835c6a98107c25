"""Forms for sessions, their agenda and attendance."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    DateTimeLocalField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
    URLField,
)
from wtforms.validators import URL, DataRequired, Length, NumberRange, Optional, ValidationError

from convention.topics.forms import MARKDOWN_HINT
from convention.web.forms import BaseForm


def _web_link(form: BaseForm, field: URLField) -> None:
    """Accept only http and https addresses."""
    if field.data and not field.data.lower().startswith(("http://", "https://")):
        raise ValidationError(_l("Give an address starting with https:// or http://."))


class SessionForm(BaseForm):
    """A session's time, place and purpose."""

    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    starts_at = DateTimeLocalField(
        _l("Starts"),
        validators=[DataRequired()],
        format="%Y-%m-%dT%H:%M",
        description=_l("In the convention's time zone."),
    )
    ends_at = DateTimeLocalField(_l("Ends"), validators=[DataRequired()], format="%Y-%m-%dT%H:%M")
    location = StringField(
        _l("Place"),
        validators=[Length(max=300)],
        description=_l("Address and room, with access details."),
    )
    online_url = URLField(
        _l("Video link"),
        validators=[Optional(), URL(require_tld=False), _web_link, Length(max=500)],
    )
    description = TextAreaField(
        _l("Details"), validators=[Length(max=20000)], description=MARKDOWN_HINT
    )

    def validate_ends_at(self, field: DateTimeLocalField) -> None:
        """Refuse a session that ends before it starts."""
        if self.starts_at.data and field.data and field.data <= self.starts_at.data:
            raise ValidationError(_l("The end must come after the start."))


class AgendaItemForm(BaseForm):
    """One point of the agenda."""

    title = StringField(_l("Agenda item"), validators=[DataRequired(), Length(max=200)])
    minutes = IntegerField(
        _l("Duration in minutes"), validators=[Optional(), NumberRange(min=1, max=600)]
    )
    topic_id = SelectField(_l("Topic"), coerce=int, default=0)
