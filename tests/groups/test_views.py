"""Working groups: created by facilitators, filled by a reproducible, balanced draw."""

import io

import sqlalchemy as sa

from convention.extensions import db
from convention.models import WorkingGroup
from convention.rules.policy import Role
from tests.factories import make_convention, make_member, make_topic


def composition():
    groups = db.session.scalars(sa.select(WorkingGroup)).all()
    return {group.name: sorted(m.id for m in group.members) for group in groups}


def test_facilitators_create_groups_upload_attributes_and_draw(client, login_as):
    convention = make_convention(slug="ai")
    topic = make_topic(convention)
    citizens = [make_member(convention, pseudonym=f"C{n}") for n in range(12)]
    login_as(make_member(convention, role=Role.FACILITATOR).user)
    for name in ("North", "South", "East"):
        response = client.post("/c/ai/groups/new", data={"name": name, "topics": [topic.id]})
        assert response.status_code == 303
    rows = "pseudonym,age band\n" + "".join(f"C{n},{['young', 'old'][n % 2]}\n" for n in range(12))
    response = client.post(
        "/c/ai/groups/attributes",
        data={"file": (io.BytesIO(rows.encode()), "attributes.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 303
    assert client.post("/c/ai/groups/draw", data={"seed": "4721"}).status_code == 303
    first = {
        g.name: sorted(m.id for m in g.members) for g in db.session.scalars(sa.select(WorkingGroup))
    }
    assert sorted(len(ids) for ids in first.values()) == [4, 4, 4]
    client.post("/c/ai/groups/draw", data={"seed": "4721"})
    db.session.expire_all()
    again = {
        g.name: sorted(m.id for m in g.members) for g in db.session.scalars(sa.select(WorkingGroup))
    }
    assert again == first
    page = client.get("/c/ai/groups").text
    assert "4721" in page and "age band" in page
    assert citizens


def test_a_member_sees_their_group_space(client, login_as):
    convention = make_convention(slug="ai")
    member = make_member(convention, pseudonym="Ana")
    group = WorkingGroup(convention_id=convention.id, name="Atelier A", members=[member])
    db.session.add(group)
    db.session.commit()
    login_as(member.user)
    assert "Your group" in client.get("/c/ai/groups").text
    assert "Ana" in client.get(f"/c/ai/groups/{group.id}").text
    assert client.get("/c/ai/groups/draw").status_code == 403
