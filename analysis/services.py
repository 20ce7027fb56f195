"""Writes that span models: theme runs, hand coding, actions, answer imports. The text work
itself is in the pure modules beside this one (pipeline, themes, coding, sentiment, redact,
concerns)."""

import hashlib
import time
from contextlib import contextmanager
from datetime import date

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from analysis import findings
from analysis.models import (
    Action,
    AnswerImport,
    AnswerResult,
    Code,
    HandCoding,
    Priority,
    Theme,
    ThemeRun,
)
from surveys.models import AgeBand, Answer, CollectionLink, SurveyVersion

CODE_VERSION = "analysis-1"  # bump when the pipeline changes what it produces for the same input
RESULTS_BATCH = 2000


def links_tagged(cohort: str) -> list[int]:
    """Links carrying this cohort tag. Read in Python: links are few, and SQLite (the embedded
    default) cannot look inside a JSON list."""
    tagged = CollectionLink.objects.exclude(cohort_tags=[]).values_list("pk", "cohort_tags")
    return [pk for pk, tags in tagged if cohort in (tags or [])]


def answers_for(*, version: SurveyVersion, filters: dict) -> QuerySet[Answer]:
    """Free-text answers of a version, partial responses included, narrowed by the filters."""
    answers = Answer.objects.free_text().filter(response__version=version)
    if filters.get("question"):
        answers = answers.filter(question_id=filters["question"])
    if filters.get("bands"):
        answers = answers.filter(response__band__in=filters["bands"])
    if filters.get("links"):
        answers = answers.filter(response__link_id__in=filters["links"])
    if filters.get("cohort"):
        answers = answers.filter(response__link__in=links_tagged(filters["cohort"]))
    if filters.get("since"):
        answers = answers.filter(
            response__started_at__date__gte=date.fromisoformat(filters["since"])
        )
    if filters.get("until"):
        answers = answers.filter(
            response__started_at__date__lte=date.fromisoformat(filters["until"])
        )
    return answers.order_by("pk")


def theme_run_start(
    *, version: SurveyVersion, filters: dict, n_themes: int | None, by, queue: bool = True
) -> ThemeRun:
    """Store the run's request and, unless the caller does the work itself, hand it to the
    background worker once committed."""
    from analysis.tasks import theme_run_execute_task

    run = ThemeRun.objects.create(
        version=version,
        filters=filters,
        parameters={"n_themes": n_themes, "random_state": 0},
        code_version=CODE_VERSION,
        created_by=by,
    )
    if queue:
        transaction.on_commit(lambda: theme_run_execute_task.enqueue(run.pk))
    return run


def theme_run_execute(*, run_id: int, progress=None) -> ThemeRun:
    """Run the pipeline over the run's answers and store themes and per-answer results."""
    run = ThemeRun.objects.select_related("version").get(pk=run_id)
    claim = _Claim.take(ThemeRun, run.pk)
    if claim is None:
        return run  # already taken by another worker, or finished
    try:
        _execute(run, claim, progress)
    except WorkTakenBack:
        pass  # queued again after this worker fell silent: another worker does it now
    except Exception as problem:  # noqa: BLE001 - any failure is shown on the run's page
        claim.write(
            status=ThemeRun.Status.FAILED,
            error=f"{type(problem).__name__}: {problem}"[:2000],
            finished_at=timezone.now(),
        )
        raise
    run.refresh_from_db()
    return run


