"""Counting votes as pure rules: choices, majorities, thresholds, quorum, majority judgment."""

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import IntEnum, StrEnum
from fractions import Fraction


class Choice(StrEnum):
    """A member's answer on one item: abstaining is a choice, distinct from not voting."""

    FOR = "for"
    AGAINST = "against"
    ABSTAIN = "abstain"


class Majority(StrEnum):
    """Of whom the votes for must be a share: the votes expressed, or all eligible members."""

    EXPRESSED = "expressed"
    MEMBERS = "members"


class Method(StrEnum):
    """How a ballot is voted: for/against/abstain per item, or grading every option."""

    APPROVAL = "approval"
    JUDGMENT = "judgment"


class Outcome(StrEnum):
    """What an item's vote decided."""

    ADOPTED = "adopted"
    REJECTED = "rejected"
    NO_QUORUM = "no_quorum"


class Grade(IntEnum):
    """The majority judgment scale, from worst to best."""

    REJECT = 0
    INSUFFICIENT = 1
    PASSABLE = 2
    FAIR = 3
    GOOD = 4
    VERY_GOOD = 5
    EXCELLENT = 6


HALF = Fraction(1, 2)
TWO_THIRDS = Fraction(2, 3)


@dataclass(frozen=True)
class Rule:
    """A decision rule: a share of whom, whether exactly half counts, abstentions, quorum."""

    majority: Majority = Majority.EXPRESSED
    threshold: Fraction = HALF
    abstentions_expressed: bool = False
    quorum: Fraction = Fraction(0)

    def __post_init__(self) -> None:
        """Refuse thresholds and quorums outside 0..1."""
        if not (0 < self.threshold <= 1 and 0 <= self.quorum <= 1):
            raise ValueError("threshold must be in (0, 1], quorum in [0, 1]")


@dataclass(frozen=True)
class Count:
    """The votes on one item."""

    yes: int = 0
    no: int = 0
    abstain: int = 0

    @property
    def participants(self) -> int:
        """Everyone who took part, abstentions included."""
        return self.yes + self.no + self.abstain

    def __add__(self, other: "Count") -> "Count":
        """Add two counts (online and in-room, say)."""
        return Count(self.yes + other.yes, self.no + other.no, self.abstain + other.abstain)


@dataclass(frozen=True)
class Decision:
    """The outcome of one item, with everything needed to explain it."""

    count: Count
    eligible: int
    expressed: int
    required: int
    quorum_needed: int
    quorum_met: bool
    outcome: Outcome


def count(choices: Iterable[Choice]) -> Count:
    """Count a stream of choices."""
    tally = Counter(choices)
    return Count(tally[Choice.FOR], tally[Choice.AGAINST], tally[Choice.ABSTAIN])


def quorum_needed(eligible: int, quorum: Fraction) -> int:
    """Return how many members must take part: the smallest whole number reaching the share."""
    return -(-quorum.numerator * eligible // quorum.denominator)


def required_for(base: int, threshold: Fraction) -> int:
    """Return the votes for needed: more than half at one half, otherwise at least the share."""
    if threshold == HALF:
        return base // 2 + 1
    return max(1, -(-threshold.numerator * base // threshold.denominator))


def expressed(tally: Count, rule: Rule) -> int:
    """Return the votes expressed: for and against, plus abstentions when the rule counts them."""
    return tally.yes + tally.no + (tally.abstain if rule.abstentions_expressed else 0)


def decide(tally: Count, eligible: int, rule: Rule) -> Decision:
    """Apply `rule` to the votes on one item among `eligible` members."""
    votes = expressed(tally, rule)
    base = eligible if rule.majority == Majority.MEMBERS else votes
    required = required_for(base, rule.threshold)
    needed = quorum_needed(eligible, rule.quorum)
    met = tally.participants >= needed
    if not met:
        outcome = Outcome.NO_QUORUM
    elif tally.yes >= required and tally.yes > tally.no:
        outcome = Outcome.ADOPTED
    else:
        outcome = Outcome.REJECTED
    return Decision(tally, eligible, votes, required, needed, met, outcome)


def share(part: int, whole: int) -> float:
    """Return part / whole, or 0 when nothing was counted."""
    return part / whole if whole else 0.0


# Majority judgment (Balinski and Laraki): the median grade, ties broken by removing medians.


def median_grade(grades: Sequence[Grade]) -> Grade | None:
    """Return the majority grade: the lower median, or None without grades."""
    if not grades:
        return None
    ordered = sorted(grades)
    return ordered[(len(ordered) - 1) // 2]


def majority_value(grades: Sequence[Grade]) -> tuple[int, ...]:
    """Return the medians taken one by one, each removed in turn: compared to break ties."""
    remaining = sorted(grades)
    value = []
    while remaining:
        value.append(int(remaining.pop((len(remaining) - 1) // 2)))
    return tuple(value)


@dataclass(frozen=True)
class Ranked:
    """One option's place in a prioritisation ballot."""

    key: int
    rank: int
    median: Grade | None
    grades: dict[Grade, int]


def rank(options: Mapping[int, Sequence[Grade]], voters: int | None = None) -> list[Ranked]:
    """Rank options by majority judgment; a missing grade counts as `to reject`; ties share."""
    size = voters if voters is not None else max((len(g) for g in options.values()), default=0)
    filled = {
        key: list(grades) + [Grade.REJECT] * (size - len(grades)) for key, grades in options.items()
    }
    values = {key: majority_value(grades) for key, grades in filled.items()}
    order = sorted(filled, key=lambda key: (values[key], -key), reverse=True)
    ranked: list[Ranked] = []
    for position, key in enumerate(order, start=1):
        tied = ranked and values[ranked[-1].key] == values[key]
        place = ranked[-1].rank if tied else position
        grades = Counter(filled[key])
        ranked.append(Ranked(key, place, median_grade(filled[key]), {g: grades[g] for g in Grade}))
    return ranked
