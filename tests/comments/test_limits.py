"""Oversized contributions: refused with a clear message, never echoed back whole."""

import sqlalchemy as sa

from convention.extensions import db
from convention.models import Comment
from tests.factories import make_convention, make_member, make_topic


def setup_topic(login_as):
    convention = make_convention(slug="ai")
    member = make_member(convention)
    topic = make_topic(convention)
    login_as(member.user)
    return topic


def comments() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(Comment))


def test_a_one_megabyte_contribution_is_refused_with_a_clear_page(client, login_as):
    topic = setup_topic(login_as)
    body = "A" * (1024 * 1024)
    response = client.post(
        f"/c/ai/topics/{topic.id}/comments", data={"stance": "for", "body": body}
    )
    assert response.status_code == 422
    assert "5000 characters at most; you sent 1048576" in response.text
    assert len(response.data) < 5000 + 60_000
    assert comments() == 0


def test_a_too_long_contribution_is_cut_at_the_limit_in_the_page_sent_back(client, login_as):
    topic = setup_topic(login_as)
    body = "word " * 20_000  # 100,000 characters: under the form limit, over the comment's
    response = client.post(
        f"/c/ai/topics/{topic.id}/comments", data={"stance": "for", "body": body}
    )
    assert response.status_code == 422
    assert "5000 characters at most; you sent 100000" in response.text
    assert "word " * 1000 in response.text and len(response.data) < 5000 + 60_000
    assert comments() == 0


def test_the_limits_are_configured() -> None:
    from convention.config import load_config

    config = load_config()
    assert config["MAX_CONTENT_LENGTH"] <= 50 * 1024 * 1024
    assert config["MAX_FORM_MEMORY_SIZE"] <= 1024 * 1024