def _execute(run: ThemeRun, claim: "_Claim", progress) -> None:
    # scikit-learn and friends load only in the process that runs the work, not in web servers.
    from analysis import pipeline
    from analysis.coding import codebook_from_records

    started = time.monotonic()

    def report(fraction: float, message: str) -> None:
        claim.keep(progress=min(99, int(fraction * 100)), progress_message=message[:200])
        if progress:
            progress(fraction, message)

    report(0.02, "Reading answers")
    rows = list(
        answers_for(version=run.version, filters=run.filters).values_list(
            "pk", "text", "hand_coding__codes", "hand_coding__sentiment"
        )
    )
    settings_names = list(
        CollectionLink.objects.filter(version=run.version).values_list("name", flat=True)
    )
    codebook = codebook_from_records(
        [
            {
                "code": c["key"],
                "name": c["name"],
                "description": c["description"],
                "examples": c["examples"],
            }
            for c in Code.objects.values("key", "name", "description", "examples")
        ]
    )
    steps = iter(range(1, len(PIPELINE_STEPS) + 1))
    result = pipeline.analyse_texts(
        [text for _pk, text, _c, _s in rows],
        ids=[pk for pk, _t, _c, _s in rows],
        given_codes=[codes or [] for _pk, _t, codes, _s in rows],
        given_sentiments=[sentiment or None for _pk, _t, _c, sentiment in rows],
        codebook=codebook,
        n_themes=run.parameters.get("n_themes"),
        extra_names=settings_names,
        random_state=run.parameters.get("random_state", 0),
        progress=lambda message: _pipeline_step(report, message, steps),
    )
    report(0.92, "Saving themes")
    with transaction.atomic():
        Theme.objects.bulk_create(
            Theme(
                run=run,
                number=theme.id,
                label=theme.label,
                size=theme.size,
                share=theme.share,
                top_terms=list(theme.top_terms),
                quotes=list(theme.quotes),
                stability=theme.stability,
                is_non_answer=theme.is_non_answer,
            )
            for theme in result.themes
        )
        AnswerResult.objects.bulk_create(
            (
                AnswerResult(
                    run=run,
                    answer_id=pk,
                    theme_number=row.theme,
                    codes=list(row.codes),
                    code_confidence=row.code_confidence,
                    codes_by_hand=row.coded_by_hand,
                    sentiment=row.sentiment,
                    concern=row.concern,
                    redacted_text=row.redacted_text,
                )
                for (pk, _t, _c, _s), row in zip(rows, result.answers, strict=True)
            ),
            batch_size=RESULTS_BATCH,
        )
        # Last, and in the same transaction as the themes: a run is finished with all of them
        # or has none, and a worker whose run was started again meanwhile writes nothing.
        claim.keep(
            status=ThemeRun.Status.DONE,
            progress=100,
            progress_message="",
            answer_count=len(rows),
            summary={**result.summary, "seconds": round(time.monotonic() - started, 2)},
            finished_at=timezone.now(),
        )


def theme_run_restart(*, run_id: int) -> None:
    """Queue again, from the start, a run whose worker stopped part way. Raises CannotRestart
    with the reason when it has not stalled (finished, under way, or already queued again), so
    two clicks queue it once."""
    from analysis.tasks import theme_run_execute_task

    now = timezone.now()
    with transaction.atomic():
        queued = (
            ThemeRun.objects.stalled(now)
            .filter(pk=run_id)
            .update(
                status=ThemeRun.Status.QUEUED,
                progress=0,
                progress_message="",
                error="",
                answer_count=0,
                summary={},
                heartbeat_at=now,
            )
        )
        if not queued:
            raise CannotRestart(_run_not_restarted(ThemeRun.objects.get(pk=run_id)))
        # Runs now write their themes with their finish, but a run stopped under an earlier
        # version could have written them and stopped before finishing.
        AnswerResult.objects.filter(run_id=run_id).delete()
        Theme.objects.filter(run_id=run_id).delete()
        transaction.on_commit(lambda: theme_run_execute_task.enqueue(run_id))


def _run_not_restarted(run: ThemeRun) -> str:
    if run.is_finished():
        return _("This run has finished, so there is nothing to start again.")
    if run.status == ThemeRun.Status.QUEUED:
        return _("This run is already waiting to start.")
    return _("This run is still going, so it was not started again.")


# The pipeline's steps, in order, as it reports them; each moves the progress bar on.
PIPELINE_STEPS = [
    "distinct answers",
    "redaction",
    "themes",
    "training codes",
    "suggesting codes",
    "sentiment",
    "concerns",
    "checking suggestions",
]


def _pipeline_step(report, message: str, steps) -> None:
    name = message.rstrip(".")
    if name in PIPELINE_STEPS:
        done = next(steps, len(PIPELINE_STEPS))
        report(0.05 + 0.85 * (done - 1) / len(PIPELINE_STEPS), f"{name.capitalize()}")


def hand_code(*, answer: Answer, codes: list[str], sentiment: str, by) -> HandCoding:
    """Record an analyst's codes for an answer; the next run trains on them."""
    coding, _created = HandCoding.objects.update_or_create(
        answer=answer,
        defaults={
            "codes": codes,
            "sentiment": sentiment,
            "coded_by": by,
            "coded_at": timezone.now(),
        },
    )
    return coding


