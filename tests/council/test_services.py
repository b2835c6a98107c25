"""Council services: only adopted recommendations are answered, authors are told once."""

from datetime import date

import pytest
import sqlalchemy as sa

from convention.council import services
from convention.extensions import db
from convention.models import Notification
from convention.rules.council import Decision, ImplementationStatus
from convention.rules.policy import Role
from tests.factories import make_convention, make_member, make_recommendation, make_topic

ANSWER = {"debated_on": date(2024, 4, 11), "votes": (40, 5, 2), "reasons": ""}


@pytest.fixture
def parts(app):
    convention = make_convention(slug="ai")
    topic = make_topic(convention)
    writer = make_member(convention)
    council = make_member(convention, role=Role.COUNCIL)
    return topic, writer, council


def test_only_adopted_recommendations_are_answered(app, parts):
    topic, writer, council = parts
    rejected = make_recommendation(topic, writer, state="rejected")
    with app.test_request_context(), pytest.raises(services.CouncilError):
        services.answer(rejected, council, decision=Decision.ADOPTED, **ANSWER)


def test_a_correction_keeps_one_answer_and_tells_the_authors_once(app, parts):
    topic, writer, council = parts
    adopted = make_recommendation(topic, writer, state="adopted")
    with app.test_request_context():
        first = services.answer(adopted, council, decision=Decision.ADOPTED, **ANSWER)
        again = services.answer(
            adopted, council, decision=Decision.REFERRED, **ANSWER | {"reasons": "Study."}
        )
    db.session.commit()
    assert first.id == again.id and again.decision == Decision.REFERRED
    assert db.session.scalars(sa.select(Notification.user_id)).all() == [writer.user_id]


def test_reasons_and_percentages_are_checked_by_the_services_too(app, parts):
    topic, writer, council = parts
    adopted = make_recommendation(topic, writer, state="adopted")
    with app.test_request_context():
        with pytest.raises(services.CouncilError):
            services.answer(adopted, council, decision=Decision.REJECTED, **ANSWER)
        response = services.answer(adopted, council, decision=Decision.ADOPTED, **ANSWER)
        with pytest.raises(services.CouncilError):
            services.add_update(
                response,
                council,
                status=ImplementationStatus.COMPLETED,
                percent=50,
                noted_on=date(2024, 5, 1),
                note="Half.",
            )
