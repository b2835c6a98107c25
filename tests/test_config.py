"""Configuration: production refuses unsafe settings; health tells whether the database answers."""

import pytest

from convention import create_app
from convention.config import ConfigError, _database_url


@pytest.fixture
def production(monkeypatch):
    monkeypatch.setenv("CONVENTION_ENV", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("ALLOW_SQLITE_IN_PRODUCTION", raising=False)
    return monkeypatch


@pytest.mark.pure
def test_production_refuses_to_start_without_a_secret_key(production):
    production.setenv("DATABASE_URL", "postgresql://db/convention")
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        create_app()


@pytest.mark.pure
def test_production_refuses_the_sqlite_default_unless_told(production):
    production.setenv("SECRET_KEY", "s" * 32)
    with pytest.raises(ConfigError, match="DATABASE_URL"):
        create_app()
    production.setenv("ALLOW_SQLITE_IN_PRODUCTION", "1")
    assert create_app().config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite")


@pytest.mark.pure
@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
        ("sqlite:///x.db", "sqlite:///x.db"),
    ],
)
def test_database_urls_go_through_psycopg_3(given, expected):
    assert _database_url(given) == expected


def test_health_says_ok_when_the_database_answers(client):
    response = client.get("/health")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


@pytest.mark.pure
def test_health_answers_503_when_the_database_is_down(tmp_path):
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "x",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/missing-dir/none.db",
        }
    )
    app.logger.disabled = True
    response = app.test_client().get("/health")
    assert response.status_code == 503
    assert response.get_json() == {"status": "unavailable"}
