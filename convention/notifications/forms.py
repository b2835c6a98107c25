"""Forms for notifications."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField


class ActionForm(FlaskForm):
    """A button that changes state, protected against cross-site requests."""


class SettingsForm(FlaskForm):
    """A person's choice about notification emails."""

    email = BooleanField(_l("Also send me these notifications by email"))
