"""Comments as pure rules: stances, thread depth, who may edit, flag and moderate."""

from enum import StrEnum

# Three levels: a comment, its replies, and replies to those; deeper replies join the last level.
MAX_DEPTH = 2
PAGE_SIZE = 20
# Replies shown under each thread of a topic's page; the rest are one link away, on its own page.
REPLIES_SHOWN = 10


class Stance(StrEnum):
    """What a contribution says about the topic."""

    FOR = "for"
    AGAINST = "against"
    QUESTION = "question"
    REMARK = "remark"


class FlagReason(StrEnum):
    """Why a member flags a contribution."""

    RESPECT = "respect"
    PERSONAL_DATA = "personal_data"
    OFF_TOPIC = "off_topic"
    SPAM = "spam"
    OTHER = "other"


class FlagOutcome(StrEnum):
    """How a facilitator settled a flag."""

    HIDDEN = "hidden"
    DISMISSED = "dismissed"


def reply_depth(parent_depth: int) -> int:
    """Return the depth of a reply to a comment at `parent_depth`, capped at the last level."""
    return min(parent_depth + 1, MAX_DEPTH)


def reply_parent_is_the_parent(parent_depth: int) -> bool:
    """Tell whether a reply hangs under the comment itself, or beside it at the last level."""
    return parent_depth < MAX_DEPTH


def may_change(*, author_id: int, member_id: int | None, removed: bool, topic_open: bool) -> bool:
    """Tell whether a member may edit or delete a comment: its author, while it stands."""
    return member_id == author_id and not removed and topic_open


def may_flag(*, author_id: int, member_id: int | None, removed: bool) -> bool:
    """Tell whether a member may flag a comment: anyone but its author, while it is shown."""
    return member_id is not None and member_id != author_id and not removed


def page_count(total: int, size: int = PAGE_SIZE) -> int:
    """Return how many pages `total` threads fill, at least one."""
    return max(1, -(-total // size))
