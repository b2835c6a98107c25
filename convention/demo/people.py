"""The demo's people: accounts, memberships, invitations, and a second convention; all fictional."""

import random
from datetime import timedelta

from flask import current_app
from werkzeug.security import generate_password_hash

from convention import audit
from convention.auth import tokens
from convention.extensions import db
from convention.models import Convention, Invitation, Membership, User
from convention.models.base import utcnow
from convention.rules.phases import Phase
from convention.rules.policy import Role

DEMO_PASSWORD = "convention-demo"  # noqa: S105

# (role shown, email, password): printed by `flask convention demo` and listed in the README.
DEMO_LOGINS = [
    ("administrator", "admin@demo.invalid", DEMO_PASSWORD),
    ("facilitator", "facilitator@demo.invalid", DEMO_PASSWORD),
    ("citizen", "citizen@demo.invalid", DEMO_PASSWORD),
    ("expert", "expert@demo.invalid", DEMO_PASSWORD),
    ("council member", "council@demo.invalid", DEMO_PASSWORD),
    ("observer", "observer@demo.invalid", DEMO_PASSWORD),
]

FIRST_NAMES = [
    "Camille",
    "Dominique",
    "Claude",
    "Sacha",
    "Alix",
    "Lou",
    "Noa",
    "Charlie",
    "Maxime",
    "Eden",
    "Andréa",
    "Morgan",
    "Yanis",
    "Inès",
    "Jules",
    "Léa",
    "Nour",
    "Hugo",
    "Amina",
    "Théo",
]
LAST_NAMES = ["Exemple", "Fictif", "Démo", "Essai", "Modèle", "Prototype", "Maquette", "Spécimen"]

CHARTER = """## Charte de la convention / Convention charter

1. **Respect.** Chacun·e parle à son tour ; on critique les idées, jamais les personnes.
   *We criticise ideas, never people.*
2. **Écoute.** Toutes les voix comptent, en particulier celles qu'on entend peu.
3. **Confidentialité.** Ce qui est dit en atelier n'est pas attribué nommément à l'extérieur.
4. **Sources.** On cite ses sources ; les experts déclarent leurs intérêts.
5. **Modération.** Les animateur·rices peuvent masquer un message contraire à la charte, en
   donnant la raison.
"""

MANDATE = "Comment l'intelligence artificielle peut-elle servir les habitants et le territoire ?"


EXTRA_STAFF = [
    ("facilitator2@demo.invalid", "Ariane Fictive", Role.FACILITATOR, "Ariane"),
    ("expert2@demo.invalid", "Pr Modèle Fictif", Role.EXPERT, "Pr Modèle"),
    ("council2@demo.invalid", "Conseillère Fictive", Role.COUNCIL, "Élue 2"),
    ("council3@demo.invalid", "Conseiller Fictif", Role.COUNCIL, "Élu 3"),
]

LOGIN_ROLES = {
    "facilitator": (Role.FACILITATOR, "Animation"),
    "citizen": (Role.CITIZEN, "Camille"),
    "expert": (Role.EXPERT, "Dr Exemple"),
    "council member": (Role.COUNCIL, "Élue Démo"),
    "observer": (Role.OBSERVER, "Observatoire"),
}


def seed_people() -> tuple[Convention, str]:
    """Create the accounts and the public demo convention; return it and a letter code."""
    rng = random.Random(2023)  # noqa: S311
    method = current_app.config["PASSWORD_HASH_METHOD"]
    # One hash for every demo account: they share a password, and hashing 50 times is slow.
    password_hash = generate_password_hash(DEMO_PASSWORD, method=method)
    accounts = {
        role: _user(email, _fictional(role), password_hash) for role, email, _ in DEMO_LOGINS
    }
    accounts["administrator"].is_admin = True
    demo = _convention()
    for role, (member_role, pseudonym) in LOGIN_ROLES.items():
        _member(demo, accounts[role], member_role, pseudonym)
    for email, name, role, pseudonym in EXTRA_STAFF:
        _member(demo, _user(email, name, password_hash), role, pseudonym)
    for n in range(2, 41):
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        citizen = _user(f"citizen{n:02d}@demo.invalid", name, password_hash)
        _member(demo, citizen, Role.CITIZEN, name.split()[0]).joined_at = utcnow() - timedelta(
            days=rng.randint(40, 60)
        )
    letter_code = _pending_invitations(demo, accounts["facilitator"])
    _second_convention(accounts["facilitator"])
    db.session.flush()
    audit.record(
        accounts["administrator"], "convention.created", demo, convention=demo, slug="demo"
    )
    return demo, letter_code


def _fictional(role: str) -> str:
    """Name a demo account so that nobody mistakes it for a real person."""
    return f"{role.title()} Fictif·ve"


def _user(email: str, name: str, password_hash: str) -> User:
    """Add a demo account."""
    user = User(email=email, display_name=name, password_hash=password_hash, locale=None)
    db.session.add(user)
    return user


def _member(convention: Convention, user: User, role: Role, pseudonym: str) -> Membership:
    """Add a member who accepted the charter when joining."""
    membership = Membership(
        user=user,
        convention=convention,
        role=role,
        pseudonym=pseudonym,
        charter_accepted_at=utcnow() - timedelta(days=45),
    )
    db.session.add(membership)
    return membership


def _convention() -> Convention:
    """Create the public demo convention, in deliberation."""
    convention = Convention(
        slug="demo",
        title="Convention citoyenne sur l'IA (démo)",
        mandate=MANDATE,
        description=(
            "Quarante habitant·es tiré·es au sort se réunissent pendant plusieurs séances pour "
            "répondre à la question du conseil municipal. *Toutes les personnes de cette "
            "démonstration sont fictives.*\n\n"
            "Forty residents drawn by lot meet over several sessions to answer the council's "
            "question. *Everyone in this demo is fictional.*"
        ),
        charter=CHARTER,
        phase=Phase.DELIBERATION,
        time_zone="Europe/Paris",
        languages="fr,en",
        is_public=True,
        created_at=utcnow() - timedelta(days=90),
    )
    db.session.add(convention)
    return convention


def _pending_invitations(convention: Convention, facilitator: User) -> str:
    """Leave two invitations pending, one by email, one by letter; return the letter's code."""
    codes = []
    for name, email in (("Sam Invité·e", "invited@demo.invalid"), ("Lou Sans-Courriel", None)):
        code = tokens.new_code()
        db.session.add(
            Invitation(
                convention=convention,
                role=Role.CITIZEN,
                email=email,
                name=name,
                token_hash=tokens.digest(tokens.new_token()),
                code_hash=tokens.digest(code),
                expires_at=utcnow() + timedelta(days=20),
                invited_by=facilitator,
            )
        )
        codes.append(code)
    return codes[-1]


def _second_convention(facilitator: User) -> None:
    """Add a private convention in set-up, run by the same facilitator."""
    convention = Convention(
        slug="video",
        title="Vidéosurveillance et libertés (démo)",
        mandate="Comment utiliser la vidéosurveillance sans perdre nos libertés ?",
        charter=CHARTER,
        phase=Phase.SETUP,
        is_public=False,
    )
    db.session.add(convention)
    _member(convention, facilitator, Role.FACILITATOR, "Animation")