def run_findings(run: ThemeRun, *, threshold: int) -> dict:
    """The run's themes with counts by age band, sentiment, collection link, group and
    quarter, and the themes emerging in its latest quarter; small numbers suppressed."""
    themes = list(
        run.themes.values(
            "number", "label", "size", "top_terms", "quotes", "stability", "is_non_answer"
        )
    )
    rows = list(
        run.results.values_list(
            "theme_number",
            "answer__response__band",
            "sentiment",
            "answer__response__link__name",
            "answer__response__link__cohort_tags",
            "answer__response__started_at",
        )
    )
    found = findings.theme_findings(
        themes, [(t, band, s) for t, band, s, *_rest in rows], AgeBand.values, threshold
    )
    links = sorted({link or "" for _t, _b, _s, link, _c, _d in rows})
    cohorts = sorted({tag for *_x, tags, _d in rows for tag in (tags or [])})
    quarters = sorted({findings.quarter_of(started) for *_x, started in rows})
    by_quarter = [(t, findings.quarter_of(started)) for t, *_x, started in rows]
    found["crosstabs"] = [
        findings.crosstab(
            "By collection link",
            themes,
            [(t, link or "") for t, _b, _s, link, _c, _d in rows],
            links,
            threshold,
        ),
        findings.crosstab(
            "By group",
            themes,
            [(t, tag) for t, _b, _s, _l, tags, _d in rows for tag in (tags or [])],
            cohorts,
            threshold,
        ),
        findings.crosstab("By quarter", themes, by_quarter, quarters, threshold),
    ]
    found["code_table"] = run_code_table(run, threshold=threshold)
    found["emerging"] = (
        findings.emerging_themes(themes, by_quarter, quarters[-2], quarters[-1], threshold)
        if len(quarters) >= 2
        else []
    )
    found["periods"] = quarters[-2:]
    return found


def run_code_table(run: ThemeRun, *, threshold: int) -> findings.CrossTab:
    """Answers per code and age band (an answer may carry several codes), suppressed."""
    codes = [
        {"number": key, "label": name} for key, name in Code.objects.values_list("key", "name")
    ]
    pairs = [
        (code, band)
        for codes_of_answer, band in run.results.values_list("codes", "answer__response__band")
        for code in codes_of_answer
    ]
    return findings.crosstab("Codes by age group", codes, pairs, AgeBand.values, threshold)


def run_priority_findings(run: ThemeRun, *, threshold: int) -> dict:
    priorities = [
        (p.pk, p.name, [c.key for c in p.codes.all()], [c.name for c in p.codes.all()])
        for p in Priority.objects.prefetch_related("codes")
    ]
    results = list(
        run.results.values_list("theme_number", "codes", "code_confidence", "redacted_text")
    )
    themes = list(run.themes.values("number", "label", "size", "is_non_answer"))
    return findings.priority_findings(priorities, results, themes, threshold)


def latest_finished_run() -> ThemeRun | None:
    return ThemeRun.objects.filter(status=ThemeRun.Status.DONE).order_by("-finished_at").first()


def action_save(*, form, by) -> Action:
    action = form.save(commit=False)
    action.created_by_id = action.created_by_id or by.pk
    action.updated_at = timezone.now()
    action.save()
    return action


def public_actions(limit: int | None = None):
    """Actions the partnership chose to show children, newest first."""
    actions = Action.objects.filter(is_public=True)
    return actions[:limit] if limit else actions


