"""The demo's deliberation: topics, briefings, sessions and attendance, comments; fictional."""

import random
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from convention.extensions import db
from convention.meetings import services as meetings
from convention.meetings.times import local_to_utc
from convention.models import (
    AgendaItem,
    Briefing,
    Comment,
    CommentRevision,
    Convention,
    ConventionSession,
    Flag,
    Hearing,
    InformationRequest,
    Membership,
    Notification,
    NotificationKind,
    Topic,
)
from convention.models.base import utcnow
from convention.rules.comments import FlagReason, Stance
from convention.rules.meetings import AttendanceStatus
from convention.rules.policy import Role

TOPICS = [
    (
        "Services publics / Public services",
        "Quels services l'IA peut-elle améliorer ? / Which city services could AI improve?",
        "La ville envisage un assistant pour les démarches en ligne.\n\n"
        "*The city considers an assistant for online procedures.*",
    ),
    (
        "Vidéosurveillance / Video surveillance",
        "Analyse automatique des images : pour quoi faire, avec quelles garanties ?",
        "Des caméras existent déjà ; faut-il y ajouter une analyse automatique ?\n\n"
        "*Cameras exist already: should automatic analysis be added?*",
    ),
    (
        "Emploi et formation / Jobs and training",
        "Accompagner les métiers qui changent. / Supporting jobs that change.",
        "Quels métiers de la ville changent avec l'IA, et comment former les agents ?",
    ),
    (
        "Protection des données / Data protection",
        "Qui voit quoi, combien de temps ? / Who sees what, for how long?",
        "Le RGPD fixe des règles ; la ville peut aller plus loin.",
    ),
    (
        "Éducation / Education",
        "L'IA à l'école et en médiathèque. / AI at school and in libraries.",
        "Ateliers, matériel, et esprit critique face aux outils génératifs.",
    ),
    (
        "Empreinte environnementale / Environmental footprint",
        "L'IA consomme de l'énergie et de l'eau. / AI uses energy and water.",
        "Comment mesurer et limiter l'empreinte des outils numériques de la ville ?",
    ),
]

COMMENTS = [
    (Stance.FOR, "Un assistant ouvert la nuit aiderait ceux qui travaillent en journée."),
    (
        Stance.AGAINST,
        "Il faut garder un accueil humain : tout le monde n'est pas à l'aise en ligne.",
    ),
    (Stance.QUESTION, "Combien coûterait ce service, et qui l'hébergerait ?"),
    (Stance.FOR, "It would save people hours of waiting on the phone."),
    (Stance.AGAINST, "Automatic analysis of images goes too far for a city of this size."),
    (Stance.REMARK, "J'aimerais entendre un juriste sur ce point."),
    (Stance.QUESTION, "Are other cities already doing this? With what results?"),
    (Stance.REMARK, "Nous en avons parlé en atelier : l'avis était partagé."),
]
REPLIES = [
    "D'accord, à condition de garder un guichet. / Agreed, if a counter stays open.",
    "Je ne suis pas sûr·e : les erreurs seraient difficiles à corriger.",
    "Good point, the briefing covers part of it.",
    "La note d'information donne des chiffres là-dessus.",
]


def seed_deliberation(convention: Convention) -> None:
    """Fill the demo convention with the material of a deliberation under way."""
    rng = random.Random(2024)  # noqa: S311
    members = db.session.scalars(
        sa.select(Membership).where(Membership.convention_id == convention.id)
    ).all()
    by_role = {role: [m for m in members if m.role is role] for role in Role}
    topics = [_topic(convention, n, *text) for n, text in enumerate(TOPICS)]
    sessions = _sessions(convention, topics, by_role, rng)
    _briefings(convention, topics, by_role, sessions)
    _comments(convention, topics, by_role, rng)
    _questions(convention, topics, by_role)


def _topic(convention: Convention, position: int, title: str, summary: str, body: str) -> Topic:
    """Add one topic."""
    topic = Topic(
        convention_id=convention.id, title=title, summary=summary, body=body, position=position
    )
    db.session.add(topic)
    db.session.flush()
    return topic


