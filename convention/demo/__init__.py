"""The demo convention of PRODUCT.md, modelled on Montpellier's convention on AI; all fictional.

The demo is told as a convention lives it: created in set-up, then moved phase by phase by its
facilitator, each stage seeded in the phase where a real convention does it, through the services
members' actions use, with their audit events and notifications. So it cannot contradict itself:
only times are moved into the past.
"""

from collections.abc import Callable
from typing import Any

from flask import current_app, g

from convention.conventions.services import move_phase
from convention.demo.deliberation import seed_deliberation
from convention.demo.groups import seed_groups
from convention.demo.people import DEMO_LOGINS, DEMO_PASSWORD, seed_panel, seed_people
from convention.demo.recommendations import seed_amendments, seed_drafts
from convention.demo.reports import seed_council_answers, seed_report
from convention.demo.story import first
from convention.demo.topics import seed_calendar, seed_materials
from convention.demo.voting import seed_voting
from convention.models import Convention
from convention.rules.phases import Phase
from convention.rules.policy import Role
from convention.selection.demo import seed_selection

__all__ = ["DEMO_LOGINS", "DEMO_PASSWORD", "STORY", "seed"]

# The phases the demo walks through, and what a real convention does in each, in order.
STORY: tuple[tuple[Phase, tuple[Callable[[Convention], object], ...]], ...] = (
    (Phase.SETUP, (seed_calendar,)),
    (Phase.SELECTION, (seed_selection,)),
    (Phase.ONBOARDING, (seed_panel,)),
    (Phase.DELIBERATION, (seed_materials, seed_deliberation, seed_groups)),
    (Phase.DRAFTING, (seed_drafts,)),
    (Phase.AMENDMENTS, (seed_amendments,)),
    (Phase.VOTING, (seed_voting,)),
    (Phase.REPORT, (seed_report,)),
    (Phase.COUNCIL_RESPONSE, (seed_council_answers,)),
)


def seed() -> str:
    """Create the demo, a public convention at the council's answers, and one in set-up.

    Return the code of the letter invitation left pending.
    """
    # Notifications link to pages: outside a request (the CLI), URLs need one to be built, and
    # the convention in `g` to fill in their slug, as in a request to the convention's pages.
    with current_app.test_request_context("/"):
        demo = g.convention = seed_people()
        facilitator = first(demo, Role.FACILITATOR)
        done: dict[Callable, Any] = {}
        for phase, stages in STORY:
            if demo.phase is not phase:
                move_phase(facilitator, phase)
            done |= {stage: stage(demo) for stage in stages}
        g.pop("convention")
    return done[seed_panel]
