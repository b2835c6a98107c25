"""Read a CSV of people to invite, reporting every bad row by its line number."""

import csv
import io
from dataclasses import dataclass

from email_validator import EmailNotValidError, validate_email
from flask_babel import gettext as _

from convention.rules.policy import Role

# Facilitators may write roles in French or English.
ROLE_WORDS = {
    **{role.value: role for role in Role},
    "citoyen": Role.CITIZEN,
    "citoyenne": Role.CITIZEN,
    "animateur": Role.FACILITATOR,
    "animatrice": Role.FACILITATOR,
    "expert": Role.EXPERT,
    "experte": Role.EXPERT,
    "conseil": Role.COUNCIL,
    "élu": Role.COUNCIL,
    "élue": Role.COUNCIL,
    "observateur": Role.OBSERVER,
    "observatrice": Role.OBSERVER,
}


# Column names as facilitators write them, in English or French.
HEADER_WORDS = {
    "email": "email", "e-mail": "email", "mail": "email", "courriel": "email",
    "name": "name", "nom": "name", "role": "role", "rôle": "role", "id": "id",
}  # fmt: skip


@dataclass(frozen=True)
class InviteeRow:
    """One person to invite."""

    line: int
    email: str | None
    name: str
    role: Role
    ref: str | None = None  # the volunteer's id in a selection pool, when the file has one


@dataclass(frozen=True)
class RowError:
    """A problem on one line of the file."""

    line: int
    message: str


def parse_invitees(data: bytes) -> tuple[list[InviteeRow], list[RowError]]:
    """Parse `email,name,role` rows; return the good rows and every error found."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], [RowError(1, _("The file is not UTF-8 text. Save it as CSV UTF-8."))]
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=_sniff(text))
    header = [
        HEADER_WORDS.get(h.strip().lower(), h.strip().lower()) for h in reader.fieldnames or []
    ]
    if "name" not in header:
        return [], [RowError(1, _("The first line must name the columns: email, name, role."))]
    reader.fieldnames = header
    rows: list[InviteeRow] = []
    errors: list[RowError] = []
    seen: set[str] = set()
    for line, raw in enumerate(reader, start=2):
        row, problem = _read_row(line, raw, seen)
        if problem:
            errors.append(RowError(line, problem))
        elif row:
            rows.append(row)
    if not rows and not errors:
        errors.append(RowError(2, _("The file has no one to invite.")))
    return rows, errors


def _sniff(text: str) -> str:
    """Accept commas or semicolons, as spreadsheets in French locales write semicolons."""
    first_line = text.split("\n", 1)[0]
    return ";" if first_line.count(";") > first_line.count(",") else ","


def _read_row(line: int, raw: dict, seen: set[str]) -> tuple[InviteeRow | None, str | None]:
    """Check one row; return it or the reason it is refused."""
    values = {k: (v or "").strip() for k, v in raw.items() if isinstance(k, str)}
    if not any(values.values()):
        return None, None
    name, email, role_word = values.get("name", ""), values.get("email", ""), values.get("role", "")
    if not name:
        return None, _("The name is missing.")
    role = ROLE_WORDS.get(role_word.lower() or "citizen")
    if role is None:
        return None, _("Unknown role “%(role)s”.", role=role_word)
    if email:
        try:
            email = validate_email(email, check_deliverability=False).normalized.lower()
        except EmailNotValidError:
            return None, _("“%(email)s” is not a valid email address.", email=email)
        if email in seen:
            return None, _("%(email)s appears twice in the file.", email=email)
        seen.add(email)
    return InviteeRow(line, email or None, name, role, values.get("id") or None), None
