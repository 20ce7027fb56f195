"""Plain object-creation functions for analysis tests: theme runs and imports in the states a
background worker leaves them."""

import io
from datetime import timedelta

from django.utils import timezone

from analysis import services
from analysis.models import AnswerImport, ThemeRun

CSV = b"Id,Answer\n1,More lights in the park\n2,\n3,Someone to talk to\n4,Safer buses\n"


def ago(minutes: float):
    return timezone.now() - timedelta(minutes=minutes)


def make_run(version, by, **fields) -> ThemeRun:
    return ThemeRun.objects.create(
        version=version, code_version=services.CODE_VERSION, created_by=by, **fields
    )


def stalled_run(version, by) -> ThemeRun:
    """A run whose worker was stopped part way, eleven minutes ago."""
    return make_run(
        version,
        by,
        status=ThemeRun.Status.RUNNING,
        progress=40,
        progress_message="Themes",
        heartbeat_at=ago(11),
    )


def queued_import(by) -> AnswerImport:
    return services.answers_import_start(
        file=io.BytesIO(CSV),
        filename="forms.csv",
        text_column="Answer",
        id_column="Id",
        question_text="",
        title="Forms 2024",
        default_band="12-17",
        by=by,
        queue=False,
    )


def finished_import(by, data: bytes = CSV, *, title: str = "Forms 2024", **columns) -> AnswerImport:
    """An import a worker has finished: its answers are a published survey version."""
    record = services.answers_import_start(
        file=io.BytesIO(data),
        filename="forms.csv",
        text_column="Answer",
        id_column="Id",
        question_text="",
        title=title,
        default_band="12-17",
        by=by,
        queue=False,
        **columns,
    )
    record = services.answers_import_execute(import_id=record.pk)
    assert record.status == AnswerImport.Status.DONE, record.problems
    return record


def stalled_import(by) -> AnswerImport:
    """An import whose worker was stopped while saving, eleven minutes ago."""
    record = queued_import(by)
    AnswerImport.objects.filter(pk=record.pk).update(
        status=AnswerImport.Status.RUNNING,
        stage=AnswerImport.Stage.SAVING,
        rows_done=0,
        rows_total=3,
        heartbeat_at=ago(11),
    )
    record.refresh_from_db()
    return record
