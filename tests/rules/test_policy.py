"""The permission table: role x phase x action, as pure functions."""

import pytest

from convention.rules.phases import LIFECYCLE, Phase
from convention.rules.policy import Action, Role, allows, keeps_a_facilitator

pytestmark = pytest.mark.pure

MANAGEMENT = [
    Action.VIEW_MEMBERS,
    Action.VIEW_CONTACTS,
    Action.MANAGE_MEMBERS,
    Action.MANAGE_CONVENTION,
]


@pytest.mark.parametrize("phase", LIFECYCLE)
@pytest.mark.parametrize("role", list(Role))
def test_every_member_may_read_their_convention_in_every_phase(role: Role, phase: Phase) -> None:
    assert allows(role, phase, Action.VIEW)


@pytest.mark.parametrize("phase", LIFECYCLE)
@pytest.mark.parametrize("action", MANAGEMENT)
@pytest.mark.parametrize("role", [r for r in Role if r is not Role.FACILITATOR])
def test_only_facilitators_manage(role: Role, action: Action, phase: Phase) -> None:
    assert not allows(role, phase, action)


@pytest.mark.parametrize("phase", LIFECYCLE)
@pytest.mark.parametrize("role", list(Role))
def test_facilitators_and_observers_read_the_audit_log(role: Role, phase: Phase) -> None:
    readers = {Role.FACILITATOR, Role.OBSERVER}
    assert allows(role, phase, Action.VIEW_AUDIT) == (role in readers)


@pytest.mark.parametrize("phase", [p for p in LIFECYCLE if p is not Phase.CLOSED])
def test_facilitators_manage_members_until_the_convention_closes(phase: Phase) -> None:
    assert allows(Role.FACILITATOR, phase, Action.MANAGE_MEMBERS)
    assert not allows(Role.FACILITATOR, Phase.CLOSED, Action.MANAGE_MEMBERS)


def test_facilitators_can_still_reopen_a_closed_convention() -> None:
    assert allows(Role.FACILITATOR, Phase.CLOSED, Action.MANAGE_CONVENTION)


@pytest.mark.parametrize("action", list(Action))
def test_visitors_read_public_conventions_only(action: Action) -> None:
    readable = action in (
        Action.VIEW,
        Action.VIEW_SELECTION,
        Action.VIEW_MATERIALS,
        Action.VIEW_REPORT,
        Action.VIEW_BALLOTS,
        Action.VIEW_SURVEYS,
    )
    assert allows(None, Phase.DELIBERATION, action, public=True) is readable
    assert not allows(None, Phase.DELIBERATION, action, public=False)


def test_a_convention_must_keep_a_facilitator() -> None:
    assert keeps_a_facilitator([Role.CITIZEN, Role.FACILITATOR])
    assert not keeps_a_facilitator([Role.CITIZEN, Role.EXPERT])
    assert not keeps_a_facilitator([])


@pytest.mark.parametrize("role", list(Role))
def test_citizens_answer_surveys_facilitators_run_them_observers_evaluate(role: Role) -> None:
    phase = Phase.DELIBERATION
    assert allows(role, phase, Action.VIEW_SURVEYS)
    assert allows(role, phase, Action.ANSWER_SURVEYS) == (role == Role.CITIZEN)
    assert allows(role, phase, Action.MANAGE_SURVEYS) == (role == Role.FACILITATOR)
    evaluators = (Role.FACILITATOR, Role.OBSERVER)
    assert allows(role, Phase.CLOSED, Action.EVALUATE_SURVEYS) == (role in evaluators)
