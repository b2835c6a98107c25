"""Forms for working groups, their members, the draw and the members' attributes."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from convention.web.forms import BaseForm


class GroupForm(BaseForm):
    """A working group's name, purpose and topics."""

    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)])
    description = TextAreaField(_l("Purpose"), validators=[Length(max=2000)])
    topics = SelectMultipleField(
        _l("Topics"),
        coerce=int,
        validators=[DataRequired()],
        description=_l("Hold Ctrl or Cmd to choose several."),
    )


class MembersForm(BaseForm):
    """Choose a group's members by hand."""

    members = SelectMultipleField(
        _l("Members"),
        coerce=int,
        description=_l("Hold Ctrl or Cmd to choose several. A member is in one group at a time."),
    )


class DrawForm(BaseForm):
    """Draw the groups from a seed everyone can see."""

    seed = StringField(
        _l("Seed of the draw"),
        validators=[DataRequired(), Length(max=200)],
        description=_l(
            "Any text, e.g. a number drawn in public. The same seed always gives the same groups."
        ),
    )


class AttributesForm(BaseForm):
    """Upload the attributes the draw mixes, e.g. age band and district."""

    file = FileField(
        _l("CSV file"),
        validators=[FileRequired()],
        description=_l(
            "First column: the member's pseudonym; then one column per attribute, "
            "e.g. pseudonym,age band,district."
        ),
    )
