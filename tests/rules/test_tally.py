"""Counting votes as pure rules: majorities, thresholds, quorum, majority judgment."""

from fractions import Fraction

import pytest
from hypothesis import given, strategies as st

from convention.rules.tally import (
    TWO_THIRDS,
    Choice,
    Count,
    Grade,
    Majority,
    Outcome,
    Rule,
    count,
    decide,
    majority_value,
    median_grade,
    quorum_needed,
    rank,
    required_for,
    share,
)

SIMPLE = Rule()


def test_zero_votes_reject_and_share_nothing():
    decision = decide(Count(), 40, SIMPLE)
    assert decision.outcome == Outcome.REJECTED
    assert decision.expressed == 0
    assert share(0, 0) == 0.0


def test_a_tie_is_rejected():
    assert decide(Count(10, 10, 3), 40, SIMPLE).outcome == Outcome.REJECTED


def test_one_vote_more_than_against_adopts():
    assert decide(Count(11, 10, 3), 40, SIMPLE).outcome == Outcome.ADOPTED


def test_abstentions_not_expressed_do_not_weigh():
    assert decide(Count(5, 4, 30), 40, SIMPLE).outcome == Outcome.ADOPTED


def test_abstentions_counted_as_expressed_weigh_against():
    rule = Rule(abstentions_expressed=True)
    decision = decide(Count(5, 4, 30), 40, rule)
    assert decision.expressed == 39
    assert decision.outcome == Outcome.REJECTED
    assert decide(Count(20, 4, 15), 40, rule).outcome == Outcome.ADOPTED
    assert decide(Count(19, 4, 15), 40, rule).outcome == Outcome.REJECTED


@pytest.mark.parametrize(("yes", "outcome"), [(20, Outcome.REJECTED), (21, Outcome.ADOPTED)])
def test_absolute_majority_of_members_at_its_boundary(yes, outcome):
    rule = Rule(majority=Majority.MEMBERS)
    assert decide(Count(yes, 0, 0), 40, rule).outcome == outcome


def test_absolute_majority_of_an_odd_membership():
    rule = Rule(majority=Majority.MEMBERS)
    assert decide(Count(20, 0, 0), 39, rule).outcome == Outcome.ADOPTED
    assert decide(Count(19, 0, 0), 39, rule).outcome == Outcome.REJECTED


@pytest.mark.parametrize(
    ("yes", "no", "outcome"), [(20, 10, Outcome.ADOPTED), (19, 11, Outcome.REJECTED)]
)
def test_two_thirds_at_its_boundary(yes, no, outcome):
    assert decide(Count(yes, no, 0), 40, Rule(threshold=TWO_THIRDS)).outcome == outcome


@pytest.mark.parametrize(
    ("yes", "no", "outcome"), [(60, 40, Outcome.ADOPTED), (59, 41, Outcome.REJECTED)]
)
def test_a_percentage_threshold_at_its_boundary(yes, no, outcome):
    rule = Rule(threshold=Fraction(60, 100))
    assert decide(Count(yes, no, 0), 150, rule).outcome == outcome


def test_a_threshold_never_adopts_with_more_against():
    assert decide(Count(1, 2, 0), 40, Rule(threshold=Fraction(1, 3))).outcome == Outcome.REJECTED


@pytest.mark.parametrize(("participants", "met"), [(19, False), (20, True)])
def test_quorum_missed_by_one(participants, met):
    rule = Rule(quorum=Fraction(1, 2))
    decision = decide(Count(participants, 0, 0), 40, rule)
    assert decision.quorum_needed == 20
    assert decision.quorum_met is met
    assert decision.outcome == (Outcome.ADOPTED if met else Outcome.NO_QUORUM)


def test_abstentions_count_towards_the_quorum():
    assert decide(Count(1, 0, 19), 40, Rule(quorum=Fraction(1, 2))).quorum_met


def test_quorum_rounds_up():
    assert quorum_needed(41, Fraction(1, 2)) == 21
    assert quorum_needed(0, Fraction(1, 2)) == 0
    assert quorum_needed(40, Fraction(0)) == 0


def test_required_votes():
    assert required_for(10, Fraction(1, 2)) == 6
    assert required_for(11, Fraction(1, 2)) == 6
    assert required_for(9, TWO_THIRDS) == 6
    assert required_for(0, TWO_THIRDS) == 1


