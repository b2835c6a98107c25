"""Forms for notifications."""

from flask_babel import lazy_gettext as _l
from wtforms import SelectField
from wtforms.fields.choices import SelectChoice

from convention.models import Delivery, NotificationKind
from convention.notifications.messages import KIND_NAMES
from convention.web.forms import BaseForm

DELIVERY_NAMES = {
    Delivery.IMMEDIATE: _l("Email at once"),
    Delivery.DIGEST: _l("In a daily email"),
    Delivery.OFF: _l("No email, only here"),
}


class SettingsForm(BaseForm):
    """A person's choice of email for each kind of notification: one field per kind."""

    def chosen(self) -> dict[NotificationKind, Delivery]:
        """The choices made, by kind."""
        return {kind: Delivery(self[kind.value].data) for kind in NotificationKind}


for _kind in NotificationKind:
    setattr(
        SettingsForm,
        _kind.value,
        SelectField(
            KIND_NAMES[_kind],
            choices=[SelectChoice(d.value, label) for d, label in DELIVERY_NAMES.items()],
            default=Delivery.IMMEDIATE.value,
        ),
    )
