"""A public convention in deliberation: a facilitator, an observer, six citizens."""

import pytest

from convention.rules.policy import Role
from tests.factories import make_convention, make_member


@pytest.fixture
def panel(app):
    """Return (facilitator, observer, citizens) of the public convention "ai"."""
    convention = make_convention(slug="ai", public=True)
    facilitator = make_member(convention, role=Role.FACILITATOR)
    observer = make_member(convention, role=Role.OBSERVER)
    citizens = [make_member(convention, pseudonym=f"Citizen{i}") for i in range(6)]
    return facilitator, observer, citizens


def answer(client, survey, values: dict):
    """Post answers by question position (1-based), as the form's raw values."""
    data = {f"q{q.id}": values.get(q.position, "") for q in survey.questions}
    return client.post(f"/c/ai/surveys/{survey.id}/answers", data=data)
