"""Forms for notifications."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField

from convention.web.forms import BaseForm


class ActionForm(BaseForm):
    """A button that changes state, protected against cross-site requests."""


class SettingsForm(BaseForm):
    """A person's choice about notification emails."""

    email = BooleanField(_l("Also send me these notifications by email"))
