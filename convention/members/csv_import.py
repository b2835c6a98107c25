"""Read a CSV of people to invite, reporting every bad row by its line number."""

import unicodedata
from dataclasses import dataclass

from email_validator import EmailNotValidError, validate_email
from flask_babel import gettext as _

from convention import csvfiles
from convention.rules.policy import Role

# The lengths the invitations table keeps: a longer value is a line error, not a database error.
MAX_NAME = 120
MAX_REF = 200

# Facilitators may write roles in English, French or German.
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
    "bürger": Role.CITIZEN,
    "bürgerin": Role.CITIZEN,
    "bürger:in": Role.CITIZEN,
    "moderator": Role.FACILITATOR,
    "moderatorin": Role.FACILITATOR,
    "moderator:in": Role.FACILITATOR,
    "expertin": Role.EXPERT,
    "expert:in": Role.EXPERT,
    "gemeinderat": Role.COUNCIL,
    "gemeinderätin": Role.COUNCIL,
    "beobachter": Role.OBSERVER,
    "beobachterin": Role.OBSERVER,
    "beobachter:in": Role.OBSERVER,
}


# The columns of a file of invitees, as facilitators write them in English, French or German.
INVITEES = csvfiles.Columns(
    {
        "email": (
            "email",
            "e-mail",
            "mail",
            "courriel",
            "adresse e-mail",
            "adresse électronique",
            "e-mail-adresse",
        ),
        "name": ("name", "nom", "nom complet", "vollständiger name"),
        "role": ("role", "rôle", "rolle"),
        "id": ("id", "identifiant", "kennung"),
    },
    required=("name",),
)


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
        table = csvfiles.read_table(data, INVITEES)
    except csvfiles.CsvFileError as error:
        return [], [RowError(error.line, str(error.reason))]
    rows: list[InviteeRow] = []
    errors = [RowError(problem.line, str(problem.reason)) for problem in table.problems]
    seen: set[str] = set()
    for record in table.rows:
        row, problem = _read_row(record.line, record.values, seen)
        if problem:
            errors.append(RowError(record.line, problem))
        elif row:
            rows.append(row)
    return rows, sorted(errors, key=lambda error: error.line)


def _read_row(line: int, raw: dict, seen: set[str]) -> tuple[InviteeRow | None, str | None]:
    """Check one row; return it or the reason it is refused."""
    values = {k: v for k, v in raw.items() if v}
    name, email, role_word = values.get("name", ""), values.get("email", ""), values.get("role", "")
    if not name:
        return None, _("The name is missing.")
    if len(name) > MAX_NAME:
        return None, _("The name is longer than %(max)d characters.", max=MAX_NAME)
    if len(values.get("id", "")) > MAX_REF:
        return None, _("The id is longer than %(max)d characters.", max=MAX_REF)
    if any(unicodedata.category(char) == "Cc" for char in "".join(values.values())):
        return None, _("The line contains an invisible control character; type it again.")
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
