"""The demo's recommendations: versions, amendments, supports, arguments; fictional.

Each is written through the services a member's actions use, with their audit events, in the
order a convention works: drafted, submitted, amended, made final.

Recommendations to be voted on are left final: the demo's ballots adopt or reject them, through
the voting services, so that their states always agree with the votes.
"""

import random
from datetime import timedelta

import sqlalchemy as sa

from convention.amendments import services as amendments
from convention.clock import utcnow
from convention.comments import services as comments
from convention.demo.story import allowed, first, members
from convention.demo.topics import topics_of
from convention.extensions import db
from convention.models import (
    Briefing,
    Convention,
    Hearing,
    Membership,
    Recommendation,
    RecommendationVersion,
    WorkingGroup,
)
from convention.recommendations import services
from convention.rules.comments import Stance
from convention.rules.policy import Action, Role
from convention.rules.recommendations import RecommendationState as S

# (state, topic index, group index, title, [versions of the body])
RECOMMENDATIONS = [
    (
        S.FINAL,
        0,
        0,
        "Un assistant en ligne, toujours doublé d'un humain",
        [
            "La ville propose un assistant pour les démarches.\n\n"
            "Chaque démarche reste possible au guichet.",
            "La ville propose un assistant pour les démarches en ligne.\n\n"
            "Chaque démarche reste possible au guichet et par téléphone, sans délai de plus.",
        ],
    ),
    (
        S.FINAL,
        1,
        1,
        "Pas d'analyse automatique des visages",
        ["La ville s'interdit toute reconnaissance faciale dans l'espace public."],
    ),
    (
        S.FINAL,
        3,
        1,
        "Un registre public des algorithmes",
        [
            "La ville publie la liste des algorithmes qu'elle utilise.\n\n"
            "Chaque fiche dit à quoi sert l'algorithme.",
            "La ville publie en ligne la liste des algorithmes qu'elle utilise.\n\n"
            "Chaque fiche dit à quoi sert l'algorithme et qui en répond.",
        ],
    ),
    (
        S.SUBMITTED,
        2,
        2,
        "Former chaque agent aux outils d'IA",
        [
            "Chaque agent de la ville reçoit une formation aux outils d'IA.\n\n"
            "La formation a lieu sur le temps de travail.",
        ],
    ),
    (
        S.FINAL,
        1,
        1,
        "Des caméras intelligentes dans les parcs",
        ["La ville équipe les parcs de caméras à analyse automatique."],
    ),
    (
        S.WITHDRAWN,
        4,
        3,
        "Une tablette par élève",
        ["Chaque élève de primaire reçoit une tablette."],
    ),
    (
        S.DRAFT,
        5,
        3,
        "Mesurer l'empreinte énergétique des outils numériques",
        ["La ville mesure chaque année l'énergie consommée par ses outils numériques."],
    ),
    # voted at the final plenary.
    (
        S.FINAL,
        3,
        1,
        "Une charte municipale de l'IA, revue chaque année",
        ["La ville adopte une charte de l'IA, publiée et revue chaque année avec des habitants."],
    ),
    (
        S.FINAL,
        0,
        0,
        "Un droit de recours humain contre toute décision automatisée",
        [
            "Toute personne visée par une décision automatisée peut demander à un agent de la "
            "revoir."
        ],
    ),
    (
        S.FINAL,
        4,
        3,
        "Un budget pour la formation des habitants au numérique",
        ["La ville finance des ateliers gratuits dans chaque quartier."],
    ),
]


def seed_drafts(convention: Convention) -> None:
    """Have the groups draft the recommendations, then submit or withdraw them as they did."""
    citizens = members(convention, Role.CITIZEN)
    topics = topics_of(convention)
    groups = list(
        db.session.scalars(
            sa.select(WorkingGroup)
            .where(WorkingGroup.convention_id == convention.id)
            .order_by(WorkingGroup.id)
        )
    )
    for number, spec in enumerate(RECOMMENDATIONS, start=1):
        _draft(convention, number, spec, groups, topics, citizens)


def seed_amendments(convention: Convention) -> None:
    """Amend, support and argue the submitted texts, then make final those to be voted."""
    rng = random.Random(2025)  # noqa: S311
    citizens = members(convention, Role.CITIZEN)
    facilitator = allowed(first(convention, Role.FACILITATOR), Action.MANAGE_RECOMMENDATIONS)
    recommendations = db.session.scalars(
        sa.select(Recommendation)
        .where(Recommendation.convention_id == convention.id)
        .order_by(Recommendation.number)
    )
    for recommendation, (state, *_rest) in zip(recommendations, RECOMMENDATIONS, strict=True):
        writers = _writers(recommendation.group, citizens)
        if state is S.SUBMITTED:
            _amendments(recommendation, citizens, writers[0])
        if recommendation.submitted_at is not None and state is not S.WITHDRAWN:
            _panel(recommendation, citizens, writers, rng)
        if state is S.FINAL:
            services.move(recommendation, facilitator, S.FINAL)
    db.session.flush()


