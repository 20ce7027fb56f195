"""Writing an import: the survey of one question, its responses, answers and hand codes, and
the progress shown while it is written."""

from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils import timezone

from analysis.models import AnswerImport, HandCoding
from analysis.services.claims import Claim
from analysis.services.theme_runs import RESULTS_BATCH
from surveys.models import Answer, CollectionLink, SurveyVersion


class ImportProgress:
    """Writes an import's stage and rows done to it as the work goes. Inside the import's
    transaction a write would only show when it commits, so there the count goes through a
    connection of its own that commits at once. SQLite lets one connection write at a time:
    there the saving stage's count (and heartbeat) shows when it ends."""

    def __init__(self, claim: Claim, echo=None):
        self.claim = claim
        self.echo = echo
        self.own_connection = None

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not transaction.get_connection().in_atomic_block:
            self.claim.keep(stage=stage, rows_done=done, rows_total=total)
        elif transaction.get_connection().vendor != "sqlite":
            self._write_apart(stage, done, total)
        if self.echo:
            self.echo(AnswerImport.Stage(stage).label, done, total)

    def _write_apart(self, stage: str, done: int, total: int) -> None:
        """The claim's write, outside the import's transaction. When it matches no row (the
        work was taken back, or this connection cannot see the row) it changes nothing and the
        claim's last write, inside the transaction, decides."""
        if self.own_connection is None:
            self.own_connection = connections.create_connection(DEFAULT_DB_ALIAS)
        ops, meta, now = self.own_connection.ops, AnswerImport._meta, timezone.now()
        column = {name: ops.quote_name(meta.get_field(name).column) for name in _PROGRESS_COLUMNS}
        assignments = ", ".join(
            f"{column[name]} = %s" for name in ("stage", "rows_done", "rows_total", "heartbeat_at")
        )
        with self.own_connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {ops.quote_name(meta.db_table)} SET {assignments} "
                f"WHERE {column['id']} = %s AND {column['status']} = %s "
                f"AND {column['heartbeat_at']} = %s",
                [
                    stage,
                    done,
                    total,
                    ops.adapt_datetimefield_value(now),
                    self.claim.pk,
                    AnswerImport.Status.RUNNING,
                    ops.adapt_datetimefield_value(self.claim.beat),
                ],
            )
            if cursor.rowcount:
                self.claim.beat = now

    def close(self) -> None:
        if self.own_connection is not None:
            self.own_connection.close()


_PROGRESS_COLUMNS = ("id", "status", "stage", "rows_done", "rows_total", "heartbeat_at")


@contextmanager
def readers_let_in():
    """On SQLite, keep a long transaction's pages in memory until it commits. Spilling them to
    the database file part way locks every reader out (the import's page too) until the end;
    other databases let readers read anyway."""
    connection = transaction.get_connection()
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_spill = OFF")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_spill = ON")


def import_write(rows, codes, *, title: str, question_text: str, filename: str, by, progress):
    """The survey, its one question, a closed collection link per group, and the responses,
    answers and hand codes, a batch at a time, telling progress the rows written after each.
    Returns the version and the answers' ids in row order."""
    from django.utils.text import slugify

    from surveys.models import Question, Step, Survey
    from surveys.services import version_publish

    now = timezone.now()
    base = slugify(title)[:40].strip("-") or "imported-answers"
    slug, number = base, 1
    while Survey.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    survey = Survey.objects.create(
        title=title,
        slug=slug,
        description=f"Imported from {filename} by {by} on {format_day(now)}.",
    )
    version = SurveyVersion.objects.create(survey=survey, number=1, title=title)
    step = Step.objects.create(version=version, order=1, title=title)
    question = Question.objects.create(
        step=step,
        order=1,
        key="imported-answer",
        kind=Question.Kind.LONG_TEXT,
        text=question_text[:300],
    )
    version_publish(version=version)
    links = {
        cohort: _import_link(version, cohort, by, now)
        for cohort in sorted({row.cohort for row in rows if row.cohort})
    }
    answer_ids = []
    for start in range(0, len(rows), RESULTS_BATCH):
        batch = slice(start, start + RESULTS_BATCH)
        answer_ids += _import_batch(rows[batch], codes[batch], version, question, links, by, now)
        progress(len(answer_ids))
    return version, answer_ids


def _import_batch(rows, codes, version, question, links, by, now) -> list[int]:
    from surveys.models import Response

    responses = Response.objects.bulk_create(
        Response(
            version=version,
            link=links.get(row.cohort),
            band=row.band,
            status=Response.Status.COMPLETE,
            started_at=_aware(row.answered_at) or now,
            completed_at=_aware(row.answered_at) or now,
            updated_at=now,
        )
        for row in rows
    )
    answers = Answer.objects.bulk_create(
        Answer(response=response, question=question, value=row.text, text=row.text)
        for response, row in zip(responses, rows, strict=True)
    )
    HandCoding.objects.bulk_create(
        HandCoding(answer=answer, codes=keys, coded_by=by, coded_at=now)
        for answer, keys in zip(answers, codes, strict=True)
        if keys
    )
    return [answer.pk for answer in answers]


def _import_link(version: SurveyVersion, cohort: str, by, now) -> CollectionLink:
    """A link that only groups imported answers: closed from the start, so nobody answers
    through it."""
    from django.db import IntegrityError

    for _attempt in range(5):
        try:
            with transaction.atomic():
                return CollectionLink.objects.create(
                    version=version,
                    name=f"Imported: {cohort}",
                    setting=CollectionLink.Setting.OTHER,
                    slug=CollectionLink.new_slug(),
                    opens_at=now,
                    closes_at=now,
                    cohort_tags=[cohort],
                    created_by=by,
                    created=now,
                )
        except IntegrityError:
            continue  # a slug collision: draw another
    raise RuntimeError("Could not draw a unique link address.")


def _aware(moment):
    if moment is None or timezone.is_aware(moment):
        return moment
    return timezone.make_aware(moment)


def format_day(moment) -> str:
    from django.utils.dateformat import format as date_format

    return date_format(timezone.localtime(moment), "j M Y")
