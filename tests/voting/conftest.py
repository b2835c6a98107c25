"""A convention in its voting phase: a facilitator, citizens, a final recommendation."""

import re

import pytest

from convention.rules.phases import Phase
from convention.rules.policy import Role
from tests.conftest import put_session
from tests.factories import make_convention, make_member, make_recommendation, make_topic


@pytest.fixture
def room(app):
    """Return (convention, facilitator, citizens, final recommendation)."""
    convention = make_convention(slug="ai", phase=Phase.VOTING)
    facilitator = make_member(convention, role=Role.FACILITATOR)
    citizens = [make_member(convention, pseudonym=f"Citizen{i}") for i in range(5)]
    topic = make_topic(convention)
    recommendation = make_recommendation(topic, citizens[0], state="final")
    recommendation.final_version_id = recommendation.versions[-1].id
    from convention.extensions import db

    db.session.commit()
    return convention, facilitator, citizens, recommendation


def sign_in(client, member):
    """Sign a member in on a client."""
    return put_session(client, member.user)


def vote(client, ballot, answers: dict, confirm: bool = True):
    """Post a vote (confirmed unless asked) with answers by item, as choice names or codes."""
    data = {
        f"item_{item.id}": code(answers.get(item.id, answers.get("*"))) for item in ballot.items
    }
    if confirm:
        data["confirmed"] = "yes"
    return client.post(f"/c/ai/ballots/{ballot.id}/votes", data=data)


def code(answer):
    """Return the form value of a choice named 'for', 'against' or 'abstain' (others as given)."""
    from convention.rules.tally import Choice
    from convention.voting.forms import CHOICE_CODES

    return CHOICE_CODES[Choice(answer)] if answer in {c.value for c in Choice} else answer


def review(client, url: str, answers: dict) -> dict:
    """Post answers to a vote form, and return the confirmation form the review page holds."""
    page = client.post(url, data=answers)
    assert page.status_code == 200, page.text
    form = page.text.split(f'action="{url}"', 1)[1].split("</form>")[0]
    # what the confirm button sends: every field but the other button ("Go back and change")
    fields = [tag for tag in re.findall(r"<input[^>]*>", form) if 'type="submit"' not in tag]
    return dict(re.findall(r'name="([^"]+)"[^>]*value="([^"]*)"', "".join(fields)))
