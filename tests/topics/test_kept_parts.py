"""A topic page's contributions and materials are rendered once for every reader with the same
rights and kept by the worker: each reader still gets their own actions, in their language, and
the first reader after any committed change sees it."""

import random
import re

import pytest
import sqlalchemy as sa

from convention.extensions import db
from convention.models import Comment
from convention.privacy.services import erase_account
from convention.rules.phases import Phase
from convention.rules.policy import Role
from convention.web import fragments
from tests.factories import make_comment, make_convention, make_member, make_topic
from tests.topics.files import PDF
from tests.topics.test_views import upload


def contributions(page: str) -> str:
    """The kept part of a topic page, its CSRF tokens (fresh on every render) left out."""
    part = page.split('<h2 id="contributions">', 1)[1].split('<h3 id="add-contribution">', 1)[0]
    return re.sub(r'name="csrf_token" value="[^"]*"', "", part)


def test_a_kept_page_gives_every_reader_their_own_actions(app, client, login_as, count_queries):
    convention = make_convention(slug="ai", phase=Phase.DELIBERATION)
    alice = make_member(convention, pseudonym="Alice")
    bob = make_member(convention, pseudonym="Bob")
    topic = make_topic(convention)
    said = make_comment(topic, alice, body="Alice speaks")
    answer = make_comment(topic, bob, body="Bob answers", parent=said)
    url = f"/c/ai/topics/{topic.id}"
    login_as(alice.user)
    seen_by_alice = client.get(url).text
    login_as(bob.user)
    with count_queries() as statements:
        seen_by_bob = client.get(url).text
    # the kept page needed no contribution read, yet Bob edits his own and flags Alice's
    assert not [s for s in statements if "FROM comments" in s]
    assert f"/comments/{answer.id}/edit" in seen_by_bob
    assert f"/comments/{said.id}/flag" in seen_by_bob
    assert f"/comments/{said.id}/edit" not in seen_by_bob
    assert f"/comments/{answer.id}/flag" not in seen_by_bob
    assert f"/comments/{said.id}/edit" in seen_by_alice
    assert f"/comments/{answer.id}/edit" not in seen_by_alice
    # and it is exactly the page rendered afresh for him, markup intact
    assert "&lt;" not in contributions(seen_by_bob) + contributions(seen_by_alice)
    fragments.init_app(app)
    assert contributions(client.get(url).text) == contributions(seen_by_bob)


def test_the_first_reader_after_a_change_sees_it(client, login_as):
    convention = make_convention(slug="ai", phase=Phase.DELIBERATION)
    author = make_member(convention, pseudonym="Camille")
    facilitator = make_member(convention, role=Role.FACILITATOR)
    reader = make_member(convention)
    topic = make_topic(convention)
    comment = make_comment(topic, author, body="An insult")
    url = f"/c/ai/topics/{topic.id}"
    login_as(reader.user)
    assert "An insult" in client.get(url).text

    login_as(facilitator.user)
    client.post(f"/c/ai/comments/{comment.id}/hide", data={"reason": "Personal attack."})
    login_as(reader.user)
    page = client.get(url).text
    assert "An insult" not in page and "Personal attack." in page

    login_as(author.user)
    client.post(f"/c/ai/topics/{topic.id}/comments", data={"body": "Sorry", "stance": "remark"})
    login_as(reader.user)
    assert "Sorry" in client.get(url).text and "Camille" in client.get(url).text

    erase_account(author.user)
    db.session.commit()
    page = client.get(url).text
    assert "Camille" not in page and "Former member" in page


def test_a_kept_page_is_kept_per_language(client, login_as):
    convention = make_convention(slug="ai", phase=Phase.DELIBERATION)
    member = make_member(convention)
    topic = make_topic(convention)
    make_comment(topic, member)
    login_as(member.user)
    url = f"/c/ai/topics/{topic.id}"
    assert "Newest first" in contributions(client.get(f"{url}?lang=en").text)
    assert "Les plus récentes" in contributions(client.get(f"{url}?lang=fr").text)
    assert "Newest first" in contributions(client.get(f"{url}?lang=en").text)


