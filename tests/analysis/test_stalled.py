"""Background work that stopped half-way: the heartbeat a worker keeps, when a theme run or an
import counts as stalled, and starting one again from the start, once."""

import os
import subprocess
import sys
from datetime import timedelta
from itertools import pairwise
from pathlib import Path

import pytest
from django.utils import timezone

from analysis import imports, services
from analysis.models import AnswerImport, AnswerResult, Theme, ThemeRun
from analysis.services.claims import Claim
from surveys.demo_answers import load_demo_answers
from surveys.models import Answer, Question, Response, Survey
from tests.analysis.conftest import CSV, ago, make_run, queued_import, stalled_import, stalled_run

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


# Starting a stalled run again


def test_a_stalled_run_is_queued_again_once_with_its_progress_cleared(
    demo_link, analyst, django_capture_on_commit_callbacks
):
    run = stalled_run(demo_link.version, analyst)
    with django_capture_on_commit_callbacks() as queued:
        services.theme_run_restart(run_id=run.pk)
        with pytest.raises(services.CannotRestart, match="already waiting to start"):
            services.theme_run_restart(run_id=run.pk)
    run.refresh_from_db()
    assert (run.status, run.progress, run.progress_message) == ("queued", 0, "")
    assert run.heartbeat_at > ago(1)
    assert len(queued) == 1


def test_a_stalled_run_loses_anything_it_wrote(demo_link, analyst):
    """Runs now write their themes with their finish; one stopped under an earlier version may
    have written them without finishing."""
    run = stalled_run(demo_link.version, analyst)
    question = Question.objects.get(step__version=demo_link.version, key="one-change")
    response = Response.objects.create(version=demo_link.version, link=demo_link, band="8-11")
    answer = Answer.objects.create(response=response, question=question, value="x", text="x")
    Theme.objects.create(run=run, number=1, label="Lights", size=1, share=1, stability=1)
    AnswerResult.objects.create(
        run=run,
        answer=answer,
        theme_number=1,
        code_confidence=1,
        sentiment="neutral",
        redacted_text="x",
    )
    ThemeRun.objects.filter(pk=run.pk).update(answer_count=1, summary={"themes": 1})
    services.theme_run_restart(run_id=run.pk)
    run.refresh_from_db()
    assert not Theme.objects.exists() and not AnswerResult.objects.exists()
    assert (run.answer_count, run.summary) == (0, {})
    assert Answer.objects.filter(pk=answer.pk).exists()


@pytest.mark.parametrize(
    "status, heartbeat_minutes_ago, message",
    [
        ("running", 9, "This run is still going, so it was not started again."),
        ("queued", 60, "This run is already waiting to start."),
        ("done", 60, "This run has finished, so there is nothing to start again."),
        ("failed", 60, "This run has finished, so there is nothing to start again."),
    ],
)
def test_a_run_that_has_not_stalled_is_not_started_again(
    demo_link, analyst, django_capture_on_commit_callbacks, status, heartbeat_minutes_ago, message
):
    beat = ago(heartbeat_minutes_ago)
    run = make_run(demo_link.version, analyst, status=status, progress=40, heartbeat_at=beat)
    Theme.objects.create(run=run, number=1, label="Lights", size=1, share=1, stability=1)
    with (
        django_capture_on_commit_callbacks() as queued,
        pytest.raises(services.CannotRestart) as refusal,
    ):
        services.theme_run_restart(run_id=run.pk)
    assert refusal.value.message == message
    run.refresh_from_db()
    assert (run.status, run.progress, run.heartbeat_at) == (status, 40, beat)
    assert Theme.objects.filter(run=run).exists()
    assert queued == []


def test_a_worker_that_wakes_after_its_run_was_started_again_writes_nothing(
    demo_link, analyst, django_capture_on_commit_callbacks
):
    load_demo_answers(demo_link, count=160)
    run = services.theme_run_start(
        version=demo_link.version, filters={}, n_themes=None, by=analyst, queue=False
    )
    told = []

    def fall_silent_and_be_started_again(_fraction, message):
        told.append(message)
        if len(told) == 1:
            ThemeRun.objects.filter(pk=run.pk).update(heartbeat_at=ago(11))
            services.theme_run_restart(run_id=run.pk)

    with django_capture_on_commit_callbacks() as queued:
        services.theme_run_execute(run_id=run.pk, progress=fall_silent_and_be_started_again)
    run.refresh_from_db()
    assert told == ["Reading answers"]  # it stopped at its next step
    assert (run.status, run.progress, run.error) == ("queued", 0, "")
    assert not Theme.objects.exists() and not AnswerResult.objects.exists()
    assert len(queued) == 1


def test_two_workers_cannot_take_one_run(demo_link, analyst):
    run = make_run(demo_link.version, analyst)
    assert Claim.take(ThemeRun, run.pk) is not None
    assert Claim.take(ThemeRun, run.pk) is None
    assert services.theme_run_execute(run_id=run.pk).status == ThemeRun.Status.RUNNING


# Starting a stalled import again


def test_a_stalled_import_is_queued_again_once_with_its_upload_and_file_count(
    analyst, django_capture_on_commit_callbacks
):
    record = stalled_import(analyst)
    with django_capture_on_commit_callbacks() as queued:
        services.answers_import_restart(import_id=record.pk)
        with pytest.raises(services.CannotRestart, match="already waiting to start"):
            services.answers_import_restart(import_id=record.pk)
    record.refresh_from_db()
    assert (record.status, record.stage, record.rows_done) == ("queued", "", 0)
    assert record.rows_total == 4  # the rows in the file again, not the 3 with text
    assert bytes(record.upload) == CSV
    assert len(queued) == 1
    queued[0]()  # the worker takes it
    record.refresh_from_db()
    assert (record.status, record.row_count, record.upload) == ("done", 3, None)
    assert Answer.objects.count() == 3


@pytest.mark.parametrize(
    "status, message",
    [
        ("running", "This import is still going, so it was not started again."),
        ("queued", "This import is already waiting to start."),
        ("done", "This import has finished, so there is nothing to start again."),
        ("failed", "This import has finished, so there is nothing to start again."),
    ],
)
def test_an_import_that_has_not_stalled_is_not_started_again(
    analyst, django_capture_on_commit_callbacks, status, message
):
    record = queued_import(analyst)
    beat = ago(9 if status == "running" else 60)
    AnswerImport.objects.filter(pk=record.pk).update(status=status, rows_done=2, heartbeat_at=beat)
    with (
        django_capture_on_commit_callbacks() as queued,
        pytest.raises(services.CannotRestart) as refusal,
    ):
        services.answers_import_restart(import_id=record.pk)
    assert refusal.value.message == message
    record.refresh_from_db()
    assert (record.status, record.rows_done, record.heartbeat_at) == (status, 2, beat)
    assert queued == []


def test_a_worker_that_wakes_after_its_import_was_started_again_writes_nothing(
    analyst, django_capture_on_commit_callbacks
):
    record = queued_import(analyst)

    def fall_silent_and_be_started_again(stage, done, _total):
        if stage == "Saving answers" and done == 0:
            AnswerImport.objects.filter(pk=record.pk).update(heartbeat_at=ago(11))
            services.answers_import_restart(import_id=record.pk)

    with django_capture_on_commit_callbacks() as queued:
        services.answers_import_execute(
            import_id=record.pk, progress=fall_silent_and_be_started_again
        )
    record.refresh_from_db()
    assert not Survey.objects.exists() and not Answer.objects.exists()
    assert (record.status, record.problems, record.version) == ("queued", [], None)
    assert bytes(record.upload) == CSV
    assert len(queued) == 1
