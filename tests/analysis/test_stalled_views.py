"""The run and import pages for work that stopped half-way or waits too long: what they say,
the button that starts it again, and who may press it."""

import html

import pytest
from django.test import Client

from analysis.models import AnswerImport, ThemeRun
from surveys.demo_answers import load_demo_answers
from tests.analysis.conftest import ago, make_run, queued_import, stalled_import, stalled_run

pytestmark = pytest.mark.django_db

RUN_STOPPED = (
    "This run stopped before it finished, most likely because the background worker was "
    "restarted. Nothing from it is shown. Start it again."
)
IMPORT_STOPPED = (
    "This import stopped before it finished, most likely because the background worker was "
    "restarted. Nothing from it was imported. The file is still kept: start it again."
)
RUN_WAITING = "This run has waited more than 10 minutes to start: the background worker may not"
IMPORT_WAITING = (
    "This import has waited more than 10 minutes to start: the background worker may not"
)


@pytest.fixture(autouse=True)
def _ten_minutes(settings):
    settings.BACKGROUND_STALLED_MINUTES = 10


def page(response) -> str:
    return html.unescape(response.content.decode())


def restart_url(work) -> str:
    return f"{work.get_absolute_url()}restart/"


# The run's page


def test_a_stalled_runs_page_says_what_happened_and_offers_to_start_it_again(
    client, demo_link, analyst
):
    run = stalled_run(demo_link.version, analyst)
    client.force_login(analyst)
    shown = page(client.get(run.get_absolute_url()))
    assert RUN_STOPPED in shown
    assert f'<form method="post" action="{restart_url(run)}">' in shown
    assert 'name="csrfmiddlewaretoken"' in shown and ">Start again</button>" in shown
    # Nothing moves until it is started again: no progress bar, nothing polling the page.
    assert "data-app-run-pending" not in shown and "<progress" not in shown


def test_the_runs_list_and_the_imports_list_show_stopped_work_as_stopped(
    client, demo_link, analyst
):
    stalled_run(demo_link.version, analyst)
    stalled_import(analyst)
    client.force_login(analyst)
    runs = page(client.get("/staff/analysis/"))
    imports = page(client.get("/staff/analysis/import/"))
    assert "Stopped: start it again</strong>" in runs and ">Running</strong>" not in runs
    assert "stopped: start it again," in imports and "importing," not in imports


@pytest.mark.parametrize(
    "fields",
    [
        {"status": "running", "heartbeat_at": "fresh"},
        {"status": "queued"},
        {"status": "failed", "error": "ValueError: no answers"},
    ],
)
def test_a_run_that_has_not_stalled_offers_no_way_to_start_it_again(
    client, demo_link, analyst, fields
):
    if fields.get("heartbeat_at") == "fresh":
        fields = {**fields, "heartbeat_at": ago(9)}
    run = make_run(demo_link.version, analyst, **fields)
    client.force_login(analyst)
    shown = page(client.get(run.get_absolute_url()))
    assert RUN_STOPPED not in shown and "Start again" not in shown
    assert restart_url(run) not in shown


def test_a_run_under_way_keeps_checking_for_its_result(client, demo_link, analyst):
    run = make_run(demo_link.version, analyst, status="running", heartbeat_at=ago(9))
    client.force_login(analyst)
    shown = page(client.get(run.get_absolute_url()))
    assert "data-app-run-pending" in shown and "setTimeout(poll" in shown


def test_a_run_waiting_long_says_the_worker_may_not_be_running(client, demo_link, analyst):
    waiting = make_run(demo_link.version, analyst, created_at=ago(11))
    just_sent = make_run(demo_link.version, analyst)
    client.force_login(analyst)
    shown = page(client.get(waiting.get_absolute_url()))
    assert RUN_WAITING in shown and "<code>make run</code> starts one" in shown
    assert "Start again" not in shown
    assert "data-app-run-pending" in shown  # it goes on checking: a worker may yet take it
    assert RUN_WAITING not in page(client.get(just_sent.get_absolute_url()))


# Starting a run again


def test_starting_a_stalled_run_again_themes_its_answers(
    client, demo_link, analyst, django_capture_on_commit_callbacks
):
    load_demo_answers(demo_link, count=160)
    run = stalled_run(demo_link.version, analyst)
    client.force_login(analyst)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(restart_url(run))
    assert response.status_code == 302 and response["Location"] == run.get_absolute_url()
    run.refresh_from_db()
    assert run.status == ThemeRun.Status.DONE, run.error
    assert run.themes.exists() and run.results.count() == run.answer_count > 0
    shown = page(client.get(response["Location"]))
    assert "Started again." in shown and RUN_STOPPED not in shown