def report_for_run(run: ThemeRun, *, threshold: int):
    """The annual-report section from a finished run, the priorities and the public actions."""
    from django.db.models import Count, Max, Min

    from analysis import report
    from surveys.models import Response

    responses = Response.objects.filter(version=run.version)
    if run.filters.get("bands"):
        responses = responses.filter(band__in=run.filters["bands"])
    if run.filters.get("links"):
        responses = responses.filter(link_id__in=run.filters["links"])
    if run.filters.get("cohort"):
        responses = responses.filter(link__in=links_tagged(run.filters["cohort"]))
    if run.filters.get("since"):
        responses = responses.filter(started_at__date__gte=date.fromisoformat(run.filters["since"]))
    if run.filters.get("until"):
        responses = responses.filter(started_at__date__lte=date.fromisoformat(run.filters["until"]))
    dates = run.results.aggregate(
        first=Min("answer__response__started_at"), last=Max("answer__response__started_at")
    )
    source = report.ReportSource(
        run=report.RunFacts(
            run_id=run.pk,
            finished_at=timezone.localtime(run.finished_at),
            code_version=run.code_version,
            survey=f"{run.version.survey.title}, version {run.version.number}",
            answers_described=run.describe_filters(),
        ),
        first_response=dates["first"] and timezone.localdate(dates["first"]),
        last_response=dates["last"] and timezone.localdate(dates["last"]),
        bands=[(value, str(label)) for value, label in AgeBand.choices],
        responses_by_band=dict(
            responses.order_by()
            .values_list("band")
            .annotate(n=Count("pk"))
            .values_list("band", "n")
        ),
        themes=list(run.themes.values("number", "label", "quotes", "is_non_answer")),
        answers=list(run.results.values_list("theme_number", "answer__response__band")),
        priority_rows=run_priority_findings(run, threshold=threshold)["priority_rows"],
        actions=[(a.you_said, a.we_did, a.status) for a in public_actions()],
    )
    return report.build_report(source, threshold=threshold)


def answers_import_start(
    *,
    file,
    filename: str,
    text_column: str,
    question_text: str,
    title: str,
    default_band: str,
    id_column: str | None = None,
    band_column: str | None = None,
    cohort_column: str | None = None,
    date_column: str | None = None,
    codes_column: str | None = None,
    by,
    queue: bool = True,
) -> AnswerImport:
    """Keep another tool's CSV export for a background task to import as a published survey of
    one free-text question, handed over once committed. What can be checked quickly is checked
    first: a problem raises imports.ImportProblems and stores nothing. The same file sent again
    while it is being imported (a double submit) gives the import under way."""
    from analysis import imports
    from analysis.tasks import answers_import_task

    data = file.read(imports.MAX_BYTES + 1)
    columns = {
        "text_column": text_column.strip(),
        "id_column": (id_column or "").strip(),
        "band_column": (band_column or "").strip(),
        "cohort_column": (cohort_column or "").strip(),
        "date_column": (date_column or "").strip(),
        "codes_column": (codes_column or "").strip(),
    }
    problems = _import_setting_problems(title=title, question_text=question_text, band=default_band)
    checked = imports.check_file(data, **columns)
    problems += checked.problems
    digest = hashlib.sha256(data).hexdigest()
    if not problems:
        under_way = [
            earlier
            for earlier in _same_file(digest, columns["text_column"])
            if not earlier.is_finished()
        ]
        if under_way:
            return under_way[0]
        problems += _file_imported_before(digest, columns["text_column"])
    if problems:
        raise imports.ImportProblems(problems)
    record = AnswerImport.objects.create(
        title=title.strip(),
        question_text=question_text.strip(),
        default_band=default_band or "",
        file_name=filename[:255],
        file_digest=digest,
        columns={key: value for key, value in columns.items() if value},
        upload=data,
        rows_total=checked.row_total,
        imported_by=by,
    )
    if queue:
        transaction.on_commit(lambda: answers_import_task.enqueue(record.pk))
    return record


def answers_import_execute(*, import_id: int, progress=None) -> AnswerImport:
    """Read every row of a kept upload and write the survey, responses and answers in one
    transaction, or nothing with the problems recorded when any row cannot be imported. Progress
    goes to the import as it goes (and to progress(stage, rows done, rows in all), if given).
    The upload is let go either way."""
    from analysis.imports import ImportProblems

    claim = _Claim.take(AnswerImport, import_id)
    record = AnswerImport.objects.select_related("imported_by").get(pk=import_id)
    if claim is None:
        return record  # taken by another worker, or finished
    report = _ImportProgress(claim, progress)
    try:
        _import_rows(record, report)
    except WorkTakenBack:
        pass  # queued again after this worker fell silent: another worker does it now
    except ImportProblems as problems:
        _import_failed(claim, [problem.message for problem in problems.problems])
    except Exception as problem:  # noqa: BLE001 - any failure is shown on the import's page
        _import_failed(
            claim,
            [
                "The import stopped before it finished, so nothing was imported. Try again; if "
                f"it stops again, tell the service's administrator: "
                f"{type(problem).__name__}: {problem}"[:2000]
            ],
        )
        raise
    finally:
        report.close()
    record.refresh_from_db()
    return record


