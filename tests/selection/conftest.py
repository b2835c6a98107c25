"""A facilitator signed in on the `ai` convention, for the selection pages."""

import pytest

from convention.rules.policy import Role
from tests.factories import make_convention, make_member


@pytest.fixture
def facilitator(login_as):
    convention = make_convention(slug="ai", public=True)
    member = make_member(convention, role=Role.FACILITATOR)
    login_as(member.user)
    return member