def test_two_clicks_queue_a_stalled_run_once(
    client, demo_link, analyst, django_capture_on_commit_callbacks
):
    run = stalled_run(demo_link.version, analyst)
    client.force_login(analyst)
    with django_capture_on_commit_callbacks() as queued:
        first = client.post(restart_url(run), follow=True)
        second = client.post(restart_url(run), follow=True)
    assert len(queued) == 1
    assert "Started again." in page(first)
    assert "This run is already waiting to start." in page(second)
    assert ThemeRun.objects.get().status == ThemeRun.Status.QUEUED


def test_staff_without_the_analyst_role_and_outsiders_cannot_start_a_run_again(
    client, demo_link, analyst, officer, outsider, django_capture_on_commit_callbacks
):
    run = stalled_run(demo_link.version, analyst)
    for person in (officer, outsider):
        client.force_login(person)
        with django_capture_on_commit_callbacks() as queued:
            assert client.post(restart_url(run)).status_code == 403
        assert queued == []
    stays = ThemeRun.objects.get()
    assert (stays.status, stays.progress, stays.heartbeat_at) == ("running", 40, run.heartbeat_at)


def test_signed_out_visitors_are_sent_to_sign_in_and_nothing_starts(client, demo_link, analyst):
    run = stalled_run(demo_link.version, analyst)
    response = client.post(restart_url(run))
    assert response.status_code == 302 and response["Location"].startswith("/staff/login/")
    assert ThemeRun.objects.get().status == ThemeRun.Status.RUNNING


def test_a_run_is_started_again_only_by_a_form_sent_from_the_page(client, demo_link, analyst):
    run = stalled_run(demo_link.version, analyst)
    client.force_login(analyst)
    assert client.get(restart_url(run)).status_code == 405
    forged = Client(enforce_csrf_checks=True)
    forged.force_login(analyst)
    assert forged.post(restart_url(run)).status_code == 403
    assert ThemeRun.objects.get().status == ThemeRun.Status.RUNNING


# The import's page


def test_a_stalled_imports_page_says_what_happened_and_offers_to_start_it_again(client, analyst):
    record = stalled_import(analyst)
    client.force_login(analyst)
    shown = page(client.get(record.get_absolute_url()))
    assert IMPORT_STOPPED in shown
    assert f'<form method="post" action="{restart_url(record)}">' in shown
    assert 'name="csrfmiddlewaretoken"' in shown and ">Start again</button>" in shown
    assert "data-app-import-pending" not in shown and "<progress" not in shown


def test_an_import_under_way_offers_no_way_to_start_it_again(client, analyst):
    record = stalled_import(analyst)
    AnswerImport.objects.update(heartbeat_at=ago(9))
    client.force_login(analyst)
    shown = page(client.get(record.get_absolute_url()))
    assert IMPORT_STOPPED not in shown and "Start again" not in shown
    assert "data-app-import-pending" in shown


def test_an_import_waiting_long_says_the_worker_may_not_be_running(client, analyst):
    record = queued_import(analyst)
    client.force_login(analyst)
    assert IMPORT_WAITING not in page(client.get(record.get_absolute_url()))
    AnswerImport.objects.update(imported_at=ago(11))
    shown = page(client.get(record.get_absolute_url()))
    assert IMPORT_WAITING in shown and "Start again" not in shown


def test_starting_a_stalled_import_again_imports_its_kept_file(
    client, analyst, django_capture_on_commit_callbacks
):
    record = stalled_import(analyst)
    client.force_login(analyst)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(restart_url(record))
    assert response.status_code == 302 and response["Location"] == record.get_absolute_url()
    record.refresh_from_db()
    assert (record.status, record.row_count) == ("done", 3)
    shown = page(client.get(response["Location"]))
    assert "Started again." in shown and "Answers imported" in shown


def test_two_clicks_queue_a_stalled_import_once(
    client, analyst, django_capture_on_commit_callbacks
):
    record = stalled_import(analyst)
    client.force_login(analyst)
    with django_capture_on_commit_callbacks() as queued:
        client.post(restart_url(record))
        second = client.post(restart_url(record), follow=True)
    assert len(queued) == 1
    assert "This import is already waiting to start." in page(second)


def test_staff_without_the_analyst_role_and_outsiders_cannot_start_an_import_again(
    client, analyst, officer, outsider, django_capture_on_commit_callbacks
):
    record = stalled_import(analyst)
    for person in (officer, outsider):
        client.force_login(person)
        with django_capture_on_commit_callbacks() as queued:
            assert client.post(restart_url(record)).status_code == 403
        assert queued == []
    stays = AnswerImport.objects.get()
    assert (stays.status, stays.stage, stays.heartbeat_at) == (
        "running",
        "saving",
        record.heartbeat_at,
    )


def test_an_import_is_started_again_only_by_a_form_sent_from_the_page(client, analyst):
    record = stalled_import(analyst)
    client.force_login(analyst)
    assert client.get(restart_url(record)).status_code == 405
    forged = Client(enforce_csrf_checks=True)
    forged.force_login(analyst)
    assert forged.post(restart_url(record)).status_code == 403
    assert AnswerImport.objects.get().status == AnswerImport.Status.RUNNING