def test_a_rule_refuses_impossible_shares():
    with pytest.raises(ValueError):
        Rule(threshold=Fraction(0))
    with pytest.raises(ValueError):
        Rule(quorum=Fraction(3, 2))


def test_counting_choices():
    assert count([Choice.FOR, Choice.ABSTAIN, Choice.FOR]) == Count(2, 0, 1)
    assert Count(1, 2, 3) + Count(1, 1, 1) == Count(2, 3, 4)


choices = st.lists(st.sampled_from(list(Choice)), max_size=200)
rules = st.builds(
    Rule,
    majority=st.sampled_from(list(Majority)),
    threshold=st.fractions(min_value=Fraction(1, 100), max_value=1),
    abstentions_expressed=st.booleans(),
    quorum=st.fractions(min_value=0, max_value=1),
)


@given(choices)
def test_totals_equal_participations(votes):
    assert count(votes).participants == len(votes)


@given(choices, rules, st.integers(min_value=0, max_value=50), st.randoms())
def test_the_order_of_votes_never_matters(votes, rule, absent, rnd):
    eligible = len(votes) + absent
    shuffled = list(votes)
    rnd.shuffle(shuffled)
    assert decide(count(votes), eligible, rule) == decide(count(shuffled), eligible, rule)


@given(choices, rules)
def test_adopted_means_more_for_than_against(votes, rule):
    decision = decide(count(votes), len(votes), rule)
    if decision.outcome == Outcome.ADOPTED:
        assert decision.count.yes > decision.count.no
        assert decision.count.yes >= decision.required


# Majority judgment


def test_the_median_is_the_lower_one():
    assert median_grade([Grade.GOOD, Grade.EXCELLENT]) == Grade.GOOD
    assert median_grade([Grade.REJECT, Grade.GOOD, Grade.EXCELLENT]) == Grade.GOOD
    assert median_grade([]) is None


def test_majority_value_removes_medians_one_by_one():
    grades = [Grade.REJECT, Grade.FAIR, Grade.GOOD, Grade.EXCELLENT]
    assert majority_value(grades) == (3, 4, 0, 6)


def test_ranking_by_median():
    ranked = rank({1: [Grade.PASSABLE] * 3, 2: [Grade.EXCELLENT] * 3, 3: [Grade.GOOD] * 3})
    assert [(r.key, r.rank) for r in ranked] == [(2, 1), (3, 2), (1, 3)]
    assert ranked[0].median == Grade.EXCELLENT
    assert ranked[0].grades[Grade.EXCELLENT] == 3


def test_a_tie_on_the_median_is_broken_by_the_next_medians():
    # Both medians are "good"; option 2 has more support above it.
    first = [Grade.PASSABLE, Grade.GOOD, Grade.GOOD, Grade.GOOD, Grade.FAIR]
    second = [Grade.PASSABLE, Grade.GOOD, Grade.GOOD, Grade.EXCELLENT, Grade.EXCELLENT]
    ranked = rank({1: first, 2: second})
    assert ranked[0].median == ranked[1].median == Grade.GOOD
    assert [r.key for r in ranked] == [2, 1]


def test_identical_grades_share_a_rank():
    ranked = rank({1: [Grade.GOOD, Grade.FAIR], 2: [Grade.FAIR, Grade.GOOD], 3: [Grade.REJECT]})
    assert [r.rank for r in ranked] == [1, 1, 3]


def test_missing_grades_count_as_to_reject():
    ranked = rank({1: [Grade.EXCELLENT], 2: [Grade.GOOD, Grade.GOOD]})
    assert [r.key for r in ranked] == [2, 1]
    assert ranked[1].median == Grade.REJECT


def test_nothing_to_rank():
    assert rank({}) == []
    assert rank({1: []})[0].median is None


grades_lists = st.lists(st.sampled_from(list(Grade)), min_size=1, max_size=30)


@given(st.dictionaries(st.integers(1, 20), grades_lists, max_size=6), st.randoms())
def test_the_order_of_grades_never_changes_the_ranking(options, rnd):
    shuffled = {key: rnd.sample(grades, len(grades)) for key, grades in options.items()}
    assert rank(options) == rank(shuffled)


@given(grades_lists)
def test_the_median_has_a_majority_at_or_above_and_at_or_below(grades):
    median = median_grade(grades)
    assert 2 * sum(g >= median for g in grades) >= len(grades)
    assert 2 * sum(g <= median for g in grades) >= len(grades)
