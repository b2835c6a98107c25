"""The convention platform: create_app builds the Flask application."""

from typing import Any

from flask import Flask
from flask_babel import lazy_gettext as _l
from werkzeug.middleware.proxy_fix import ProxyFix

from convention.config import PROJECT_ROOT, check_config, load_config
from convention.extensions import babel, csrf, db, limiter, login_manager, migrate


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the application; `config` overrides the environment (tests use it)."""
    app = Flask(
        __name__,
        template_folder=str(PROJECT_ROOT / "templates"),
        instance_path=str(PROJECT_ROOT / "instance"),
    )
    _configure(app, config or {})
    _init_extensions(app)
    _register_blueprints(app)
    _register_cli(app)
    _register_errors(app)
    return app


def _configure(app: Flask, overrides: dict[str, Any]) -> None:
    """Load the configuration and refuse an unsafe production set-up."""
    app.config.from_mapping(load_config() | overrides)
    check_config(app.config)
    if app.config["PROXY_HOPS"]:
        hops = app.config["PROXY_HOPS"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///"):
        (PROJECT_ROOT / "instance").mkdir(exist_ok=True)


def _init_extensions(app: Flask) -> None:
    """Bind the extensions to this app."""
    from convention import access, content_version, jobs, storage
    from convention.auth import signin
    from convention.conventions import menu
    from convention.database import configure_sqlite, ours, ping_idle_connections
    from convention.web import (
        caching,
        filters,
        fragments,
        headers,
        i18n,
        logging as log_masking,
        unit_of_work,
        urls,
        wording,
    )

    db.init_app(app)
    content_version.init_app(db.session)
    with app.app_context():
        configure_sqlite(db.engine)
        ping_idle_connections(db.engine, app.config["DATABASE_PING_AFTER_IDLE"])
    migrations = str(PROJECT_ROOT / "migrations")
    migrate.init_app(app, db, directory=migrations, render_as_batch=True, include_name=ours)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please log in to access this page.")
    login_manager.login_message_category = "info"
    # str() translates the lazy message in the reader's language before the session stores it
    login_manager.localize_callback = str
    babel.init_app(app, locale_selector=i18n.select_locale, timezone_selector=i18n.select_timezone)
    csrf.init_app(app)
    storage.init_app(app)
    jobs.init_app(app)
    limiter.init_app(app)
    fragments.init_app(app)
    menu.init_app(app)
    caching.init_app(app)  # before access: a kept public page is served before any loading
    unit_of_work.read_without_transaction(app)  # then, before any page loads anything
    access.init_app(app)
    signin.init_app(app)
    filters.init_app(app)
    wording.init_app(app)
    headers.init_app(app)
    log_masking.init_app(app)
    urls.init_app(app)


def _register_blueprints(app: Flask) -> None:
    """Mount the feature blueprints."""
    from convention.admin.views import bp as admin_bp
    from convention.auth.views import bp as auth_bp
    from convention.conventions.views import bp as conventions_bp
    from convention.members.views import bp as members_bp
    from convention.privacy.views import bp as privacy_bp
    from convention.selection.views import bp as selection_bp
    from convention.web.views import bp as web_bp

    account = (web_bp, auth_bp, privacy_bp)
    for blueprint in (*account, conventions_bp, members_bp, selection_bp, admin_bp):
        app.register_blueprint(blueprint)

    # Deliberation: topics and briefings, comments and moderation, sessions, participation.
    from convention.comments.views import bp as comments_bp
    from convention.meetings.views import bp as meetings_bp
    from convention.notifications.views import bp as notifications_bp
    from convention.participation.views import bp as participation_bp
    from convention.topics.views import bp as topics_bp

    for blueprint in (topics_bp, comments_bp, meetings_bp, participation_bp, notifications_bp):
        app.register_blueprint(blueprint)

    # Recommendations: working groups, drafting and versions, amendments.
    from convention.amendments.views import bp as amendments_bp
    from convention.groups.views import bp as groups_bp
    from convention.recommendations.views import bp as recommendations_bp

    for blueprint in (groups_bp, recommendations_bp, amendments_bp):
        app.register_blueprint(blueprint)

    # Voting: ballots, casting, live mode, results.
    from convention.voting import receipts  # noqa: F401 (adds the receipt check to voting)
    from convention.voting.views import bp as voting_bp

    app.register_blueprint(voting_bp)

    # Report and accountability: the frozen report, the council's answers, the public pages.
    from convention.council.views import bp as council_bp
    from convention.reports.views import bp as reports_bp

    for blueprint in (reports_bp, council_bp):
        app.register_blueprint(blueprint)

    # Evaluation: anonymous surveys of the panel, their closed results and CSV for evaluators.
    from convention.surveys.views import bp as surveys_bp

    app.register_blueprint(surveys_bp)

    # The open data API: public records as JSON, with its OpenAPI document and documentation.
    from convention import api

    api.init_app(app)


def _register_cli(app: Flask) -> None:
    """Add the `flask convention ...` commands."""
    from convention.cli import convention_cli

    app.cli.add_command(convention_cli)


def _register_errors(app: Flask) -> None:
    """Answer errors with pages in the reader's language, or JSON."""
    from convention.web import errors, unit_of_work

    errors.init_app(app)
    unit_of_work.init_app(app)
