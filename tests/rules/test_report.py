"""Report assembly as a pure function: the right recommendations and numbers, nothing personal."""

import json
from datetime import date
from fractions import Fraction

import pytest

from convention.rules.attendance import SessionFigure
from convention.rules.council import Decision, ImplementationStatus, is_overdue, percent_is_valid
from convention.rules.record import rule_terms, vote_figures
from convention.rules.report import (
    RecommendationRecord,
    ReportInput,
    ResponseRecord,
    ResultRecord,
    assemble,
    canonical,
    csv_rows,
    fingerprint,
)
from convention.rules.tally import Method, Rule

pytestmark = pytest.mark.pure


def _rec(id_, state, **fields):
    return RecommendationRecord(
        id=id_,
        reference=f"R-{id_}",
        title=fields.pop("title", f"Recommendation {id_}"),
        body=fields.pop("body", "The city *publishes* its algorithms."),
        rationale="",
        impact="",
        state=state,
        topic="Public services",
        **fields,
    )


RULE = Rule(quorum=Fraction(1, 2))


def _result(yes, no, abstain):
    counts = {"yes": yes, "no": no, "abstain": abstain, "eligible": 40}
    return ResultRecord(
        figures=vote_figures(counts, RULE),
        terms=rule_terms(RULE, Method.APPROVAL),
        threshold="1/2",
        quorum_percent=50,
    )


SOURCE = ReportInput(
    title="Convention on AI",
    slug="ai",
    mandate="How can AI serve residents?",
    composition=(("Gender", "Woman", 20), ("Gender", "Man", 19)),
    members=39,
    sessions=(
        SessionFigure("Opening", date(2023, 11, 18), True, 36, 39),
        SessionFigure("Votes", date(2024, 1, 20), True, 39, 39),
        SessionFigure("Evaluation", date(2024, 3, 2), False, None, None),
    ),
    recommendations=(
        _rec(1, "adopted", minority_opinions=(("We disagree on the timing.", 3),)),
        _rec(2, "rejected"),
        _rec(3, "withdrawn"),
        _rec(4, "adopted"),
    ),
    results={1: _result(30, 6, 3), 2: _result(10, 25, 4)},
    responses={
        1: ResponseRecord("adopted_with_changes", "Budget.", "2024-04-11", 40, 5, 2, "Digital", "")
    },
)


def test_adopted_recommendations_form_the_body_and_rejected_ones_the_annex():
    report = assemble(SOURCE)
    assert [r["reference"] for r in report["recommendations"]] == ["R-1", "R-4"]
    assert [r["reference"] for r in report["annex"]] == ["R-2"]


def test_vote_results_carry_counts_percentages_rule_and_quorum():
    result = assemble(SOURCE)["recommendations"][0]["result"]
    assert (result["votes_for"], result["votes_against"], result["votes_abstain"]) == (30, 6, 3)
    assert result["percent_for"] == pytest.approx(30 / 36, abs=1e-4)
    assert result["threshold"] == "1/2" and result["quorum_met"] is True
    assert assemble(SOURCE)["recommendations"][1]["result"] is None


def test_minority_opinions_and_council_answers_are_present_and_words_untouched():
    first = assemble(SOURCE)["recommendations"][0]
    assert first["minority_opinions"] == [{"text": "We disagree on the timing.", "cosigners": 3}]
    assert first["text"] == "The city *publishes* its algorithms."
    assert first["council"]["decision"] == "adopted_with_changes"


def test_participation_is_counted_from_sessions_and_votes():
    participation = assemble(SOURCE)["participation"]
    assert participation["average_attendance"] == pytest.approx((36 / 39 + 1) / 2, abs=1e-4)
    assert participation["recommendations_voted"] == 3
    assert participation["minority_opinions"] == 1


def test_nothing_personal_goes_in_the_report():
    keys = set()

    def walk(value):
        if isinstance(value, dict):
            keys.update(value)
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(assemble(SOURCE))
    assert not keys & {"pseudonym", "email", "name", "author", "authors", "user_id", "members_ids"}


def test_the_canonical_form_and_its_hash_do_not_depend_on_key_order():
    report = assemble(SOURCE)
    shuffled = json.loads(json.dumps(report, sort_keys=False))
    assert canonical(report) == canonical(dict(reversed(list(shuffled.items()))))
    assert len(fingerprint(canonical(report))) == 64


def test_the_csv_has_one_row_per_voted_recommendation():
    rows = csv_rows(assemble(SOURCE))
    assert [r["reference"] for r in rows] == ["R-1", "R-4", "R-2"]
    assert rows[0]["council_decision"] == "adopted_with_changes"
    assert rows[2]["votes_against"] == 25


@pytest.mark.parametrize(
    ("decision", "deadline", "status", "overdue"),
    [
        (Decision.ADOPTED, "2024-01-01", None, True),
        (Decision.ADOPTED, "2024-01-01", ImplementationStatus.COMPLETED, False),
        (Decision.REFERRED, "2024-01-01", ImplementationStatus.IN_PROGRESS, True),
        (Decision.REJECTED, "2024-01-01", None, False),
        (Decision.ADOPTED, "2030-01-01", None, False),
        (Decision.ADOPTED, None, None, False),
    ],
)
def test_an_answer_is_overdue_once_its_deadline_passed_unfinished(
    decision, deadline, status, overdue
):
    from datetime import date

    due = date.fromisoformat(deadline) if deadline else None
    assert is_overdue(decision, due, status, date(2025, 1, 1)) is overdue


def test_a_completed_implementation_is_at_100_percent():
    assert percent_is_valid(ImplementationStatus.COMPLETED, 100)
    assert not percent_is_valid(ImplementationStatus.COMPLETED, 90)
    assert not percent_is_valid(ImplementationStatus.NOT_STARTED, 10)
    assert not percent_is_valid(ImplementationStatus.IN_PROGRESS, 101)


def test_the_panel_met_only_on_sessions_held_and_planned_ones_have_no_attendance():
    report = assemble(SOURCE)
    assert report["convention"]["first_session"] == "2023-11-18"
    assert report["convention"]["last_session"] == "2024-01-20"
    planned = {"title": "Evaluation", "date": "2024-03-02", "held": False}
    assert report["sessions"][2] == planned | {"present": None, "expected": None}
    assert report["participation"]["sessions_held"] == 2
    assert report["participation"]["sessions_planned"] == 1


def test_the_result_carries_the_rule_as_terms_a_reader_can_word():
    result = assemble(SOURCE)["recommendations"][0]["result"]
    assert result["rule"] == {
        "kind": "more_than_half", "base": "expressed", "share": None,
        "abstentions_expressed": False, "quorum": "1/2",
    }  # fmt: skip
    assert result["outcome"] == "adopted" and result["required"] == 19
