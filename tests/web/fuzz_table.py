"""A valid submission for every form the fuzz walk reaches: it must be accepted at least once."""

from collections.abc import Callable
from dataclasses import dataclass, field

from convention.rules.phases import Phase
from tests.web.fuzz_world import World, set_phase


@dataclass
class Upload:
    """A file to send in a form."""

    content: bytes
    name: str


@dataclass
class Valid:
    """Who sends a form that must be accepted, what it holds, and the state it needs."""

    role: str
    data: dict = field(default_factory=dict)
    prepare: Callable[[World], None] | None = None
    path: dict = field(default_factory=dict)


def phase(target: Phase) -> Callable[[World], None]:
    """Prepare the world by moving the convention to `target`."""
    return lambda world: set_phase(target)


VALID: dict[str, Valid] = {}

# POST routes the walk still sends generated input to, but whose valid submission needs more set-up
# than this table gives: each says why.
NOT_REACHED: dict[str, str] = {}
