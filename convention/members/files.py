"""The member list as a spreadsheet: the rows the page shows, through the formula-safe writer."""

from collections.abc import Sequence

from flask_babel import gettext as _

from convention import csvfiles
from convention.models import Membership
from convention.web import names


def members_csv(
    members: Sequence[Membership], held: int, present: dict[int, int], contacts: bool
) -> str:
    """Write one row per member: name, pseudonym, role, state, attendance; contacts if allowed."""
    header = [_("Name"), _("Pseudonym"), _("Role"), _("State"), _("Sessions present")]
    header += [_("Sessions held")] + ([_("Email"), _("Username")] if contacts else [])
    active, inactive = _("Active"), _("Deactivated")
    rows = [
        [
            m.user.display_name,
            m.pseudonym,
            str(names.ROLE_NAMES[m.role]),
            active if m.active else inactive,
            present.get(m.id, 0),
            held,
            *([m.user.email or "", m.user.username or ""] if contacts else []),
        ]
        for m in members
    ]
    return csvfiles.export(header, rows, bom=True)