def _sessions(
    convention: Convention,
    topics: list[Topic],
    by_role: dict[Role, list[Membership]],
    rng: random.Random,
) -> list[ConventionSession]:
    """Add three past sessions with attendance and one coming session."""
    today = datetime.now(ZoneInfo("Europe/Paris")).replace(tzinfo=None, hour=0, minute=0, second=0)
    sessions = []
    for n, days in enumerate((-42, -28, -14, 14), start=1):
        day = today + timedelta(days=days)
        session = ConventionSession(
            convention_id=convention.id,
            title=f"Séance {n} / Session {n}",
            starts_at=_paris(day.replace(hour=9, minute=30)),
            ends_at=_paris(day.replace(hour=17)),
            location="Hôtel de ville (fictif), salle du conseil — accessible en fauteuil",
            description="Accueil café dès 9 h. *Coffee from 9 a.m.*",
        )
        db.session.add(session)
        db.session.flush()
        agenda = [("Accueil / Welcome", 30, None), ("Audition d'expert / Expert hearing", 90, n)]
        agenda += [("Déjeuner / Lunch", 60, None), ("Ateliers / Working groups", 120, n + 1)]
        for position, (title, minutes, topic_index) in enumerate(agenda):
            topic_id = topics[topic_index % len(topics)].id if topic_index else None
            db.session.add(
                AgendaItem(
                    convention_id=convention.id,
                    session_id=session.id,
                    position=position,
                    title=title,
                    minutes=minutes,
                    topic_id=topic_id,
                )
            )
        if days < 0:
            _attendance(convention, session, by_role, rng)
        sessions.append(session)
    return sessions


def _paris(local: datetime) -> datetime:
    """Read a demo time in Paris."""
    return local_to_utc(local, "Europe/Paris")


def _attendance(
    convention: Convention,
    session: ConventionSession,
    by_role: dict[Role, list[Membership]],
    rng: random.Random,
) -> None:
    """Record, as a facilitator does, most citizens present, a few excused or absent, and staff."""
    weights = [AttendanceStatus.PRESENT] * 8 + [AttendanceStatus.EXCUSED, AttendanceStatus.ABSENT]
    statuses = {member.id: rng.choice(weights) for member in by_role[Role.CITIZEN]}
    # Staff are marked present too, as in the room: attendance figures count citizens only.
    for member in by_role[Role.FACILITATOR] + by_role[Role.EXPERT]:
        statuses[member.id] = AttendanceStatus.PRESENT
    facilitator = by_role[Role.FACILITATOR][0]
    meetings.record_attendance(session, convention, facilitator.user, statuses)


def _briefings(
    convention: Convention,
    topics: list[Topic],
    by_role: dict[Role, list[Membership]],
    sessions: list[ConventionSession],
) -> None:
    """Add a briefing per topic and two expert hearings."""
    authors = by_role[Role.EXPERT] + by_role[Role.FACILITATOR]
    for n, topic in enumerate(topics):
        db.session.add(
            Briefing(
                convention_id=convention.id,
                topic_id=topic.id,
                author_id=authors[n % len(authors)].id,
                title=f"Note d'information / Briefing: {topic.title.split(' / ')[0]}",
                body="Les chiffres clés, les options, leurs coûts.\n\n"
                "- option A\n- option B\n\n*Key figures, options and their costs.*",
                sources="Rapport fictif de l'observatoire municipal, 2023.",
                link_url="https://example.org/briefing",
            )
        )
    for topic, session in ((topics[1], sessions[0]), (topics[3], sessions[1])):
        db.session.add(
            Hearing(
                convention_id=convention.id,
                topic_id=topic.id,
                session_id=session.id,
                expert_name="Dr Exemple Fictif",
                affiliation="Université imaginaire",
                interests="Aucun lien avec un fournisseur. / No link with any vendor.",
                summary="Points clés de l'audition. *Key points of the hearing.*",
                held_at=session.starts_at + timedelta(hours=1),
            )
        )


def _comments(
    convention: Convention,
    topics: list[Topic],
    by_role: dict[Role, list[Membership]],
    rng: random.Random,
) -> None:
    """Add threads in both languages, an edited, a deleted, a hidden and a flagged comment."""
    citizens = by_role[Role.CITIZEN]
    start = utcnow() - timedelta(days=30)
    roots = []
    for n in range(24):
        stance, body = COMMENTS[n % len(COMMENTS)]
        comment = _comment(
            convention,
            topics[n % 3],
            rng.choice(citizens),
            stance,
            body,
            start + timedelta(hours=n * 7),
        )
        roots.append(comment)
    for n, root in enumerate(roots[:12]):
        reply = _comment(
            convention,
            root.topic,
            rng.choice(citizens),
            Stance.REMARK,
            REPLIES[n % 4],
            root.created_at + timedelta(hours=2),
            parent=root,
        )
        if n % 3 == 0:
            _comment(
                convention,
                root.topic,
                rng.choice(citizens),
                Stance.FOR,
                REPLIES[(n + 1) % 4],
                reply.created_at + timedelta(hours=1),
                parent=reply,
            )
    _moderation_examples(convention, roots, by_role)


