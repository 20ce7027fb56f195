"""Shared fixtures: plain object-creation functions, and a hard stop when the services the run
was told to use do not answer."""

import os

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from surveys.access import Role
from surveys.demo import load_demo


def pytest_sessionstart(session):
    """With REDIS_URL set, Redis must answer: never fall back silently."""
    url = os.environ.get("REDIS_URL")
    if not url:
        return
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=3).ping()
    except redis.RedisError as error:
        pytest.exit(f"REDIS_URL is set but Redis did not answer: {error}", returncode=3)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _english_between_tests():
    """A request in Welsh leaves Welsh active in this thread: the next test starts in English."""
    from django.utils import translation

    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def _links_read_afresh(settings):
    """Tests change links between requests; the few that test the link cache turn it on."""
    settings.LINK_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Published structures and rate-limit counters must not leak between tests."""
    from django.core.cache import cache

    from surveys import access, plan, wizard

    plan._published_cache.clear()
    wizard._fresh_pages.clear()
    wizard._form_classes.clear()
    access.forget_recent_links()
    cache.clear()
    yield


def make_user(username: str, *roles: str, **fields):
    user = get_user_model().objects.create_user(
        username=username,
        password="pass-for-tests-only",
        email=f"{username}@example.org",
        **fields,
    )
    for role in roles:
        user.groups.add(Group.objects.get_or_create(name=role)[0])
    return user


@pytest.fixture
def demo_link(db):
    return load_demo()


@pytest.fixture
def officer(db):
    return make_user("olivia", Role.OFFICER)


@pytest.fixture
def lead(db):
    return make_user("leo", Role.SAFEGUARDING_LEAD)


@pytest.fixture
def analyst(db):
    return make_user("ann", Role.ANALYST)


@pytest.fixture
def coordinator(db):
    return make_user("cora", Role.REVIEW_COORDINATOR)


@pytest.fixture
def admin_user(db):
    return make_user("adam", Role.ADMINISTRATOR)


@pytest.fixture
def outsider(db):
    """Signed in, but holds no role."""
    return make_user("charlie")
