"""The demo's materials: topics and the calendar set up, then briefings, hearings and questions.

Each is written through the service a facilitator's, an expert's or a citizen's action uses, with
its audit event and notifications; only times move, to the days the demo says things happened.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from convention.clock import local_to_utc, utcnow
from convention.demo.clock import place
from convention.demo.story import allowed, first, members
from convention.extensions import db
from convention.meetings import services as meetings
from convention.models import Convention, ConventionSession, Topic
from convention.rules.policy import Action, Role
from convention.topics import services as topics

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
# Days from today of the three sessions held and the one coming.
SESSION_DAYS = (-42, -28, -14, 14)
# (topic index, question, answer or None, days ago asked)
QUESTIONS = [
    (1, "Combien de caméras la ville a-t-elle aujourd'hui ?", "Environ 300 (chiffre fictif).", 8),
    (3, "How long are recordings kept?", "30 days at most, by law (fictional figure).", 7),
    (5, "Quelle est la consommation d'un assistant en ligne ?", None, 4),
]


def seed_calendar(convention: Convention) -> None:
    """Set up the topics and the four sessions with their agenda, as facilitators do first."""
    facilitator = allowed(first(convention, Role.FACILITATOR), Action.MANAGE_TOPICS)
    set_up = convention.created_at + timedelta(days=10)
    for title, summary, body in TOPICS:
        topic = topics.create_topic(facilitator, title=title, summary=summary, body=body)
        place(topic, set_up, "created_at", "updated_at")
    listed = topics_of(convention)
    allowed(facilitator, Action.MANAGE_SESSIONS)
    today = (
        utcnow()
        .astimezone(ZoneInfo("Europe/Paris"))
        .replace(tzinfo=None, hour=0, minute=0, second=0)
    )
    for n, days in enumerate(SESSION_DAYS, start=1):
        day = today + timedelta(days=days)
        session = meetings.schedule_session(
            facilitator,
            title=f"Séance {n} / Session {n}",
            starts_at=_paris(day.replace(hour=9, minute=30)),
            ends_at=_paris(day.replace(hour=17)),
            location="Hôtel de ville (fictif), salle du conseil — accessible en fauteuil",
            description="Accueil café dès 9 h. *Coffee from 9 a.m.*",
        )
        place(session, set_up)
        agenda = [("Accueil / Welcome", 30, None), ("Audition d'expert / Expert hearing", 90, n)]
        agenda += [("Déjeuner / Lunch", 60, None), ("Ateliers / Working groups", 120, n + 1)]
        for title, minutes, index in agenda:
            about = listed[index % len(listed)] if index else None
            meetings.add_agenda_item(session, facilitator, title, minutes, about)


def _paris(local: datetime) -> datetime:
    """Read a demo time in Paris."""
    return local_to_utc(local, "Europe/Paris")


def topics_of(convention: Convention) -> list[Topic]:
    """Return the convention's topics in their order."""
    return list(
        db.session.scalars(
            sa.select(Topic).where(Topic.convention_id == convention.id).order_by(Topic.position)
        )
    )


def sessions(convention: Convention) -> list[ConventionSession]:
    """Return the convention's sessions by date."""
    return list(
        db.session.scalars(
            sa.select(ConventionSession)
            .where(ConventionSession.convention_id == convention.id)
            .order_by(ConventionSession.starts_at)
        )
    )


def seed_materials(convention: Convention) -> None:
    """Publish a briefing per topic, record two hearings, and put questions to the experts."""
    listed, held = topics_of(convention), sessions(convention)
    authors = members(convention, Role.EXPERT) + members(convention, Role.FACILITATOR)
    published = utcnow() + timedelta(days=SESSION_DAYS[0] - 7)
    for n, topic in enumerate(listed):
        briefing = topics.add_briefing(
            topic,
            allowed(authors[n % len(authors)], Action.PUBLISH_BRIEFINGS),
            title=f"Note d'information / Briefing: {topic.title.split(' / ')[0]}",
            body="Les chiffres clés, les options, leurs coûts.\n\n"
            "- option A\n- option B\n\n*Key figures, options and their costs.*",
            sources="Rapport fictif de l'observatoire municipal, 2023.",
            link_url="https://example.org/briefing",
            stored=None,
        )
        place(briefing, published)
    facilitator = allowed(first(convention, Role.FACILITATOR), Action.MANAGE_TOPICS)
    for topic, session in ((listed[1], held[0]), (listed[3], held[1])):
        hearing = topics.add_hearing(
            topic,
            facilitator,
            session_id=session.id,
            expert_name="Dr Exemple Fictif",
            affiliation="Université imaginaire",
            interests="Aucun lien avec un fournisseur. / No link with any vendor.",
            summary="Points clés de l'audition. *Key points of the hearing.*",
            held_at=session.starts_at + timedelta(hours=1),
        )
        place(hearing, session.ends_at)
    _questions(convention, listed)


def _questions(convention: Convention, listed: list[Topic]) -> None:
    """Have citizens ask the experts; the expert answers two, one waits."""
    expert = allowed(first(convention, Role.EXPERT), Action.ANSWER_QUESTIONS)
    citizens = members(convention, Role.CITIZEN)
    for n, (index, question, answer, days) in enumerate(QUESTIONS, start=1):
        asker = allowed(citizens[n], Action.ASK_QUESTIONS)
        request = topics.ask_question(listed[index], asker, question)
        place(request, utcnow() - timedelta(days=days))
        if answer:
            topics.answer_question(request, expert, answer)
            place(request, utcnow() - timedelta(days=5), "answered_at")
