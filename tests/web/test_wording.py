"""Rules worded from their terms, in English and French: never a bare fraction or '0 %'."""

from fractions import Fraction

import pytest
from flask_babel import force_locale

from convention.rules.record import frozen_terms, rule_terms
from convention.rules.tally import Majority, Method, Rule
from convention.web.wording import quorum_wording, result_rule, rule_wording

CASES = [
    (
        Rule(),
        Method.APPROVAL,
        "more than half of the votes expressed",
        "plus de la moitié des suffrages exprimés",
    ),
    (
        Rule(majority=Majority.MEMBERS),
        Method.APPROVAL,
        "more than half of the eligible members",
        "plus de la moitié des membres appelés à voter",
    ),
    (
        Rule(threshold=Fraction(2, 3)),
        Method.APPROVAL,
        "at least two thirds of the votes expressed",
        "au moins deux tiers des suffrages exprimés",
    ),
    (
        Rule(threshold=Fraction(7, 10)),
        Method.APPROVAL,
        "at least 70% of the votes expressed",
        "au moins 70 % des suffrages exprimés",
    ),
    (
        Rule(quorum=Fraction(1, 2)),
        Method.JUDGMENT,
        "ranking by majority judgment (the median grade), no threshold",
        "classement au jugement majoritaire (la mention médiane), sans seuil",
    ),
]


@pytest.mark.parametrize(("rule", "method", "english", "french"), CASES)
def test_a_rule_is_worded_in_both_languages(app, rule, method, english, french):
    with app.test_request_context():
        terms = rule_terms(rule, method)
        assert rule_wording(terms) == english
        with force_locale("fr"):
            assert rule_wording(terms).replace("\u202f", " ").replace("\xa0", " ") == french


def test_quorum_zero_reads_no_quorum_and_a_share_reads_as_a_percentage(app):
    with app.test_request_context():
        assert quorum_wording(rule_terms(Rule(), Method.APPROVAL)) == "no quorum"
        half = rule_terms(Rule(quorum=Fraction(1, 2)), Method.APPROVAL)
        assert quorum_wording(half) == "quorum: 50% of the eligible members take part"
        with force_locale("fr"):
            assert quorum_wording(rule_terms(Rule(), Method.APPROVAL)) == "pas de quorum"


def test_frozen_terms_and_first_schema_results_word_the_same_rule(app):
    with app.test_request_context():
        terms = rule_terms(Rule(threshold=Fraction(2, 3), quorum=Fraction(1, 5)), Method.APPROVAL)
        assert result_rule({"rule": frozen_terms(terms)}) == terms
        legacy = {"majority": "expressed", "threshold": "2/3", "quorum_percent": 20}
        assert rule_wording(result_rule(legacy)) == "at least two thirds of the votes expressed"
        assert (
            quorum_wording(result_rule(legacy)) == "quorum: 20% of the eligible members take part"
        )
