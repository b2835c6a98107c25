"""Forms: one base class that checks every field's input, and one answer for form pages."""

import unicodedata
from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import g, render_template
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from markupsafe import Markup
from wtforms import DateField, DateTimeLocalField, IntegerField, StringField, TextAreaField
from wtforms.fields.core import Field
from wtforms.validators import ValidationError
from wtforms.widgets import HiddenInput

from convention.web.urls import INT_MAX, INT_MIN

# Dates a convention can mean: earlier or later ones are typing mistakes or probes.
YEAR_MIN, YEAR_MAX = 1900, 2200
# Control characters a multi-line text keeps: tab, line feed, carriage return.
_MULTILINE_KEEPS = {"\t", "\n", "\r"}
# Fields holding a person's or a thing's name, where reordering characters would deceive readers.
_NAME_FIELDS = {"name", "display_name", "full_name", "first_name", "last_name", "login", "title"}


def refused_character(text: str, multiline: bool, name: bool) -> str | None:
    """Return the first character a text field must refuse, if any."""
    for char in text:
        category = unicodedata.category(char)
        if category == "Cc" and not (multiline and char in _MULTILINE_KEEPS):
            return char
        if category == "Cs" or (name and unicodedata.bidirectional(char) in _BIDI_CONTROLS):
            return char
    return None


# Unicode's explicit direction controls (U+202A-U+202E, U+2066-U+2069), which can disguise a name.
_BIDI_CONTROLS = {"LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"}


def _check_text(form: FlaskForm, field: Field) -> None:
    """Refuse control characters (and direction controls in names) in a text field."""
    if not isinstance(field.data, str):
        return
    multiline = isinstance(field, TextAreaField)
    if refused_character(field.data, multiline, field.short_name in _NAME_FIELDS):
        if multiline:
            raise ValidationError(
                _l("Remove the invisible control characters from this text (such as NUL bytes).")
            )
        raise ValidationError(
            _l("Remove the invisible or control characters from this field (such as line breaks).")
        )


def _check_integer(form: FlaskForm, field: Field) -> None:
    """Refuse a number the database cannot store."""
    if isinstance(field.data, int) and not INT_MIN <= field.data <= INT_MAX:
        raise ValidationError(_l("This number is too large or too small."))


def _check_date(form: FlaskForm, field: Field) -> None:
    """Refuse a date outside the years a convention can mean."""
    value = field.data
    if isinstance(value, date) and not YEAR_MIN <= value.year <= YEAR_MAX:
        raise ValidationError(
            _l(
                "Give a date between the years %(first)s and %(last)s.",
                first=YEAR_MIN,
                last=YEAR_MAX,
            )
        )


def _check_local_time(form: FlaskForm, field: Field) -> None:
    """Refuse a time that does not exist in the convention's zone (the hour skipped in spring)."""
    value, convention = field.data, g.get("convention")
    if not isinstance(value, datetime) or convention is None:
        return
    if not YEAR_MIN <= value.year <= YEAR_MAX:
        return  # refused as out of range already
    zone = ZoneInfo(convention.time_zone)
    there_and_back = value.replace(tzinfo=zone).astimezone(ZoneInfo("UTC")).astimezone(zone)
    if there_and_back.replace(tzinfo=None) != value:
        raise ValidationError(
            _l("This time does not exist here: the clocks skip it when summer time starts.")
        )


def _text_or_empty(value: object) -> object:
    """Read a missing text as the empty text."""
    return "" if value is None else value


def _checks_for(field: Field) -> list:
    """Return the checks every field of this kind gets, whatever form it is in."""
    if isinstance(field, StringField):
        return [_check_text]
    if isinstance(field, IntegerField):
        return [_check_integer]
    if isinstance(field, DateTimeLocalField):
        return [_check_date, _check_local_time]
    if isinstance(field, DateField):
        return [_check_date]
    return []


class BaseForm(FlaskForm):
    """Every form of the platform: its fields refuse input the database or the page cannot hold."""

    class Meta:
        def bind_field(self, form, unbound_field, options):  # noqa: ANN001, ANN201
            """Bind a field and add the checks its kind needs."""
            field = unbound_field.bind(form=form, **options)
            checks = _checks_for(field)
            if checks:
                field.validators = [*field.validators, *checks]
            if isinstance(field, StringField):
                # A text left out of the request is an empty text, never None for a NOT NULL column.
                field.filters = [*field.filters, _text_or_empty]
            return field

    def hidden_tag(self, *fields: Field) -> Markup:
        """Render the hidden fields without ids: a page with several forms would repeat them."""
        hidden = [f for f in fields or self if isinstance(f.widget, HiddenInput)]
        return Markup("\n").join(f(id=False) for f in hidden)


class ActionForm(BaseForm):
    """A button that changes state: an empty form that only carries the CSRF token."""


def form_page(template: str, form: FlaskForm, **context: object) -> tuple[str, int]:
    """Render a form page: 422 when the submitted form has errors, 200 when it is first shown."""
    return render_template(template, form=form, **context), 422 if form.errors else 200
