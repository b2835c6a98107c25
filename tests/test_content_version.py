"""Every committed change that kept page parts show moves its convention's content version, in
the same transaction; other changes (votes) leave it, so kept parts stay valid through a vote."""

import sqlalchemy as sa

from convention import content_version
from convention.extensions import db
from convention.models import Comment, Convention, Membership
from convention.rules.phases import Phase
from tests.factories import make_ballot, make_comment, make_convention, make_member, make_topic


def versions(*conventions: Convention) -> list[int]:
    db.session.expire_all()
    return [db.session.get(Convention, c.id).content_version for c in conventions]


def test_a_contribution_moves_its_own_conventions_version_only(app):
    here, elsewhere = make_convention(slug="here"), make_convention(slug="elsewhere")
    member = make_member(here)
    topic = make_topic(here)
    before = versions(here, elsewhere)
    comment = make_comment(topic, member)
    after = versions(here, elsewhere)
    assert after[0] > before[0] and after[1] == before[1]
    comment = db.session.get(Comment, comment.id)
    comment.hidden_reason = "Off topic."
    db.session.commit()
    assert versions(here)[0] > after[0]


def test_a_rolled_back_change_moves_nothing_and_a_vote_leaves_the_version(app):
    convention = make_convention(slug="ai", phase=Phase.VOTING)
    member = make_member(convention)
    before = versions(convention)
    db.session.get(Membership, member.id).pseudonym = "Renamed"
    db.session.flush()
    db.session.rollback()
    assert versions(convention) == before
    make_ballot(convention, member, opened=True)
    assert versions(convention) == before


def test_a_bulk_change_moves_every_version_unless_it_changes_nothing(app):
    one, two = make_convention(slug="one"), make_convention(slug="two")
    member = make_member(one)
    before = versions(one, two)
    same = sa.update(Membership).where(Membership.id == member.id).values(id=Membership.id)
    db.session.execute(same.execution_options(**{content_version.UNCHANGED: True}))
    db.session.commit()
    assert versions(one, two) == before
    db.session.execute(sa.update(Membership).values(active=True))
    db.session.commit()
    assert all(a > b for a, b in zip(versions(one, two), before, strict=True))


def test_deleting_a_contribution_moves_the_version_even_unloaded(app):
    convention = make_convention(slug="ai")
    comment = make_comment(make_topic(convention), make_member(convention))
    before = versions(convention)
    expired = db.session.get(Comment, comment.id)
    db.session.expire(expired)
    db.session.delete(expired)
    db.session.commit()
    assert versions(convention)[0] > before[0]