def answers_import_restart(*, import_id: int) -> None:
    """Queue again, from the start, an import whose worker stopped part way: its upload is still
    kept, as it goes only when the import finishes. Raises CannotRestart with the reason when it
    has not stalled (finished, under way, or already queued again), so two clicks queue it
    once."""
    from analysis import imports
    from analysis.tasks import answers_import_task

    now = timezone.now()
    with transaction.atomic():
        queued = (
            AnswerImport.objects.stalled(now)
            .filter(pk=import_id)
            .update(
                status=AnswerImport.Status.QUEUED,
                stage="",
                rows_done=0,
                problems=[],
                heartbeat_at=now,
            )
        )
        if not queued:
            raise CannotRestart(_import_not_restarted(AnswerImport.objects.get(pk=import_id)))
        # Waiting, the page counts the file's rows; a stop while saving left only those with text.
        upload, columns = AnswerImport.objects.values_list("upload", "columns").get(pk=import_id)
        counted = imports.check_file(bytes(upload), **columns)
        AnswerImport.objects.filter(pk=import_id).update(rows_total=counted.row_total)
        transaction.on_commit(lambda: answers_import_task.enqueue(import_id))


def _import_not_restarted(record: AnswerImport) -> str:
    if record.is_finished():
        return _("This import has finished, so there is nothing to start again.")
    if record.status == AnswerImport.Status.QUEUED:
        return _("This import is already waiting to start.")
    return _("This import is still going, so it was not started again.")


class WorkTakenBack(Exception):
    """The work was queued again after this worker fell silent: it is no longer this worker's."""


class CannotRestart(Exception):
    """Why work was not started again, in words for the person who asked."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class _Claim:
    """A worker's hold on a theme run or an import. Each write stamps a fresh heartbeat, and is
    made only while the work is still this worker's: running, with the heartbeat this worker
    last wrote. A worker that was silent so long its work was started again, then wakes, stops
    at its next write instead of writing over the new attempt."""

    def __init__(self, model, pk: int, beat):
        self.model, self.pk, self.beat = model, pk, beat

    @classmethod
    def take(cls, model, pk: int) -> "_Claim | None":
        """Take queued work; None when it is not queued (another worker took it, or it is
        finished)."""
        now = timezone.now()
        taken = model.objects.filter(pk=pk, status=model.Status.QUEUED).update(
            status=model.Status.RUNNING, heartbeat_at=now
        )
        return cls(model, pk, now) if taken else None

    def write(self, **fields) -> bool:
        """Write the fields if the work is still this worker's, and say whether it was."""
        now = timezone.now()
        held = self.model.objects.filter(
            pk=self.pk, status=self.model.Status.RUNNING, heartbeat_at=self.beat
        ).update(heartbeat_at=now, **fields)
        if held:
            self.beat = now
        return bool(held)

    def keep(self, **fields) -> None:
        """Write as the work goes on; raise WorkTakenBack if it is no longer this worker's."""
        if not self.write(**fields):
            raise WorkTakenBack


class _ImportProgress:
    """Writes an import's stage and rows done to it as the work goes. Inside the import's
    transaction a write would only show when it commits, so there the count goes through a
    connection of its own that commits at once. SQLite lets one connection write at a time:
    there the saving stage's count (and heartbeat) shows when it ends."""

    def __init__(self, claim: _Claim, echo=None):
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


