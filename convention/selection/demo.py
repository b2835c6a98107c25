"""The demo's panel selection: fictional volunteers drawn by LEXIMIN, list published, drawn."""

import random
from datetime import timedelta

from convention.clock import utcnow
from convention.extensions import db
from convention.models import Convention, RunStatus, SelectionRun
from convention.rules.selection.pool import Person, Quota
from convention.rules.selection.run import run_selection
from convention.selection.uploads import _minimal_pool, _quotas_text

PANEL = 40
VOLUNTEERS = 150
SEED = "5 3 6 1 2 4 6 2"
# feature -> value -> (share among volunteers, quota min, quota max): volunteers skew older.
FEATURES = {
    "gender": {"woman": (0.46, 19, 21), "man": (0.54, 19, 21)},
    "age": {"16-34": (0.20, 11, 13), "35-59": (0.40, 15, 17), "60+": (0.40, 11, 13)},
    "district": {"centre": (0.35, 9, 11), "north": (0.20, 9, 11), "south": (0.25, 9, 11),
                 "east": (0.20, 9, 11)},
}  # fmt: skip


def seed_selection(convention: Convention) -> SelectionRun:
    """Compute, publish and draw the demo panel as the facilitators did, months ago."""
    rng = random.Random(2023)  # noqa: S311
    people = [_volunteer(n, rng) for n in range(1, VOLUNTEERS + 1)]
    quotas = [Quota(f, v, low, high) for f, values in FEATURES.items()
              for v, (_, low, high) in values.items()]  # fmt: skip
    result = run_selection(people, quotas, PANEL, "leximin", seed=SEED)
    drawn = utcnow() - timedelta(days=70)
    run = SelectionRun(
        convention_id=convention.id, method="leximin", panel_size=PANEL,
        pool_csv=_minimal_pool(people, list(FEATURES)), quotas_csv=_quotas_text(quotas),
        status=RunStatus.DONE, created_at=drawn - timedelta(days=2), summary=result.summary()
        | {"complete": result.complete, "unfittable": result.unfittable},
        probabilities=[[i, p] for i, p in zip(result.ids, result.probabilities, strict=True)],
        lottery_csv=result.lottery_text, list_hash=result.list_hash,
        published_at=drawn - timedelta(days=1), seed=SEED, seed_entered_at=drawn,
        drawn_index=result.index, drawn_at=drawn, panel_ids=result.panel or [],
        reserve_ids=result.reserves or [],
    )  # fmt: skip
    db.session.add(run)
    return run


def _volunteer(number: int, rng: random.Random) -> Person:
    """Draw one fictional volunteer's features from the volunteers' shares."""
    values = {
        feature: rng.choices(list(shares), weights=[s[0] for s in shares.values()])[0]
        for feature, shares in FEATURES.items()
    }
    return Person(f"V{number:03d}", {"id": f"V{number:03d}", **values})
