"""Validation of pool and quotas, and the report of the smallest relaxation."""

import pytest

from convention.rules.selection import (
    InfeasibleQuotasError,
    Person,
    Quota,
    SelectionInputError,
    run_selection,
)

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
    assert "gender/f: min 5 -> 3" in str(error)
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
    assert "no panel satisfies all the quotas" in str(caught.value)
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
    assert "feature 'gender': the minimums add up to 4" in str(caught.value)


def test_unknown_values_and_duplicates_name_their_lines() -> None:
    people = pool("fx", "yo") + [Person("p0", {"gender": "f", "age": "y"}, line=9)]
    quotas = [Quota("gender", "f", 0, 2), Quota("age", "y", 0, 2), Quota("age", "o", 0, 2)]
    with pytest.raises(SelectionInputError) as caught:
        run_selection(people, quotas, 2, "leximin")
    messages = caught.value.messages
    assert any(m.startswith("pool line 3:") and "'x'" in m for m in messages)
    assert any(m.startswith("pool line 9:") and "duplicate id" in m for m in messages)


def test_bad_quota_rows_and_sizes_are_refused() -> None:
    people = pool("fm", "yo")
    quotas = [Quota("gender", "f", 2, 1, line=2), Quota("gender", "m", 0, 1, line=3)]
    quotas.append(Quota("age", "y", 0, 2, line=4))
    with pytest.raises(SelectionInputError) as caught:
        run_selection(people, quotas, 3, "leximin")
    text = str(caught.value)
    assert "quotas line 2:" in text and "exceeds the number of people" in text
