"""Deliberation rules: who may do what, thread depth, agenda times, equity of voice."""

from datetime import UTC, datetime

import pytest

from convention.rules.comments import may_change, may_flag, page_count, reply_depth
from convention.rules.meetings import agenda_times
from convention.rules.participation import bar_widths, summarise, top_fifth_share
from convention.rules.phases import LIFECYCLE, Phase
from convention.rules.policy import Action, Role, allows

pytestmark = pytest.mark.pure

OPEN = [p for p in LIFECYCLE if p is not Phase.CLOSED]
# Who may take each action while the convention is open.
MATRIX = {
    Action.VIEW_MATERIALS: set(Role),
    Action.READ_COMMENTS: set(Role),
    Action.COMMENT: {Role.CITIZEN, Role.FACILITATOR, Role.EXPERT},
    Action.FLAG: set(Role),
    Action.MODERATE: {Role.FACILITATOR},
    Action.MANAGE_TOPICS: {Role.FACILITATOR},
    Action.PUBLISH_BRIEFINGS: {Role.FACILITATOR, Role.EXPERT},
    Action.ASK_QUESTIONS: {Role.CITIZEN, Role.FACILITATOR},
    Action.ANSWER_QUESTIONS: {Role.FACILITATOR, Role.EXPERT},
    Action.MANAGE_SESSIONS: {Role.FACILITATOR},
    Action.VIEW_PARTICIPATION: {Role.FACILITATOR},
}


@pytest.mark.parametrize("phase", OPEN)
@pytest.mark.parametrize("action", list(MATRIX))
@pytest.mark.parametrize("role", list(Role))
def test_the_deliberation_matrix(role: Role, action: Action, phase: Phase) -> None:
    assert allows(role, phase, action) is (role in MATRIX[action])


@pytest.mark.parametrize("role", list(Role))
def test_a_closed_convention_is_read_and_moderated_but_not_discussed(role: Role) -> None:
    assert allows(role, Phase.CLOSED, Action.READ_COMMENTS)
    assert not allows(role, Phase.CLOSED, Action.COMMENT)
    assert not allows(role, Phase.CLOSED, Action.MANAGE_SESSIONS)
    assert allows(role, Phase.CLOSED, Action.MODERATE) is (role is Role.FACILITATOR)


def test_visitors_of_a_public_convention_read_materials_only() -> None:
    assert allows(None, Phase.DELIBERATION, Action.VIEW_MATERIALS, public=True)
    assert not allows(None, Phase.DELIBERATION, Action.VIEW_MATERIALS, public=False)
    for action in (Action.READ_COMMENTS, Action.COMMENT, Action.FLAG):
        assert not allows(None, Phase.DELIBERATION, action, public=True)


def test_replies_stop_nesting_at_the_third_level() -> None:
    assert [reply_depth(d) for d in (0, 1, 2)] == [1, 2, 2]


def test_only_authors_change_standing_comments_of_open_topics() -> None:
    assert may_change(author_id=1, member_id=1, removed=False, topic_open=True)
    assert not may_change(author_id=1, member_id=2, removed=False, topic_open=True)
    assert not may_change(author_id=1, member_id=1, removed=True, topic_open=True)
    assert not may_change(author_id=1, member_id=1, removed=False, topic_open=False)


def test_anyone_but_the_author_flags_a_shown_comment() -> None:
    assert may_flag(author_id=1, member_id=2, removed=False)
    assert not may_flag(author_id=1, member_id=1, removed=False)
    assert not may_flag(author_id=1, member_id=None, removed=False)
    assert not may_flag(author_id=1, member_id=2, removed=True)


def test_page_count_is_at_least_one() -> None:
    assert [page_count(n, 20) for n in (0, 1, 20, 21)] == [1, 1, 1, 2]


def test_agenda_times_run_until_a_duration_is_missing() -> None:
    start = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)
    times = agenda_times(start, [30, None, 45])
    assert times[0] == start and times[1] == datetime(2026, 1, 1, 9, 30, tzinfo=UTC)
    assert times[2] is None


def test_voice_summary_counts_silence_and_concentration() -> None:
    counts = {1: 0, 2: 0, 3: 1, 4: 4, 5: 15}
    summary = summarise(counts)
    assert (summary.members, summary.contributions, summary.silent) == (5, 20, 2)
    assert summary.top_fifth_share == pytest.approx(15 / 20)
    assert dict(summary.buckets) == {(0, 0): 2, (1, 2): 1, (3, 5): 1, (6, 10): 0, (11, None): 1}


def test_voice_summary_of_a_silent_or_empty_panel() -> None:
    assert top_fifth_share({}) is None and top_fifth_share({1: 0}) is None
    assert summarise({}).members == 0


def test_bars_scale_to_the_largest_value() -> None:
    assert bar_widths([0, 5, 10], 200) == [0, 100, 200]
    assert bar_widths([0, 0], 200) == [0, 0]
