"""Equity of voice as pure arithmetic: who speaks how much, and who has not spoken yet."""

from collections.abc import Mapping
from dataclasses import dataclass

# Contributions per member, grouped as the chart shows them.
BUCKETS: tuple[tuple[int, int | None], ...] = ((0, 0), (1, 2), (3, 5), (6, 10), (11, None))


@dataclass(frozen=True)
class VoiceSummary:
    """The shape of a panel's participation."""

    members: int
    contributions: int
    silent: int
    top_fifth_share: float | None
    buckets: tuple[tuple[tuple[int, int | None], int], ...]


def bucket_counts(counts: Mapping[int, int]) -> tuple[tuple[tuple[int, int | None], int], ...]:
    """Count the members in each bucket of contributions."""
    return tuple(
        (
            bucket,
            sum(
                1
                for n in counts.values()
                if n >= bucket[0] and (bucket[1] is None or n <= bucket[1])
            ),
        )
        for bucket in BUCKETS
    )


def top_fifth_share(counts: Mapping[int, int]) -> float | None:
    """Return the share of contributions made by the fifth of members who contribute most."""
    total = sum(counts.values())
    if not counts or not total:
        return None
    size = max(1, round(len(counts) / 5))
    return sum(sorted(counts.values(), reverse=True)[:size]) / total


def summarise(counts: Mapping[int, int]) -> VoiceSummary:
    """Summarise contributions per member (member id -> count, zero included)."""
    return VoiceSummary(
        members=len(counts),
        contributions=sum(counts.values()),
        silent=sum(1 for n in counts.values() if n == 0),
        top_fifth_share=top_fifth_share(counts),
        buckets=bucket_counts(counts),
    )


def bar_widths(values: list[int], full: int) -> list[int]:
    """Scale `values` to bar widths out of `full`, the largest value filling it."""
    largest = max(values, default=0)
    if not largest:
        return [0 for _ in values]
    return [round(full * v / largest) for v in values]
