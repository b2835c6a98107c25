"""Survey rules: checking an answer set, counting anonymous answers, when results may show."""

import pytest

from convention.rules.surveys import (
    MAX_TEXT,
    Problem,
    QuestionKind,
    QuestionSpec,
    SurveyState,
    Visibility,
    aggregate,
    check_answers,
    visibility,
)

pytestmark = pytest.mark.pure

SCALE = QuestionSpec(1, QuestionKind.SCALE, required=True)
CHOICE = QuestionSpec(2, QuestionKind.CHOICE, options=3)
TEXT = QuestionSpec(3, QuestionKind.TEXT)


def test_an_answer_set_keeps_valid_answers_and_leaves_optional_blanks_out():
    answers, problems = check_answers([SCALE, CHOICE, TEXT], {1: "5", 2: "", 3: "  Fine  "})
    assert answers == {1: 5, 3: "Fine"} and problems == {}


@pytest.mark.parametrize(
    ("given", "problem"),
    [
        ({1: ""}, Problem.MISSING),
        ({1: "0"}, Problem.OUT_OF_RANGE),
        ({1: "6"}, Problem.OUT_OF_RANGE),
        ({1: "²"}, Problem.OUT_OF_RANGE),
        ({1: "-1"}, Problem.OUT_OF_RANGE),
    ],
)
def test_a_scale_answer_must_be_a_point_from_1_to_5(given, problem):
    assert check_answers([SCALE], given) == ({}, {1: problem})


def test_a_choice_must_be_one_of_its_options_and_a_text_not_too_long():
    _, problems = check_answers([CHOICE, TEXT], {2: "3", 3: "x" * (MAX_TEXT + 1)})
    assert problems == {2: Problem.OUT_OF_RANGE, 3: Problem.TOO_LONG}


def test_answers_are_counted_per_point_or_option_and_texts_sorted():
    rows = [(1, 5, None), (1, 4, None), (1, 5, None), (2, 0, None), (3, None, "b"), (3, None, "a")]
    scale, choice, text = aggregate([SCALE, CHOICE, TEXT], rows + [(99, 1, None)])
    assert scale.counts == (0, 0, 0, 1, 2) and scale.answered == 3 and scale.mean == 4.67
    assert choice.counts == (1, 0, 0) and choice.mean is None
    assert text.texts == ("a", "b") and text.answered == 2 and text.counts == ()


@pytest.mark.parametrize(
    ("state", "respondents", "shown"),
    [
        (SurveyState.OPEN, 50, Visibility.NOT_CLOSED),
        (SurveyState.DRAFT, 0, Visibility.NOT_CLOSED),
        (SurveyState.CLOSED, 4, Visibility.TOO_FEW),
        (SurveyState.CLOSED, 5, Visibility.SHOWN),
    ],
)
def test_results_show_only_after_close_with_at_least_the_minimum(state, respondents, shown):
    assert visibility(state, respondents, 5) == shown


def test_a_minimum_of_zero_still_needs_one_respondent():
    assert visibility(SurveyState.CLOSED, 0, 0) == Visibility.TOO_FEW
