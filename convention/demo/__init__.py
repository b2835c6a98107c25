"""The demo convention of PRODUCT.md, modelled on Montpellier's convention on AI; all fictional.

Everything that carries a figure (ballots, votes, tallies, the report, the council's answers,
attendance) is written through the services a facilitator's or a council member's actions use,
with their audit events, so the demo cannot contradict itself.
"""

from flask import current_app

from convention.demo.deliberation import seed_deliberation
from convention.demo.people import DEMO_LOGINS, DEMO_PASSWORD, seed_people
from convention.demo.recommendations import seed_recommendations
from convention.demo.reports import seed_reports
from convention.demo.voting import seed_voting
from convention.selection.demo import seed_selection

__all__ = ["DEMO_LOGINS", "DEMO_PASSWORD", "seed"]


def seed() -> str:
    """Create the demo: a public convention at work, one in set-up; return a letter code."""
    demo, letter_code = seed_people()
    # Notifications link to pages: outside a request (the CLI), URLs need one to be built.
    with current_app.test_request_context("/"):
        seed_deliberation(demo)
        seed_selection(demo)
        seed_recommendations(demo)
        seed_voting(demo)
        seed_reports(demo)
    return letter_code
