"""The demo's working groups: attributes recorded, four groups created and drawn; fictional."""

import random

from convention.demo.story import allowed, first, members
from convention.demo.topics import topics_of
from convention.extensions import db
from convention.groups import services as groups
from convention.models import Convention, MemberAttributes
from convention.rules.policy import Action, Role

DRAW_SEED = "18112023"
AGES = ["18-29", "30-44", "45-64", "65+"]
DISTRICTS = ["Centre", "Nord", "Sud", "Est"]
GROUPS = ["Atelier Services", "Atelier Libertés", "Atelier Travail", "Atelier Planète"]


def seed_groups(convention: Convention) -> None:
    """Record the citizens' attributes, create four groups and deal the citizens by the draw."""
    rng = random.Random(2025)  # noqa: S311
    citizens = members(convention, Role.CITIZEN)
    # Pseudonyms repeat among the demo's citizens, so attributes are not imported from a file.
    for member in citizens:
        values = {"tranche d'âge": rng.choice(AGES), "quartier": rng.choice(DISTRICTS)}
        db.session.add(
            MemberAttributes(
                membership_id=member.id, convention_id=convention.id, attributes=values
            )
        )
    facilitator = allowed(first(convention, Role.FACILITATOR), Action.MANAGE_GROUPS)
    topics = topics_of(convention)
    for index, name in enumerate(GROUPS):
        start = index * 2 % len(topics)
        groups.create_group(
            facilitator,
            name=name,
            description="Atelier de la convention (démo).",
            topics=topics[start : start + 2] or topics[:1],
        )
    made = groups.draw(facilitator, DRAW_SEED)
    # The demo citizen's login joins the group with a draft, moved by hand as a facilitator may.
    camille = next(m for m in citizens if m.pseudonym == "Camille")
    planet = made[GROUPS.index("Atelier Planète")]
    if camille not in planet.members:
        groups.set_members(planet, facilitator, [*planet.members, camille])
