"""Forms for erasing one's account and choosing whether one's name is published."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, PasswordField
from wtforms.validators import DataRequired

from convention.web.forms import BaseForm


class AccountEraseForm(BaseForm):
    """Erase one's own account, after proving who one is."""

    password = PasswordField(
        _l("Your password"),
        validators=[DataRequired()],
        render_kw={"autocomplete": "current-password"},
    )
    understood = BooleanField(
        _l("I understand that this cannot be undone"),
        validators=[DataRequired(message=_l("Tick the box to confirm."))],
    )


class NameConsentForm(BaseForm):
    """Agree, or no longer agree, that one's name be published with the convention's outcome."""

    consent = BooleanField(_l("Publish my name among the members of this convention"))
