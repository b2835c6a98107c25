"""The figures every page reads, as pure functions: rule terms, decisions, ranks, attendance."""

from datetime import UTC, date, datetime, timedelta
from fractions import Fraction

import pytest

from convention.rules.attendance import SessionFacts, is_held, session_figures, summarise
from convention.rules.council import Decision, ImplementationStatus, finished_late, finished_on
from convention.rules.record import (
    RuleKind,
    frozen_terms,
    rank_figures,
    rule_terms,
    vote_figures,
)
from convention.rules.tally import Grade, Majority, Method, Outcome, Rule

pytestmark = pytest.mark.pure

NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)


def test_one_half_is_worded_as_more_than_half_and_other_shares_as_at_least():
    assert rule_terms(Rule(), Method.APPROVAL).kind == RuleKind.MORE_THAN_HALF
    assert rule_terms(Rule(), Method.APPROVAL).share is None
    two_thirds = rule_terms(Rule(threshold=Fraction(2, 3)), Method.APPROVAL)
    assert (two_thirds.kind, two_thirds.share) == (RuleKind.AT_LEAST, Fraction(2, 3))
    members = rule_terms(Rule(majority=Majority.MEMBERS), Method.APPROVAL)
    assert members.base == Majority.MEMBERS


def test_a_majority_judgment_has_no_threshold_and_quorum_zero_means_none():
    terms = rule_terms(Rule(quorum=Fraction(1, 2)), Method.JUDGMENT)
    assert (terms.kind, terms.base, terms.share) == (RuleKind.RANKING, None, None)
    assert terms.has_quorum
    assert not rule_terms(Rule(), Method.APPROVAL).has_quorum
    assert frozen_terms(terms) == {
        "kind": "ranking",
        "base": None,
        "share": None,
        "abstentions_expressed": False,
        "quorum": "1/2",
    }


def test_figures_apply_the_rule_to_the_frozen_counts():
    figures = vote_figures({"yes": 26, "no": 7, "abstain": 3, "eligible": 40}, Rule())
    assert (figures.participants, figures.expressed, figures.required) == (36, 33, 17)
    assert figures.outcome == Outcome.ADOPTED and figures.quorum_met
    assert figures.percent_for == pytest.approx(26 / 33, abs=1e-4)
    assert figures.percent_abstain == pytest.approx(3 / 36, abs=1e-4)


def test_two_thirds_of_eleven_needs_eight_votes_for():
    rule = Rule(threshold=Fraction(2, 3))
    assert (
        vote_figures({"yes": 8, "no": 3, "abstain": 1, "eligible": 12}, rule).outcome == "adopted"
    )
    assert (
        vote_figures({"yes": 7, "no": 4, "abstain": 1, "eligible": 12}, rule).outcome == "rejected"
    )


def test_without_quorum_any_turnout_counts_and_with_one_a_low_turnout_decides_nothing():
    few = {"yes": 3, "no": 1, "abstain": 1, "eligible": 12}
    assert vote_figures(few, Rule()).quorum_met
    figures = vote_figures(few, Rule(quorum=Fraction(1, 2)))
    assert (figures.quorum_needed, figures.quorum_met, figures.outcome) == (6, False, "no_quorum")


def test_an_empty_tally_has_zero_percentages_not_an_error():
    figures = vote_figures({}, Rule())
    assert (figures.participants, figures.percent_for, figures.percent_abstain) == (0, 0.0, 0.0)
    assert figures.outcome == Outcome.REJECTED


def test_rank_figures_read_a_majority_judgment_place():
    place = rank_figures({"rank": 2, "median": 4, "grades": [0, 0, 1, 2, 5, 0, 0]})
    assert (place.rank, place.median, sum(place.grades)) == (2, Grade.GOOD, 8)
    assert rank_figures({"rank": 1, "median": None}).grades == (0,) * 7


def _session(title, days, present=0, recorded=0):
    starts = NOW + timedelta(days=days)
    return SessionFacts(title, starts, starts.date(), present, recorded)


def test_no_session_held_yet_gives_no_dates_and_no_average():
    figures = session_figures([_session("First", 7), _session("Second", 14)], NOW)
    summary = summarise(figures)
    assert (summary.held, summary.planned) == (0, 2)
    assert (summary.first_met, summary.last_met, summary.average) == (None, None, None)
    assert all(f.present is None and f.expected is None for f in figures)


def test_future_sessions_are_planned_and_the_dates_met_cover_held_ones_only():
    sessions = [
        _session("Third", 20),
        _session("First", -14, present=9, recorded=12),
        _session("Second", -7, present=12, recorded=12),
    ]
    figures = session_figures(sessions, NOW)
    assert [f.title for f in figures] == ["First", "Second", "Third"]
    assert [f.held for f in figures] == [True, True, False]
    summary = summarise(figures)
    assert summary.first_met == date(2026, 2, 15) and summary.last_met == date(2026, 2, 22)
    assert summary.average == pytest.approx((0.75 + 1) / 2)


def test_a_session_with_citizens_marked_present_is_held_even_before_its_start_time():
    early = _session("Evening", 0.25, present=10, recorded=12)
    assert is_held(early, NOW)
    assert summarise(session_figures([early], NOW)).held == 1


def test_a_held_session_without_records_has_no_rate_and_is_left_out_of_the_average():
    figures = session_figures([_session("Unrecorded", -1), _session("Met", -2, 6, 8)], NOW)
    assert figures[1].rate is None
    assert summarise(figures).average == 0.75


def test_work_finished_after_its_deadline_stays_late():
    steps = [(date(2026, 1, 5), ImplementationStatus.IN_PROGRESS)]
    assert finished_on(steps) is None
    steps.append((date(2026, 2, 10), ImplementationStatus.COMPLETED))
    assert finished_on(steps) == date(2026, 2, 10)
    assert finished_late(Decision.ADOPTED, date(2026, 2, 1), date(2026, 2, 10))
    assert not finished_late(Decision.ADOPTED, date(2026, 3, 1), date(2026, 2, 10))
    assert not finished_late(Decision.REJECTED, date(2026, 2, 1), date(2026, 2, 10))
    assert not finished_late(Decision.ADOPTED, None, date(2026, 2, 10))
