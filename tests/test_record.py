"""One record: every figure reads the same on every page and format, on the demo as seeded."""

import re

import pytest
import sqlalchemy as sa

from convention.demo import seed
from convention.extensions import db
from convention.models import Ballot, BallotItem, Convention, Recommendation, User
from convention.rules.tally import Method
from tests import record

# What the demo's members cast, ballot by ballot (for, against, abstaining) and what it decided.
DEMO_VOTES = {
    1: (26, 7, 3, "adopted"),
    5: (9, 23, 4, "rejected"),
    8: (33, 4, 2, "adopted"),
    9: (36, 2, 1, "adopted"),
    10: (27, 9, 3, "adopted"),
}


@pytest.fixture
def demo(app):
    """The demo as `flask convention demo` seeds it, read by a signed-in observer."""
    seed()
    db.session.commit()
    return db.session.scalar(sa.select(Convention).where(Convention.slug == "demo"))


def _observer(login_as):
    """Sign in the demo's observer: recommendation pages are for members."""
    return login_as(db.session.scalar(sa.select(User).where(User.email == "observer@demo.invalid")))


def _decided(recommendation: Recommendation) -> BallotItem:
    """Return the for/against item that decided a recommendation."""
    return db.session.scalars(
        sa.select(BallotItem)
        .join(Ballot)
        .where(BallotItem.recommendation_id == recommendation.id, Ballot.method == Method.APPROVAL)
    ).one()


def test_every_figure_of_the_demo_reads_the_same_everywhere(demo, login_as):
    client = _observer(login_as)
    published = record.published(client, "demo")
    for number, (yes, no, abstain, outcome) in DEMO_VOTES.items():
        recommendation = db.session.scalar(
            sa.select(Recommendation).where(
                Recommendation.convention_id == demo.id, Recommendation.number == number
            )
        )
        seen = record.everywhere(client, "demo", _decided(recommendation), published)
        for source, figures in seen.items():
            assert (figures.yes, figures.no, figures.abstain, figures.outcome) == (
                yes,
                no,
                abstain,
                outcome,
            ), (recommendation.reference, source)
            assert (figures.participants, figures.eligible) == (yes + no + abstain, 40), source
        assert recommendation.state.value == outcome


def test_the_demo_ranking_reads_the_same_in_the_results_and_the_report(demo, login_as):
    client = _observer(login_as)
    published = record.published(client, "demo")
    ballot = db.session.scalar(sa.select(Ballot).where(Ballot.method == Method.JUDGMENT))
    ranks = record.rankings(client, "demo", ballot, published)
    expected = ranks["results csv"]
    assert set(expected) == {"R-1", "R-3", "R-8", "R-9", "R-10"}
    assert ranks["report json"] == ranks["report html"] == expected
    # The CSV has a row per voted recommendation: R-3 is final, not voted yet.
    assert ranks["report csv (voted only)"] == {k: v for k, v in expected.items() if k != "R-3"}
    assert "".join(ballot.title.split()) in published["pdf"]


def test_the_demo_transparency_page_words_each_rule_as_the_ballot_has_it(demo, client):
    page = client.get("/c/demo/transparency").text
    rules = {
        b.title: record.text_of(record.inside(page, f'id="rule-{b.id}">', "</li>")).replace(
            " ;", ";"
        )
        for b in db.session.scalars(sa.select(Ballot).where(Ballot.closed_at.is_not(None)))
    }
    assert rules == {
        "Vote final en plénière": "Vote final en plénière: more than half of the votes expressed"
        "; no quorum; secret ballot",
        "Vote final, séance 3": "Vote final, séance 3: more than half of the votes expressed; "
        "quorum: 50% of the eligible members take part; secret ballot",
        "Quelles priorités ?": "Quelles priorités ?: ranking by majority judgment (the median "
        "grade), no threshold; no quorum; secret ballot",
    }
    french = client.get("/c/demo/transparency", headers={"Accept-Language": "fr"}).text
    assert "plus de la moitié des suffrages exprimés" in french
    assert "pas de quorum" in french


def test_the_demo_report_counts_citizens_at_sessions_held_and_plans_the_next(demo, client):
    report = client.get("/c/demo/report.json").json
    held = [s for s in report["sessions"] if s["held"]]
    planned = [s for s in report["sessions"] if not s["held"]]
    assert len(held) == 3 and len(planned) == 1
    # Staff were marked present too: only the 40 citizens are counted.
    assert all(s["expected"] == 40 for s in held)
    assert planned[0]["present"] is None and planned[0]["expected"] is None
    assert report["convention"]["last_session"] == held[-1]["date"] < planned[0]["date"]
    rates = [s["present"] / s["expected"] for s in held]
    assert report["participation"]["average_attendance"] == pytest.approx(sum(rates) / 3, abs=1e-4)
    text = record.text_of(client.get("/c/demo/report").text)
    assert "planned" in text and " 0 / 0" not in text


def test_the_demo_equity_page_counts_the_sessions_held(demo, login_as):
    facilitator = db.session.scalar(sa.select(User).where(User.email == "facilitator@demo.invalid"))
    page = record.text_of(login_as(facilitator).get("/c/demo/participation").text)
    assert "Sessions held so far: 3." in page


def test_the_demo_shows_a_corrected_council_answer_with_its_history(demo, client):
    page = client.get("/c/demo/accountability").text
    links = re.findall(r'href="/c/demo/responses/(\d+)"', page)
    texts = [record.text_of(client.get(f"/c/demo/responses/{n}").text) for n in links]
    corrected = [t for t in texts if "Corrected on" in t]
    assert len(corrected) == 1
    assert "was: Referred" in corrected[0] and "Overdue when corrected" in corrected[0]
    # The accountability page shows the panel's vote beside each answer, from the same figures.
    rows = record.text_of(page)
    assert "R-1 " in rows and "26 for, 7 against, 3 abstaining" in rows