def _writers(group: WorkingGroup | None, citizens: list[Membership]) -> list[Membership]:
    """Name who writes a group's texts: its members, or two citizens for a group left empty."""
    return list(group.members) if group and group.members else citizens[:2]


def _draft(convention, number, spec, groups, topics, citizens):
    """Draft one recommendation version by version, then submit or withdraw it as its group did."""
    state, topic_index, group_index, title, bodies = spec
    group, topic = groups[group_index], topics[topic_index]
    writers = _writers(group, citizens)
    when = utcnow() - timedelta(days=50 - number)
    evidence = (
        list(db.session.scalars(sa.select(Briefing).where(Briefing.topic_id == topic.id).limit(1))),
        list(db.session.scalars(sa.select(Hearing).where(Hearing.topic_id == topic.id).limit(1))),
    )
    recommendation = services.create_recommendation(
        convention,
        allowed(writers[0], Action.DRAFT_RECOMMENDATIONS),
        topic=topic,
        group=group,
        evidence=evidence,
        note="Premier brouillon",
        title=title,
        body=bodies[0],
        rationale="Parce que le service public doit rester accessible à toutes et tous.",
        impact="Les habitant·es les moins à l'aise avec le numérique.",
    )
    assert recommendation.number == number
    for n, body in enumerate(bodies[1:], start=2):
        services.save_version(
            recommendation,
            writers[n % len(writers)],
            note="Précisions après la séance",
            title=title,
            body=body,
            rationale=recommendation.rationale,
            impact=recommendation.impact,
        )
    if state is not S.DRAFT:
        services.move(recommendation, writers[0], S.SUBMITTED)
    if state is S.WITHDRAWN:
        services.move(recommendation, writers[0], S.WITHDRAWN)
    _backdate(recommendation, when)


def _backdate(recommendation: Recommendation, when) -> None:
    """Place a recommendation and its versions at the days the demo says they were written."""
    recommendation.created_at = when
    if recommendation.submitted_at is not None:
        recommendation.submitted_at = when + timedelta(days=2)
    for version in db.session.scalars(
        sa.select(RecommendationVersion).where(
            RecommendationVersion.recommendation_id == recommendation.id
        )
    ):
        version.created_at = when + timedelta(days=version.number)
    db.session.flush()


def _amendments(recommendation, citizens, author) -> None:
    """Leave an accepted, a rejected (put to the vote) and an open amendment."""
    proposers = [m for m in citizens if m.id != author.id][:3]
    specs = [
        (0, "Chaque agent de la ville reçoit une formation aux outils d'IA et à leurs limites."),
        (1, "La formation a lieu pendant les heures de service, sans réduire les congés."),
        (1, "La formation est facultative."),
    ]
    proposed = [
        amendments.propose(
            recommendation,
            proposers[index],
            paragraph=paragraph,
            new_text=text,
            justification="Pour être plus précis.",
        )
        for index, (paragraph, text) in enumerate(specs)
    ]
    amendments.accept(proposed[0], author)
    proposed[0].decided_at = utcnow() - timedelta(days=1)
    amendments.reject(proposed[2], author, "L'atelier veut une formation pour tous.", True)
    proposed[2].decided_at = utcnow() - timedelta(hours=5)
    db.session.flush()


def _panel(recommendation, citizens, writers, rng) -> None:
    """Add supports (some named), arguments, and a minority opinion with co-signers."""
    for member in rng.sample(citizens, 8):
        services.support(recommendation, member, show_pseudonym=rng.random() < 0.5)
    for stance, body in (
        (Stance.FOR, "Cela protège les personnes éloignées du numérique."),
        (Stance.AGAINST, "Le coût n'est pas chiffré."),
        (Stance.QUESTION, "Qui contrôle la mise en œuvre ?"),
    ):
        comments.post_comment(recommendation, rng.choice(citizens), stance, body)
    if recommendation.number == 1:
        dissenters = [m for m in citizens if m not in writers][:3]
        opinion = services.write_opinion(
            recommendation,
            dissenters[0],
            "Un assistant automatique éloigne les agents du public ; "
            "nous préférons plus d'heures d'ouverture.",
        )
        for member in dissenters[1:]:
            services.cosign(opinion, member)
