"""Recommendations through the web: drafts in groups, states, versions, supports, opinions."""

import sqlalchemy as sa

from convention.extensions import db
from convention.models import AuditEvent, Recommendation, RecommendationVersion, Support
from convention.rules.phases import Phase
from convention.rules.policy import Role
from tests.factories import (
    make_comment,
    make_convention,
    make_group,
    make_member,
    make_recommendation,
    make_topic,
)


def setup(phase=Phase.DRAFTING):
    convention = make_convention(slug="ai", phase=phase)
    topic = make_topic(convention)
    author = make_member(convention, pseudonym="Ana")
    group = make_group(convention, members=[author], topics=[topic])
    return convention, topic, author, group


def test_a_group_member_drafts_a_recommendation_with_a_reference(client, login_as):
    convention, topic, author, group = setup()
    login_as(author.user)
    response = client.post(
        "/c/ai/recommendations/new",
        data={"topic_id": topic.id, "group_id": group.id, "title": "Open data", "body": "Do it."},
    )
    assert response.status_code == 303
    recommendation = db.session.scalar(sa.select(Recommendation))
    assert recommendation.reference == "R-1" and recommendation.state == "draft"
    assert len(recommendation.versions) == 1
    assert db.session.scalar(sa.select(AuditEvent.action).where(AuditEvent.action.like("recomm%")))
    assert "R-1" in client.get(response.location).text


def test_a_member_outside_the_group_cannot_read_its_draft_even_by_id(client, login_as):
    convention, topic, author, group = setup()
    draft = make_recommendation(topic, author, group=group, title="Secret draft")
    outsider = make_member(convention)
    login_as(outsider.user)
    assert client.get(f"/c/ai/recommendations/{draft.id}").status_code == 404
    assert client.get(f"/c/ai/recommendations/{draft.id}/history").status_code == 404
    assert "Secret draft" not in client.get("/c/ai/recommendations").text
    assert "Secret draft" not in client.get(f"/c/ai/groups/{group.id}").text
    assert (
        client.post(
            f"/c/ai/recommendations/{draft.id}/state", data={"target": "submitted"}
        ).status_code
        == 404
    )


def test_council_and_observers_read_submitted_ones_but_never_write(client, login_as):
    convention, topic, author, group = setup(Phase.AMENDMENTS)
    submitted = make_recommendation(topic, author, group=group, state="submitted")
    for role in (Role.COUNCIL, Role.OBSERVER):
        login_as(make_member(convention, role=role).user)
        assert client.get(f"/c/ai/recommendations/{submitted.id}").status_code == 200
        assert (
            client.post(
                f"/c/ai/recommendations/{submitted.id}/state", data={"target": "withdrawn"}
            ).status_code
            == 403
        )
        assert client.post(f"/c/ai/recommendations/{submitted.id}/support").status_code == 403
        assert client.get(f"/c/ai/recommendations/{submitted.id}/amendments/new").status_code == 403
        assert client.post("/c/ai/recommendations/new", data={}).status_code == 403


def test_an_author_edits_and_submits_and_the_history_shows_the_diff(client, login_as):
    convention, topic, author, group = setup()
    recommendation = make_recommendation(topic, author, group=group, body="Publish the code.")
    login_as(author.user)
    url = f"/c/ai/recommendations/{recommendation.id}"
    response = client.post(
        f"{url}/edit",
        data={
            "title": recommendation.title,
            "body": "Publish all the <b>code</b>.",
            "note": "More",
        },
    )
    assert response.status_code == 303
    assert client.post(f"{url}/state", data={"target": "submitted"}).status_code == 303
    db.session.refresh(recommendation)
    assert recommendation.state == "submitted" and recommendation.submitted_at
    history = client.get(f"{url}/history").text
    assert "<ins>" in history and "all" in history and "&lt;b&gt;" in history
    assert "[inserted:" in history


def test_submitting_another_groups_draft_or_freezing_as_a_citizen_is_refused(client, login_as):
    convention, topic, author, group = setup(Phase.AMENDMENTS)
    submitted = make_recommendation(topic, author, group=group, state="submitted")
    login_as(author.user)
    response = client.post(f"/c/ai/recommendations/{submitted.id}/state", data={"target": "final"})
    assert response.status_code == 403


def test_facilitators_freeze_in_bulk_and_forbidden_moves_are_skipped(client, login_as):
    convention, topic, author, group = setup(Phase.AMENDMENTS)
    first = make_recommendation(topic, author, group=group, state="submitted")
    second = make_recommendation(topic, author, group=group, state="submitted")
    draft = make_recommendation(topic, author, group=group)
    login_as(make_member(convention, role=Role.FACILITATOR).user)
    response = client.post(
        "/c/ai/recommendations/board",
        data={"target": "final", "ids": [first.id, second.id, draft.id]},
    )
    assert response.status_code == 303
    states = dict(db.session.execute(sa.select(Recommendation.id, Recommendation.state)).all())
    assert states == {first.id: "final", second.id: "final", draft.id: "draft"}
    assert db.session.get(Recommendation, first.id).final_version_id is not None
    assert "R-3" in client.get("/c/ai/recommendations/board", follow_redirects=False).text


