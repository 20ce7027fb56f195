"""`manage.py theme_run`: a stored theme run from the command line, with answers from other
surveys or imports when asked."""

import io

import pytest
from django.core.management import CommandError, call_command

from analysis.models import ThemeRun
from surveys.demo_answers import load_demo_answers
from tests.analysis.conftest import finished_import

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command("theme_run", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.fixture
def demo_answers(demo_link):
    load_demo_answers(demo_link, count=120)
    return demo_link


def test_a_run_with_an_import_themes_both_and_keeps_the_import(analyst, demo_answers):
    imported = finished_import(analyst)
    said = run("one-change", "--by", "ann", "--also-version", str(imported.version_id))
    stored = ThemeRun.objects.get()
    assert stored.status == ThemeRun.Status.DONE, stored.error
    assert f"Theme run {stored.pk}: {stored.answer_count} answers" in said
    assert list(stored.also_versions.all()) == [imported.version]
    assert stored.results.filter(answer__response__version=imported.version).count() == 3


@pytest.mark.parametrize(
    ("which", "message"),
    [
        ("own", "is the question's own"),
        ("unknown", "No published survey version or import with free-text answers has the id"),
    ],
)
def test_a_version_that_cannot_be_added_is_refused_and_nothing_is_stored(
    analyst, demo_answers, which, message
):
    version = {"own": demo_answers.version_id, "unknown": 987654}[which]
    with pytest.raises(CommandError, match=message):
        run("one-change", "--by", "ann", "--also-version", str(version))
    assert not ThemeRun.objects.exists()
