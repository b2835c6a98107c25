"""The demo's people: accounts, memberships, invitations, and a second convention; all fictional.

Conventions, facilitators and invitations go through the services an administrator's or a
facilitator's actions use; other memberships are added as the accepted invitations would leave them.
"""

import random
from datetime import timedelta
from functools import cache

import sqlalchemy as sa
from flask import current_app
from werkzeug.security import generate_password_hash

from convention.clock import utcnow
from convention.conventions.services import appoint_facilitator, create_convention
from convention.demo.clock import place
from convention.extensions import db
from convention.members.csv_import import InviteeRow
from convention.members.services import invite
from convention.models import Convention, Membership, User
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

# The staff behind the demo logins; the citizen's login joins with the panel, in onboarding.
LOGIN_ROLES = {
    "facilitator": (Role.FACILITATOR, "Animation"),
    "expert": (Role.EXPERT, "Dr Exemple"),
    "council member": (Role.COUNCIL, "Élue Démo"),
    "observer": (Role.OBSERVER, "Observatoire"),
}


def seed_people() -> Convention:
    """Create the staff's accounts and the public demo convention in set-up; return it."""
    accounts = {role: _user(email, _fictional(role)) for role, email, _ in DEMO_LOGINS}
    admin = accounts["administrator"]
    admin.is_admin = True
    db.session.flush()
    demo = create_convention(admin, "demo", **DEMO_SETTINGS)
    place(demo, utcnow() - timedelta(days=90))
    staff = [(accounts[login], *role) for login, role in LOGIN_ROLES.items()]
    staff += [(_user(email, name), role, alias) for email, name, role, alias in EXTRA_STAFF]
    for user, role, pseudonym in staff:
        _staff(demo, admin, user, role, pseudonym)
    _second_convention(admin, accounts["facilitator"])
    return demo


def seed_panel(convention: Convention) -> str:
    """Seat the 40 citizens drawn and leave two invitations pending; return a letter's code."""
    rng = random.Random(2023)  # noqa: S311
    camille = db.session.scalars(sa.select(User).where(User.email == "citizen@demo.invalid")).one()
    _member(convention, camille, Role.CITIZEN, "Camille")
    for n in range(2, 41):
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        citizen = _user(f"citizen{n:02d}@demo.invalid", name)
        _member(convention, citizen, Role.CITIZEN, name.split()[0]).joined_at = (
            utcnow() - timedelta(days=rng.randint(40, 60))
        )
    facilitator = db.session.scalars(
        sa.select(User).where(User.email == "facilitator@demo.invalid")
    ).one()
    issued = [
        invite(convention, facilitator, InviteeRow(0, email, name, Role.CITIZEN))
        for name, email in (("Sam Invité·e", "invited@demo.invalid"), ("Lou Sans-Courriel", None))
    ]
    db.session.flush()
    return issued[-1].code


@cache
def _password_hash(method: str) -> str:
    """Hash the shared demo password once: hashing it for 50 accounts is slow."""
    return generate_password_hash(DEMO_PASSWORD, method=method)


def _fictional(role: str) -> str:
    """Name a demo account so that nobody mistakes it for a real person."""
    return f"{role.title()} Fictif·ve"


def _user(email: str, name: str) -> User:
    """Add a demo account with the shared password."""
    password_hash = _password_hash(current_app.config["PASSWORD_HASH_METHOD"])
    user = User(email=email, display_name=name, password_hash=password_hash, locale=None)
    db.session.add(user)
    return user


def _staff(convention: Convention, admin: User, user: User, role: Role, pseudonym: str) -> None:
    """Seat a staff member: the administrator appoints facilitators, the others joined."""
    if role is not Role.FACILITATOR:
        _member(convention, user, role, pseudonym)
        return
    membership = appoint_facilitator(convention, admin, user.email or "", user.display_name)
    assert isinstance(membership, Membership)
    membership.pseudonym = pseudonym
    place(membership, utcnow() - timedelta(days=45), "charter_accepted_at")


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


DEMO_SETTINGS = {
    "title": "Convention citoyenne sur l'IA (démo)",
    "mandate": MANDATE,
    "description": (
        "Quarante habitant·es tiré·es au sort se réunissent pendant plusieurs séances pour "
        "répondre à la question du conseil municipal. *Toutes les personnes de cette "
        "démonstration sont fictives.*\n\n"
        "Forty residents drawn by lot meet over several sessions to answer the council's "
        "question. *Everyone in this demo is fictional.*"
    ),
    "charter": CHARTER,
    "time_zone": "Europe/Paris",
    "languages": "fr,en",
    "is_public": True,
}


def _second_convention(admin: User, facilitator: User) -> None:
    """Add a private convention in set-up, run by the same facilitator."""
    convention = create_convention(
        admin,
        "video",
        title="Vidéosurveillance et libertés (démo)",
        mandate="Comment utiliser la vidéosurveillance sans perdre nos libertés ?",
        charter=CHARTER,
        is_public=False,
    )
    _staff(convention, admin, facilitator, Role.FACILITATOR, "Animation")
