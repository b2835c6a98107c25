"""Forms for the panel selection."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, IntegerField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp

from convention.web.forms import BaseForm

METHOD_NAMES = {
    "leximin": _l("LEXIMIN: as equal a chance as possible for every volunteer (recommended)"),
    "maximin": _l("Maximin: the highest possible lowest chance"),
    "legacy": _l("Greedy draw (the older method, for comparison)"),
}


class SelectionUploadForm(BaseForm):
    """Upload the volunteers and the quotas, and start a computation."""

    pool = FileField(
        _l("Volunteers (CSV)"),
        validators=[FileRequired()],
        description=_l("An id column and one column per quota feature. Other columns are dropped."),
        render_kw={"accept": ".csv,text/csv"},
    )
    quotas = FileField(
        _l("Quotas (CSV)"),
        validators=[FileRequired()],
        description=_l("Columns feature,value,min,max (or category,name,min,max)."),
        render_kw={"accept": ".csv,text/csv"},
    )
    size = IntegerField(_l("Panel size"), validators=[DataRequired(), NumberRange(min=1, max=1000)])
    method = SelectField(
        _l("Method"),
        choices=[SelectChoice(k, v) for k, v in METHOD_NAMES.items()],
        default="leximin",
    )
    household = StringField(
        _l("Address columns (optional)"),
        validators=[
            Optional(),
            Length(max=200),
            Regexp(r"^[\w ,.-]+$", message=_l("Column names separated by commas.")),
        ],
        description=_l(
            "At most one person per household: name the columns that make up the address."
        ),
    )


class SeedForm(BaseForm):
    """Enter the public seed, chosen after the list was published."""

    seed = StringField(
        _l("Public seed"),
        validators=[DataRequired(), Length(max=200)],
        description=_l("For example the numbers of dice rolled in public, as typed: 3 6 1 4 2 5"),
    )


class ContactsForm(BaseForm):
    """Upload the contact details of the drawn volunteers, to invite them."""

    file = FileField(
        _l("Contacts (CSV)"),
        validators=[FileRequired()],
        description=_l("Columns id, name, email (email may be empty: a letter is printed)."),
        render_kw={"accept": ".csv,text/csv"},
    )
    include_reserves = BooleanField(_l("Also invite the reserves listed in this file"))
