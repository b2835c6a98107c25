"""Forms to write around the report and to publish it."""

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, TextAreaField
from wtforms.validators import Length, NumberRange, Optional
from wtforms.widgets import HiddenInput

from convention.web.forms import BaseForm


class ReportDraftForm(BaseForm):
    """The facilitators' introduction and conclusion; the panel's words are never edited here."""

    # Ids of their own: the preview below the form has `introduction` and `conclusion` headings.
    introduction = TextAreaField(
        _l("Introduction"),
        validators=[Length(max=20000)],
        description=_l("Markdown is allowed. It opens the report, before the recommendations."),
        id="draft-introduction",
    )
    conclusion = TextAreaField(
        _l("Conclusion"), validators=[Length(max=20000)], id="draft-conclusion"
    )


class PublishForm(BaseForm):
    """A button that publishes a new version, protected against cross-site requests."""

    # The latest version when the publication was confirmed: a replay finds a newer one.
    latest = IntegerField(widget=HiddenInput(), validators=[Optional(), NumberRange(min=0)])
