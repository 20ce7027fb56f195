"""The codebook in the admin, and theme runs as read-only records."""

import pytest

from analysis.models import Code, ThemeRun
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def author(db):
    return make_user("author", "administrator", is_staff=True, is_superuser=True)


def test_the_seed_codebook_is_there_and_can_be_edited(client, author):
    client.force_login(author)
    assert Code.objects.filter(key="online_safety").exists()
    code = Code.objects.get(key="bullying")
    page = client.get(f"/admin/analysis/code/{code.pk}/change/")
    assert b'name="description"' in page.content


def test_a_theme_run_cannot_be_changed_in_the_admin(client, author, demo_link):
    client.force_login(author)
    run = ThemeRun.objects.create(version=demo_link.version, code_version="x", created_by=author)
    client.post(f"/admin/analysis/themerun/{run.pk}/change/", {"status": "done"})
    run.refresh_from_db()
    assert run.status == ThemeRun.Status.QUEUED
    assert client.get("/admin/analysis/themerun/add/").status_code == 403