def test_supports_count_and_show_pseudonyms_only_with_consent(client, login_as):
    convention, topic, author, group = setup(Phase.AMENDMENTS)
    recommendation = make_recommendation(topic, author, group=group, state="submitted")
    shy, open_ = make_member(convention, pseudonym="Shy"), make_member(convention, pseudonym="Zoé")
    login_as(shy.user)
    client.post(f"/c/ai/recommendations/{recommendation.id}/support", data={})
    client.post(f"/c/ai/recommendations/{recommendation.id}/support", data={})
    login_as(open_.user)
    client.post(f"/c/ai/recommendations/{recommendation.id}/support", data={"show_pseudonym": "y"})
    page = client.get(f"/c/ai/recommendations/{recommendation.id}").text
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Support)) == 2
    assert "Supports (2)" in page and "Zoé" in page and "Shy" not in page


def test_minority_opinions_are_written_and_cosigned(client, login_as):
    convention, topic, author, group = setup(Phase.AMENDMENTS)
    recommendation = make_recommendation(topic, author, group=group, state="submitted")
    dissenter, cosigner = (
        make_member(convention, pseudonym="Dissent"),
        make_member(convention, pseudonym="Cosign"),
    )
    login_as(dissenter.user)
    client.post(f"/c/ai/recommendations/{recommendation.id}/opinions", data={"body": "Too costly."})
    login_as(cosigner.user)
    opinion_id = (
        recommendation.id
        and db.session.execute(sa.text("select id from minority_opinions")).scalar()
    )
    assert client.post(f"/c/ai/opinions/{opinion_id}/sign").status_code == 303
    page = client.get(f"/c/ai/recommendations/{recommendation.id}").text
    assert "Too costly." in page and "co-signed by Cosign" in page


def test_arguments_show_in_columns_by_stance(client, login_as):
    convention, topic, author, group = setup(Phase.AMENDMENTS)
    recommendation = make_recommendation(topic, author, group=group, state="submitted")
    login_as(author.user)
    for stance, body in (("for", "Good idea"), ("against", "Bad idea"), ("question", "How?")):
        response = client.post(
            f"/c/ai/recommendations/{recommendation.id}/comments",
            data={"stance": stance, "body": body},
        )
        assert response.status_code == 303
    page = client.get(f"/c/ai/recommendations/{recommendation.id}").text
    assert 'class="argument-column stance-for"' in page
    assert page.index("Good idea") < page.index("Bad idea") < page.index("How?")


def test_drafts_take_no_comments(client, login_as):
    convention, topic, author, group = setup()
    draft = make_recommendation(topic, author, group=group)
    login_as(author.user)
    client.post(f"/c/ai/recommendations/{draft.id}/comments", data={"stance": "for", "body": "x"})
    assert db.session.execute(sa.text("select count(*) from comments")).scalar() == 0


def test_names_with_markup_are_inert(client, login_as):
    convention, topic, author, group = setup(Phase.AMENDMENTS)
    author.pseudonym = "<img src=x onerror=alert(1)>"
    db.session.commit()
    recommendation = make_recommendation(
        topic, author, title="<script>x</script>", state="submitted"
    )
    login_as(author.user)
    page = client.get(f"/c/ai/recommendations/{recommendation.id}").text
    assert "<img src=x" not in page and "<script>x" not in page


def test_the_list_and_detail_pages_run_a_bounded_number_of_queries(client, login_as, count_queries):
    convention, topic, author, group = setup(Phase.AMENDMENTS)
    login_as(author.user)
    make_recommendation(topic, author, group=group, state="submitted")
    with count_queries() as few:
        client.get("/c/ai/recommendations")
        client.get("/c/ai/recommendations/1")
    for n in range(6):
        other = make_member(convention)
        recommendation = make_recommendation(topic, other, state="submitted", title=f"R {n}")
        make_comment(topic, other)
        db.session.add(
            Support(convention_id=convention.id, recommendation_id=1, membership_id=other.id)
        )
        db.session.add(
            RecommendationVersion(
                recommendation_id=1, number=n + 2, author_id=other.id, title="t", body="b"
            )
        )
        db.session.commit()
        assert recommendation
    with count_queries() as many:
        assert client.get("/c/ai/recommendations").status_code == 200
        assert client.get("/c/ai/recommendations/1").status_code == 200
    assert len(many) == len(few)
