"""Background work that stopped half-way: the heartbeat a worker keeps, and when a theme run or
an import counts as stalled."""

import os
import subprocess
import sys
from datetime import timedelta
from itertools import pairwise
from pathlib import Path

import pytest
from django.utils import timezone

from analysis import imports, services
from analysis.models import AnswerImport, ThemeRun
from surveys.demo_answers import load_demo_answers
from surveys.models import Question
from tests.analysis.conftest import ago, make_run, queued_import

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _ten_minutes(settings):
    settings.BACKGROUND_STALLED_MINUTES = 10


# When work counts as stalled


def test_a_run_is_stalled_only_once_silent_for_longer_than_the_setting(demo_link, analyst):
    beat = timezone.now()
    run = make_run(demo_link.version, analyst, status=ThemeRun.Status.RUNNING, heartbeat_at=beat)
    on_the_minute = beat + timedelta(minutes=10)
    just_after = on_the_minute + timedelta(seconds=1)
    assert not run.is_stalled(now=on_the_minute)
    assert not ThemeRun.objects.stalled(on_the_minute).exists()
    assert run.is_stalled(now=just_after)
    assert list(ThemeRun.objects.stalled(just_after)) == [run]


def test_the_setting_moves_the_line(demo_link, analyst, settings):
    beat = timezone.now()
    run = make_run(demo_link.version, analyst, status=ThemeRun.Status.RUNNING, heartbeat_at=beat)
    settings.BACKGROUND_STALLED_MINUTES = 30
    assert not run.is_stalled(now=beat + timedelta(minutes=29))
    assert run.is_stalled(now=beat + timedelta(minutes=31))


@pytest.mark.parametrize("status", ["queued", "done", "failed"])
def test_only_running_work_is_ever_stalled(demo_link, analyst, status):
    run = make_run(demo_link.version, analyst, status=status, heartbeat_at=ago(60))
    assert not run.is_stalled()
    assert not ThemeRun.objects.stalled().exists()


def test_a_run_taken_before_heartbeats_is_judged_by_when_it_was_sent(demo_link, analyst):
    run = make_run(demo_link.version, analyst, status=ThemeRun.Status.RUNNING, created_at=ago(5))
    assert run.heartbeat_at is None
    assert not run.is_stalled()
    assert run.is_stalled(now=timezone.now() + timedelta(minutes=6))
    assert ThemeRun.objects.stalled(timezone.now() + timedelta(minutes=6)).exists()


def test_an_import_is_stalled_only_once_silent_for_longer_than_the_setting(analyst):
    record = queued_import(analyst)
    beat = timezone.now()
    AnswerImport.objects.filter(pk=record.pk).update(
        status=AnswerImport.Status.RUNNING, heartbeat_at=beat
    )
    record.refresh_from_db()
    assert not record.is_stalled(now=beat + timedelta(minutes=10))
    assert not AnswerImport.objects.stalled(beat + timedelta(minutes=10)).exists()
    assert record.is_stalled(now=beat + timedelta(minutes=10, seconds=1))
    assert AnswerImport.objects.stalled(beat + timedelta(minutes=10, seconds=1)).exists()


def test_queued_work_waits_long_once_queued_for_longer_than_the_setting(demo_link, analyst):
    sent = timezone.now()
    run = make_run(demo_link.version, analyst, created_at=sent)
    assert not run.is_waiting_long(now=sent + timedelta(minutes=10))
    assert run.is_waiting_long(now=sent + timedelta(minutes=10, seconds=1))
    # Queued again later: the wait counts from then.
    run.heartbeat_at = sent + timedelta(minutes=30)
    assert not run.is_waiting_long(now=sent + timedelta(minutes=31))
    run.status = ThemeRun.Status.RUNNING
    assert not run.is_waiting_long(now=sent + timedelta(days=1))


def test_the_setting_is_read_from_the_environment_and_must_be_a_minute_or_more():
    def stalled_minutes(value: str):
        env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
        return subprocess.run(
            [sys.executable, "manage.py", "shell", "--no-imports", "-c",
             "from django.conf import settings; print(settings.BACKGROUND_STALLED_MINUTES)"],
            cwd=ROOT, env={**env, "BACKGROUND_STALLED_MINUTES": value},
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip

    assert stalled_minutes("25").stdout.strip() == "25"
    refused = stalled_minutes("0")
    assert refused.returncode != 0 and "BACKGROUND_STALLED_MINUTES" in refused.stderr


# The heartbeat


def test_a_run_beats_when_taken_and_at_every_step(demo_link, analyst):
    load_demo_answers(demo_link, count=160)
    question = Question.objects.get(step__version=demo_link.version, key="one-change")
    run = services.theme_run_start(
        version=demo_link.version,
        filters={"question": question.pk},
        n_themes=None,
        by=analyst,
        queue=False,
    )
    before = timezone.now()
    beats = []

    def look(_fraction, _message):
        beats.append(ThemeRun.objects.values_list("status", "heartbeat_at").get(pk=run.pk))

    run = services.theme_run_execute(run_id=run.pk, progress=look)
    assert run.status == ThemeRun.Status.DONE, run.error
    assert len(beats) > 5 and {status for status, _beat in beats} == {"running"}
    times = [beat for _status, beat in beats]
    assert times[0] > before
    assert all(later > earlier for earlier, later in pairwise(times))
    assert run.heartbeat_at > times[-1]


@pytest.mark.django_db(transaction=True)
def test_an_import_beats_when_taken_and_as_it_checks_rows(analyst, monkeypatch):
    monkeypatch.setattr(imports, "PROGRESS_EVERY", 1)
    record = queued_import(analyst)
    before = timezone.now()
    beats = []

    def look(stage, _done, _total):
        if stage == "Checking rows":
            beats.append(AnswerImport.objects.values_list("heartbeat_at", flat=True).get())

    record = services.answers_import_execute(import_id=record.pk, progress=look)
    assert record.status == AnswerImport.Status.DONE
    assert len(beats) == 5 and beats[0] > before
    assert all(later > earlier for earlier, later in pairwise(beats))
    assert record.heartbeat_at > beats[-1]


def test_two_workers_cannot_take_one_run(demo_link, analyst):
    run = make_run(demo_link.version, analyst)
    assert services._Claim.take(ThemeRun, run.pk) is not None
    assert services._Claim.take(ThemeRun, run.pk) is None
    assert services.theme_run_execute(run_id=run.pk).status == ThemeRun.Status.RUNNING
