"""Forms for notifications."""

from wtforms import SelectField
from wtforms.fields.choices import SelectChoice

from convention.models import Delivery, NotificationKind
from convention.web import names
from convention.web.forms import BaseForm


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
            names.NOTIFICATION_KIND_NAMES[_kind],
            choices=[SelectChoice(d.value, label) for d, label in names.DELIVERY_NAMES.items()],
            default=Delivery.IMMEDIATE.value,
        ),
    )
