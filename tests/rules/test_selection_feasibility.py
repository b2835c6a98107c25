"""Validation of pool and quotas, and the report of the smallest relaxation."""

import pytest

from convention.rules.selection import (
    InfeasibleQuotasError,
    Person,
    Quota,
    SelectionInputError,
    run_selection,
)
from convention.rules.selection.pool import Problem

pytestmark = pytest.mark.pure


def pool(genders: str, ages: str) -> list[Person]:
    """Return people with genders like 'ffm' and ages like 'yoo', one letter each."""
    return [
        Person(f"p{i}", {"gender": g, "age": a}, line=i + 2)
        for i, (g, a) in enumerate(zip(genders, ages, strict=True))
    ]


def relaxed(quotas: list[Quota], error: InfeasibleQuotasError) -> list[Quota]:
    """Return the quotas with the report's relaxed bounds applied."""
    changes = {(r.feature, r.value): r for r in error.relaxation}
    result = []
    for q in quotas:
        r = changes.get((q.feature, q.value))
        result.append(
            q if r is None else Quota(q.feature, q.value, r.relaxed_minimum, r.relaxed_maximum)
        )
    return result


def test_infeasible_quotas_report_the_smallest_relaxation() -> None:
    people = pool("fffmmmmmmm", "yyoyoyoyoo")
    # Three women but a minimum of five: two seats of relaxation are needed, and enough.
    quotas = [
        Quota("gender", "f", 5, 6),
        Quota("gender", "m", 0, 6),
        Quota("age", "y", 0, 6),
        Quota("age", "o", 0, 6),
    ]
    with pytest.raises(InfeasibleQuotasError) as caught:
        run_selection(people, quotas, 6, "leximin", lottery_size=10)
    error = caught.value
    total = sum(
        (r.minimum - r.relaxed_minimum) + (r.relaxed_maximum - r.maximum) for r in error.relaxation
    )
    assert total == 2
    assert [(r.feature, r.value, r.relaxed_minimum) for r in error.relaxation] == [
        ("gender", "f", 3)
    ]
    assert error.problems == [Problem("no_panel", source="quotas")]
    result = run_selection(people, relaxed(quotas, error), 6, "leximin", lottery_size=10)
    assert result.complete


def test_interacting_quotas_need_the_integer_check() -> None:
    # Each feature alone is satisfiable, but only young women exist among the women:
    # two women and two old people can't both sit in a panel of two.
    people = pool("ffmm", "yyoo")
    quotas = [
        Quota("gender", "f", 2, 2),
        Quota("gender", "m", 0, 2),
        Quota("age", "y", 0, 2),
        Quota("age", "o", 2, 2),
    ]
    with pytest.raises(InfeasibleQuotasError) as caught:
        run_selection(people, quotas, 2, "maximin", lottery_size=10)
    assert [p.code for p in caught.value.problems] == ["no_panel"]
    total = sum(
        (r.minimum - r.relaxed_minimum) + (r.relaxed_maximum - r.maximum)
        for r in caught.value.relaxation
    )
    assert total == 2
    assert run_selection(people, relaxed(quotas, caught.value), 2, "leximin", lottery_size=10)


def test_minimums_above_the_panel_size_are_reported() -> None:
    people = pool("ffmm", "yyoo")
    quotas = [Quota("gender", "f", 2, 2), Quota("gender", "m", 2, 2), Quota("age", "y", 0, 4)]
    quotas.append(Quota("age", "o", 0, 4))
    with pytest.raises(InfeasibleQuotasError) as caught:
        run_selection(people, quotas, 3, "leximin", lottery_size=10)
    assert caught.value.problems[0] == Problem(
        "quota_sum", {"feature": "gender", "low": 4, "high": 4, "k": 3}, "quotas"
    )


def test_unknown_values_and_duplicates_name_their_lines() -> None:
    people = pool("fx", "yo") + [Person("p0", {"gender": "f", "age": "y"}, line=9)]
    quotas = [Quota("gender", "f", 0, 2), Quota("age", "y", 0, 2), Quota("age", "o", 0, 2)]
    with pytest.raises(SelectionInputError) as caught:
        run_selection(people, quotas, 2, "leximin")
    assert caught.value.problems == [
        Problem("duplicate_id", {"id": "p0"}, "pool", 9),
        Problem(
            "value_without_quota",
            {"id": "p1", "feature": "gender", "known": "f", "value": "x"},
            "pool",
            3,
        ),
    ]


def test_bad_quota_rows_and_sizes_are_refused() -> None:
    people = pool("fm", "yo")
    quotas = [Quota("gender", "f", 2, 1, line=2), Quota("gender", "m", 0, 1, line=3)]
    quotas.append(Quota("age", "y", 0, 2, line=4))
    with pytest.raises(SelectionInputError) as caught:
        run_selection(people, quotas, 3, "leximin")
    assert caught.value.problems[:2] == [
        Problem("panel_too_large", {"k": 3, "people": 2}),
        Problem(
            "quota_bounds", {"feature": "gender", "value": "f", "min": 2, "max": 1}, "quotas", 2
        ),
    ]


def test_a_problem_survives_its_json_form() -> None:
    problem = Problem("missing_value", {"id": "p1", "feature": "age", "known": "y, o"}, line=4)
    assert Problem.from_json(problem.as_json()) == problem
    assert problem.as_json() == {
        "code": "missing_value",
        "params": {"id": "p1", "feature": "age", "known": "y, o"},
        "source": "pool",
        "line": 4,
    }


def test_an_empty_quota_file_and_a_bad_id_are_coded() -> None:
    people = [Person("a b", {"gender": "f"}, line=2), Person("", {"gender": "f"}, line=3)]
    with pytest.raises(SelectionInputError) as caught:
        run_selection(people, [], 0, "leximin")
    assert [(p.code, p.line) for p in caught.value.problems] == [
        ("no_feature", None),
        ("panel_too_small", None),
        ("bad_id", 2),
        ("bad_id", 3),
    ]