def materials(page: str) -> str:
    """The kept materials of a topic page, CSRF tokens left out."""
    part = page.split('<h2 id="briefings">', 1)[1].split('<h2 id="contributions">', 1)[0]
    return re.sub(r'name="csrf_token" value="[^"]*"', "", part)


def test_kept_materials_show_a_new_briefing_and_withdraw_buttons_only_to_who_may(
    app, client, login_as, file_store
):
    convention = make_convention(slug="ai", phase=Phase.DELIBERATION)
    expert = make_member(convention, role=Role.EXPERT)
    citizen, other = make_member(convention), make_member(convention)
    topic = make_topic(convention)
    url = f"/c/ai/topics/{topic.id}"
    login_as(citizen.user)
    assert "No briefing yet." in client.get(url).text
    login_as(expert.user)
    upload(client, topic, PDF, "study.pdf", title="What it costs")
    assert "Withdraw this briefing" in client.get(url).text
    login_as(citizen.user)
    page = client.get(url).text
    assert "What it costs" in page and "Withdraw this briefing" not in page
    login_as(other.user)
    assert materials(client.get(url).text) == materials(page)
    fragments.init_app(app)
    assert materials(client.get(url).text) == materials(page)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_whatever_members_do_the_kept_page_is_the_page_rendered_afresh(app, client, login_as, seed):
    # after every action through the app, by anyone, the page a reader had kept is not stale
    rng = random.Random(seed)
    convention = make_convention(slug="ai", phase=Phase.DELIBERATION)
    citizens = [make_member(convention, pseudonym=f"Citizen {n}") for n in range(3)]
    facilitator = make_member(convention, role=Role.FACILITATOR)
    topic = make_topic(convention)
    url = f"/c/ai/topics/{topic.id}"
    comments = [make_comment(topic, citizens[0], body="The first word").id]

    def act() -> None:
        actor = rng.choice(citizens)
        target = rng.choice(comments)
        login_as(actor.user)
        kind = rng.choice(["post", "reply", "edit", "delete", "hide", "restore", "topic"])
        if kind == "post":
            client.post(
                f"/c/ai/topics/{topic.id}/comments",
                data={"body": f"new {rng.random()}", "stance": "for"},
            )
        elif kind == "reply":
            client.post(
                f"/c/ai/comments/{target}/reply", data={"body": "a reply", "stance": "against"}
            )
        elif kind in ("edit", "delete"):
            # only the author may: the others' attempt is refused and changes nothing
            data = {"body": f"edited {rng.random()}", "stance": "remark"} if kind == "edit" else {}
            client.post(f"/c/ai/comments/{target}/{kind}", data=data)
        elif kind in ("hide", "restore"):
            login_as(facilitator.user)
            client.post(f"/c/ai/comments/{target}/{kind}", data={"reason": "Rule 2."})
        else:
            login_as(facilitator.user)
            is_open = rng.random() < 0.7
            data = {"title": topic.title, "body": "x"} | ({"is_open": "y"} if is_open else {})
            client.post(f"/c/ai/topics/{topic.id}/edit", data=data)
        comments[:] = list(db.session.scalars(sa.select(Comment.id).order_by(Comment.id)))

    for _step in range(12):
        reader = rng.choice([*citizens, facilitator])
        login_as(reader.user)
        client.get(url)  # kept for the reader's rights
        act()
        login_as(reader.user)
        kept = contributions(client.get(url).text)
        fragments.init_app(app)
        assert kept == contributions(client.get(url).text)


def test_a_page_answering_a_write_is_rendered_but_never_kept(app, client, login_as):
    # its transaction may hold what is never committed: no other reader may be shown it
    convention = make_convention(slug="ai", phase=Phase.DELIBERATION)
    member = make_member(convention)
    topic = make_topic(convention)
    make_comment(topic, member, body="Kept words")
    login_as(member.user)
    refused = client.post(f"/c/ai/topics/{topic.id}/comments", data={"body": "", "stance": "for"})
    assert refused.status_code == 422 and "Kept words" in refused.text
    assert len(app.extensions["fragments"]) == 0