def _import_rows(record: AnswerImport, report: _ImportProgress) -> None:
    from analysis import imports

    columns = {option: record.columns.get(option, "") for option in imports.COLUMN_FIELDS}
    checking, saving = AnswerImport.Stage.CHECKING, AnswerImport.Stage.SAVING
    report(checking, 0, record.rows_total)
    parsed = imports.read_answers(
        bytes(record.upload or b""),
        default_band=record.default_band,
        progress=lambda done, total: report(checking, done, total),
        **columns,
    )
    problems = list(parsed.problems)
    codes, unknown = imports.match_codes(parsed.rows, _codebook_names())
    problems += [unknown] if unknown else []
    if not problems:
        problems += _file_imported_before(record.file_digest, columns["text_column"])
        problems += _rows_imported_before(parsed.rows)
    if problems:
        raise imports.ImportProblems(problems)
    total = len(parsed.rows)
    report(saving, 0, total)
    with _readers_let_in(), transaction.atomic():
        version, answer_ids = _import_write(
            parsed.rows,
            codes,
            title=record.title,
            question_text=record.question_text or parsed.text_header,
            filename=record.file_name,
            by=record.imported_by,
            progress=lambda done: report(saving, done, total),
        )
        # Last, in the import's transaction: a worker whose import was started again meanwhile
        # writes nothing at all.
        report.claim.keep(
            version=version,
            status=AnswerImport.Status.DONE,
            stage="",
            rows_done=total,
            rows_total=total,
            row_count=total,
            source_ids={
                row.source_id: pk
                for row, pk in zip(parsed.rows, answer_ids, strict=True)
                if row.source_id
            },
            upload=None,
            finished_at=timezone.now(),
        )


@contextmanager
def _readers_let_in():
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


def _import_failed(claim: _Claim, messages: list[str]) -> None:
    claim.write(
        status=AnswerImport.Status.FAILED,
        stage="",
        problems=messages,
        upload=None,
        finished_at=timezone.now(),
    )


def _import_setting_problems(*, title: str, question_text: str, band: str) -> list:
    from analysis.imports import BANDS, Problem

    problems = []
    if not title.strip():
        problems.append(Problem("Give the imported survey a title.", "title"))
    elif len(title.strip()) > 200:
        problems.append(Problem("Keep the title to 200 characters or fewer.", "title"))
    if len(question_text.strip()) > 300:
        problems.append(Problem("Keep the question to 300 characters or fewer.", "question_text"))
    if band and band not in BANDS:
        problems.append(Problem(f"Choose the age group from: {', '.join(BANDS)}.", "default_band"))
    return problems


def _codebook_names() -> dict[str, str]:
    names = {}
    for key, name in Code.objects.values_list("key", "name"):
        names[name] = key
        names[key] = key
    return names


def _same_file(digest: str, text_column: str) -> list[AnswerImport]:
    """Imports of the same column of the same file, in any state."""
    imports_of_file = AnswerImport.objects.filter(file_digest=digest).defer("upload")
    return [
        earlier
        for earlier in imports_of_file.select_related("version__survey", "imported_by")
        if earlier.columns.get("text_column", "").lower() == text_column.lower()
    ]


def _file_imported_before(digest: str, text_column: str) -> list:
    from analysis.imports import Problem

    return [
        Problem(
            f"These answers were imported before, as “{earlier.version.survey.title}” on "
            f"{_day(earlier.imported_at)} by {earlier.imported_by}. Theme that survey's question "
            "on the theme runs page instead."
        )
        for earlier in _same_file(digest, text_column)
        if earlier.status == AnswerImport.Status.DONE
    ]


def _rows_imported_before(rows) -> list:
    """Rows with the same id and answer as rows of an earlier import."""
    from analysis.imports import Problem

    problems = []
    given = {row.source_id: row.text for row in rows if row.source_id}
    earlier_imports = AnswerImport.objects.filter(status=AnswerImport.Status.DONE).defer("upload")
    for earlier in earlier_imports.select_related("version__survey", "imported_by"):
        common = sorted(given.keys() & earlier.source_ids.keys())
        if not common:
            continue
        texts = dict(
            Answer.objects.filter(pk__in=[earlier.source_ids[i] for i in common]).values_list(
                "pk", "text"
            )
        )
        repeated = [i for i in common if texts.get(earlier.source_ids[i]) == given[i]]
        if repeated:
            shown = ", ".join(repeated[:5]) + (
                f" and {len(repeated) - 5:,} more" if len(repeated) > 5 else ""
            )
            problems.append(
                Problem(
                    f"{len(repeated):,} of these answers (ids {shown}) were imported before, as "
                    f"“{earlier.version.survey.title}” on {_day(earlier.imported_at)} by "
                    f"{earlier.imported_by}. Remove those rows to import the rest.",
                    "id_column",
                )
            )
    return problems


def _import_write(rows, codes, *, title: str, question_text: str, filename: str, by, progress):
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
        description=f"Imported from {filename} by {by} on {_day(now)}.",
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


def _day(moment) -> str:
    from django.utils.dateformat import format as date_format

    return date_format(timezone.localtime(moment), "j M Y")
