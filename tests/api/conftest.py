"""A public convention with one of every public record, and a private one beside it."""

from dataclasses import dataclass

import pytest

from convention.clock import utcnow
from convention.extensions import db
from convention.models import (
    Ballot,
    BriefingFile,
    ConventionSession,
    Membership,
    Recommendation,
    ReportFile,
    ReportVersion,
    RunStatus,
    SelectionRun,
)
from convention.rules.phases import Phase
from convention.rules.policy import Role
from convention.rules.tally import Choice
from convention.voting import services as voting
from tests.factories import (
    make_ballot,
    make_briefing,
    make_convention,
    make_member,
    make_recommendation,
    make_response,
    make_session,
    make_topic,
    make_update,
)

POOL = "id,name,gender\n" + "".join(f"v{n},Name{n},{'f' if n % 2 else 'm'}\n" for n in range(8))
QUOTAS = "feature,value,min,max\ngender,f,2,2\ngender,m,2,2\n"


@dataclass
class Seeded:
    """What the API tests read."""

    slug: str
    facilitator: Membership
    citizens: list[Membership]
    adopted: Recommendation
    draft: Recommendation
    closed: Ballot
    sealed: Ballot
    session: ConventionSession


def _closed_ballot(app, convention, facilitator, citizens, recommendation) -> Ballot:
    """Open a secret ballot on the recommendation, let every citizen vote, close it."""
    ballot = make_ballot(convention, facilitator, questions=(), recommendations=[recommendation])
    with app.test_request_context():
        voting.open_ballot(ballot, facilitator)
        db.session.commit()
        item = ballot.items[0].id
        for n, citizen in enumerate(citizens):
            voting.cast_vote(ballot, citizen, {item: Choice.AGAINST if n == 0 else Choice.FOR})
        voting.close_ballot(ballot, facilitator)
    db.session.commit()
    return ballot


def _report(convention, facilitator) -> None:
    """A published report version with its JSON file, as publication stores it."""
    version = ReportVersion(
        convention_id=convention.id,
        number=1,
        content='{"audit_head": null}',
        sha256="a" * 64,
        published_by_id=facilitator.id,
        published_at=utcnow(),
    )
    db.session.add(version)
    db.session.flush()
    db.session.add(
        ReportFile(
            report_id=version.id,
            name="report.json",
            media_type="application/json",
            data=b"{}",
            sha256="b" * 64,
        )
    )


def _selection(convention) -> None:
    """A published, drawn selection run."""
    db.session.add(
        SelectionRun(
            convention_id=convention.id,
            method="legacy",
            panel_size=4,
            pool_csv=POOL,
            quotas_csv=QUOTAS,
            status=RunStatus.DONE,
            lottery_csv="panel,ids\n1,v1 v2 v3 v4\n",
            list_hash="c" * 64,
            published_at=utcnow(),
            seed="2026-11-30 lottery: 12 34 56",
            seed_entered_at=utcnow(),
            drawn_index=1,
            drawn_at=utcnow(),
            panel_ids=["v0", "v1", "v2", "v3"],
        )
    )


@pytest.fixture
def seeded(app) -> Seeded:
    """A public convention in its council-response phase, with a private one beside it."""
    convention = make_convention(slug="open-city", public=True, phase=Phase.VOTING)
    facilitator = make_member(convention, role=Role.FACILITATOR)
    citizens = [make_member(convention, pseudonym=f"Citizen{n}") for n in range(3)]
    topic = make_topic(convention)
    briefing = make_briefing(topic, facilitator)
    db.session.add(
        BriefingFile(
            convention_id=convention.id,
            briefing_id=briefing.id,
            original_name="figures.pdf",
            stored_name="0" * 32,
            content_type="application/pdf",
            size=1234,
            sha256="d" * 64,
        )
    )
    session = make_session(convention)
    adopted = make_recommendation(topic, citizens[0], state="final", title="Open algorithms")
    adopted.final_version_id = adopted.versions[-1].id
    draft = make_recommendation(topic, citizens[1], state="draft", title="Secret draft")
    closed = _closed_ballot(app, convention, facilitator, citizens, adopted)
    sealed = make_ballot(convention, facilitator, opened=True, questions=("Still open?",))
    _report(convention, facilitator)
    response = make_response(adopted, make_member(convention, role=Role.COUNCIL))
    make_update(response, facilitator)
    _selection(convention)
    convention.phase = Phase.COUNCIL_RESPONSE
    private = make_convention(slug="hidden", public=False)
    make_session(private)
    db.session.commit()
    return Seeded("open-city", facilitator, citizens, adopted, draft, closed, sealed, session)
