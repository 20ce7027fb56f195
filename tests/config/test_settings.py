"""Settings come from the environment and a bad value stops start-up with a clear message."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import database_from_url, env_bool, env_fernet_keys, env_int, env_list

ROOT = Path(__file__).resolve().parents[2]
FERNET_KEY = "3q2-7wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="


def test_env_bool_reads_common_spellings(monkeypatch):
    monkeypatch.setenv("FLAG", "Yes")
    assert env_bool("FLAG", False) is True
    monkeypatch.setenv("FLAG", "0")
    assert env_bool("FLAG", True) is False


def test_env_bool_refuses_nonsense(monkeypatch):
    monkeypatch.setenv("FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="FLAG must be true or false"):
        env_bool("FLAG", False)


def test_env_int_refuses_words_and_small_values(monkeypatch):
    monkeypatch.setenv("NUM", "five")
    with pytest.raises(ImproperlyConfigured, match="whole number"):
        env_int("NUM", 1)
    monkeypatch.setenv("NUM", "0")
    with pytest.raises(ImproperlyConfigured, match="at least 1"):
        env_int("NUM", 5, minimum=1)


def test_env_list_splits_on_commas(monkeypatch):
    monkeypatch.setenv("HOSTS", "a.example, b.example,,")
    assert env_list("HOSTS", []) == ["a.example", "b.example"]


def test_postgres_url_becomes_a_pooled_database():
    db = database_from_url("postgres://me:p%40ss@db.internal:6543/votc", pool=True)
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["USER"], db["PASSWORD"], db["HOST"], db["PORT"], db["NAME"]) == (
        "me",
        "p@ss",
        "db.internal",
        "6543",
        "votc",
    )
    assert db["OPTIONS"]["pool"]["max_size"] >= 1


def test_sqlite_url_becomes_a_file_database():
    assert database_from_url("sqlite:////tmp/x.sqlite3", pool=True)["NAME"] == "/tmp/x.sqlite3"


def test_a_sqlite_file_lets_the_web_server_read_while_the_worker_writes(
    tmp_path, django_db_blocker
):
    """Two connections as the two processes of `make run` hold them: a page still reads while
    the worker has a write open, and waiting writers wait rather than fail at once."""
    from django.db.backends.sqlite3.base import DatabaseWrapper

    settings_dict = database_from_url(f"sqlite:///{tmp_path / 'db.sqlite3'}", pool=False)
    assert settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert settings_dict["OPTIONS"]["timeout"] >= 5
    worker, web = (
        DatabaseWrapper({**settings_dict, **_connection_defaults()}, alias=name)
        for name in ("worker", "web")
    )
    with django_db_blocker.unblock():
        with worker.cursor() as cursor:
            cursor.execute("CREATE TABLE progress (done integer)")
            cursor.execute("INSERT INTO progress VALUES (0)")
            assert cursor.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        worker.set_autocommit(False)
        worker.cursor().execute("UPDATE progress SET done = 50")  # a write left open
        assert web.cursor().execute("SELECT done FROM progress").fetchone() == (0,)
        worker.commit()
        assert web.cursor().execute("SELECT done FROM progress").fetchone() == (50,)
        worker.close()
        web.close()


def _connection_defaults() -> dict:
    return {
        "ATOMIC_REQUESTS": False,
        "AUTOCOMMIT": True,
        "CONN_MAX_AGE": 0,
        "CONN_HEALTH_CHECKS": False,
        "TIME_ZONE": None,
        "USER": "",
        "PASSWORD": "",
        "HOST": "",
        "PORT": "",
        "TEST": {},
    }


def test_an_unknown_database_scheme_is_refused():
    with pytest.raises(ImproperlyConfigured, match="postgres:// or sqlite:///"):
        database_from_url("mysql://db/votc", pool=False)


def run_check(**env):
    full_env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    full_env.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_mode_passes_the_deploy_check():
    key = "".join(chr(33 + (i * 7) % 90) for i in range(60))
    result = run_check(
        PRODUCTION="true",
        SECRET_KEY=key,
        ALLOWED_HOSTS="votc.example",
        FIELD_ENCRYPTION_KEY=FERNET_KEY,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_mode_without_a_field_encryption_key_refuses_to_start():
    key = "".join(chr(33 + (i * 7) % 90) for i in range(60))
    result = run_check(PRODUCTION="true", SECRET_KEY=key, ALLOWED_HOSTS="votc.example")
    assert result.returncode != 0
    assert "Set the environment variable FIELD_ENCRYPTION_KEY" in result.stderr


def test_a_field_encryption_key_that_is_not_a_fernet_key_is_refused():
    with pytest.raises(ImproperlyConfigured, match="must be Fernet keys"):
        env_fernet_keys("FIELD_ENCRYPTION_KEY", ["not-a-key"])
    env_fernet_keys("FIELD_ENCRYPTION_KEY", [FERNET_KEY, FERNET_KEY])  # rotation: several keys


def test_production_mode_without_a_secret_key_refuses_to_start():
    result = run_check(
        PRODUCTION="true", ALLOWED_HOSTS="votc.example", FIELD_ENCRYPTION_KEY=FERNET_KEY
    )
    assert result.returncode != 0
    assert "Set the environment variable SECRET_KEY" in result.stderr
