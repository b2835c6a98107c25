"""The convention's vote figures as pure functions: every page and format reads them from here.

A frozen tally stores the counts and the eligible members; the ballot stores its rule. The
figures (percentages, votes needed, quorum, outcome) and the rule's wording are derived from
those facts here and nowhere else, so the results page, the report and the recommendation page
cannot disagree.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from typing import Any

from convention.rules.tally import HALF, Count, Grade, Majority, Method, Outcome, Rule, decide


class RuleKind(StrEnum):
    """How a rule is worded: more than half, at least a share, or no threshold at all."""

    MORE_THAN_HALF = "more_than_half"
    AT_LEAST = "at_least"
    RANKING = "ranking"


@dataclass(frozen=True)
class RuleTerms:
    """A ballot's rule, structured so that a translation layer can word it."""

    kind: RuleKind
    base: Majority | None
    share: Fraction | None
    abstentions_expressed: bool
    quorum: Fraction

    @property
    def has_quorum(self) -> bool:
        """Tell whether a share of the members must take part."""
        return self.quorum > 0


def rule_terms(rule: Rule, method: Method) -> RuleTerms:
    """Describe a ballot's rule: a majority judgment ranks, it has no threshold."""
    if method == Method.JUDGMENT:
        return RuleTerms(RuleKind.RANKING, None, None, False, rule.quorum)
    kind = RuleKind.MORE_THAN_HALF if rule.threshold == HALF else RuleKind.AT_LEAST
    share = None if kind == RuleKind.MORE_THAN_HALF else rule.threshold
    return RuleTerms(kind, rule.majority, share, rule.abstentions_expressed, rule.quorum)


@dataclass(frozen=True)
class VoteFigures:
    """Every figure shown for one for/against/abstain item."""

    yes: int
    no: int
    abstain: int
    participants: int
    eligible: int
    expressed: int
    required: int
    quorum_needed: int
    quorum_met: bool
    outcome: Outcome
    percent_for: float
    percent_against: float
    percent_abstain: float


def ratio(part: int, whole: int) -> float:
    """Return part / whole rounded to four places, 0 for an empty whole."""
    return round(part / whole, 4) if whole else 0.0


def vote_figures(result: Mapping[str, Any], rule: Rule) -> VoteFigures:
    """Apply the ballot's rule to a frozen tally's counts and eligible members."""
    counted = Count(
        int(result.get("yes", 0)), int(result.get("no", 0)), int(result.get("abstain", 0))
    )
    decision = decide(counted, int(result.get("eligible", 0)), rule)
    return VoteFigures(
        yes=counted.yes,
        no=counted.no,
        abstain=counted.abstain,
        participants=counted.participants,
        eligible=decision.eligible,
        expressed=decision.expressed,
        required=decision.required,
        quorum_needed=decision.quorum_needed,
        quorum_met=decision.quorum_met,
        outcome=decision.outcome,
        percent_for=ratio(counted.yes, decision.expressed),
        percent_against=ratio(counted.no, decision.expressed),
        percent_abstain=ratio(counted.abstain, counted.participants),
    )


@dataclass(frozen=True)
class RankFigures:
    """An option's place in a majority-judgment ballot."""

    rank: int
    median: Grade | None
    grades: tuple[int, ...]
    participants: int
    eligible: int


def rank_figures(result: Mapping[str, Any]) -> RankFigures:
    """Read an option's frozen place: rank, median grade, votes per grade from worst to best."""
    median = result.get("median")
    grades: Sequence[int] = result.get("grades") or [0] * len(Grade)
    return RankFigures(
        rank=int(result.get("rank", 0)),
        median=None if median is None else Grade(int(median)),
        grades=tuple(int(n) for n in grades),
        participants=int(result.get("participants", 0)),
        eligible=int(result.get("eligible", 0)),
    )


def frozen_terms(terms: RuleTerms) -> dict[str, Any]:
    """Write rule terms as plain values, for a frozen report."""
    return {
        "kind": terms.kind.value,
        "base": terms.base.value if terms.base else None,
        "share": str(terms.share) if terms.share is not None else None,
        "abstentions_expressed": terms.abstentions_expressed,
        "quorum": str(terms.quorum),
    }
