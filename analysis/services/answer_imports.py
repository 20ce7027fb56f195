"""Importing another tool's CSV export of answers: keeping the upload, checking it, importing it
in a background worker and starting again an import whose worker stopped part way."""

import hashlib

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from analysis.models import AnswerImport, Code
from analysis.services.claims import CannotRestart, Claim, WorkTakenBack
from analysis.services.import_writes import ImportProgress, format_day, import_write, readers_let_in
from surveys.models import Answer


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

    claim = Claim.take(AnswerImport, import_id)
    record = AnswerImport.objects.select_related("imported_by").get(pk=import_id)
    if claim is None:
        return record  # taken by another worker, or finished
    report = ImportProgress(claim, progress)
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


def _import_rows(record: AnswerImport, report: ImportProgress) -> None:
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
    with readers_let_in(), transaction.atomic():
        version, answer_ids = import_write(
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


def _import_failed(claim: Claim, messages: list[str]) -> None:
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
            f"{format_day(earlier.imported_at)} by {earlier.imported_by}. Theme that survey's "
            "question on the theme runs page instead."
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
                    f"“{earlier.version.survey.title}” on {format_day(earlier.imported_at)} by "
                    f"{earlier.imported_by}. Remove those rows to import the rest.",
                    "id_column",
                )
            )
    return problems