def _comment(
    convention: Convention,
    topic: Topic | None,
    author: Membership,
    stance: Stance,
    body: str,
    when: datetime,
    parent: Comment | None = None,
) -> Comment:
    """Add one comment, a reply when `parent` is given."""
    comment = Comment(
        convention_id=convention.id,
        topic_id=topic.id if topic else None,
        author_id=author.id,
        stance=stance,
        body=body,
        created_at=when,
        parent_id=parent.id if parent else None,
        root_id=(parent.root_id or parent.id) if parent else None,
        depth=parent.depth + 1 if parent else 0,
    )
    db.session.add(comment)
    db.session.flush()
    return comment


def _moderation_examples(
    convention: Convention, roots: list[Comment], by_role: dict[Role, list[Membership]]
) -> None:
    """Leave an edited, a deleted, a hidden and a flagged contribution, and a reply to notify."""
    facilitator = by_role[Role.FACILITATOR][0]
    citizens = by_role[Role.CITIZEN]
    edited, deleted, hidden, flagged = roots[13], roots[14], roots[15], roots[16]
    edited.revisions.append(CommentRevision(stance=Stance.REMARK, body="Première version."))
    edited.edited_at = edited.created_at + timedelta(hours=1)
    deleted.body, deleted.deleted_at = "", deleted.created_at + timedelta(hours=3)
    hidden.hidden_at, hidden.hidden_by_id = utcnow() - timedelta(days=2), facilitator.user_id
    hidden.hidden_reason = "Propos visant une personne (charte, règle 1). / Personal attack."
    reporter = next(m for m in citizens if m.id != flagged.author_id)
    db.session.add(
        Flag(
            convention_id=convention.id,
            comment_id=flagged.id,
            flagged_by_id=reporter.id,
            reason=FlagReason.OFF_TOPIC,
            note="Hors sujet ? / Off topic?",
        )
    )
    demo_citizen = next(m for m in citizens if m.user.email == "citizen@demo.invalid")
    mine = _comment(
        convention,
        roots[0].topic,
        demo_citizen,
        Stance.FOR,
        "Je soutiens l'idée d'un essai.",
        utcnow() - timedelta(days=3),
    )
    answer = _comment(
        convention,
        mine.topic,
        citizens[-1],
        Stance.QUESTION,
        "Un essai de combien de temps ?",
        utcnow() - timedelta(days=1),
        parent=mine,
    )
    db.session.add(
        Notification(
            user_id=demo_citizen.user_id,
            convention_id=convention.id,
            kind=NotificationKind.REPLY,
            details={"pseudonym": citizens[-1].pseudonym, "topic": mine.topic.title},
            path=f"/c/{convention.slug}/topics/{mine.topic_id}#c{answer.id}",
        )
    )


def _questions(
    convention: Convention, topics: list[Topic], by_role: dict[Role, list[Membership]]
) -> None:
    """Add questions to the experts, two answered and one waiting."""
    expert = by_role[Role.EXPERT][0]
    citizens = by_role[Role.CITIZEN]
    asked = [
        (
            topics[1],
            "Combien de caméras la ville a-t-elle aujourd'hui ?",
            "Environ 300 (chiffre fictif).",
        ),
        (topics[3], "How long are recordings kept?", "30 days at most, by law (fictional figure)."),
        (topics[5], "Quelle est la consommation d'un assistant en ligne ?", None),
    ]
    for n, (topic, question, answer) in enumerate(asked):
        db.session.add(
            InformationRequest(
                convention_id=convention.id,
                topic_id=topic.id,
                asked_by_id=citizens[n + 1].id,
                question=question,
                answer=answer,
                answered_by_id=expert.id if answer else None,
                answered_at=utcnow() - timedelta(days=5) if answer else None,
            )
        )
