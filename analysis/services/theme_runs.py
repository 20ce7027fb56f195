"""Theme runs: the answers a run reads, starting it, doing the work in a background worker and
starting again a run whose worker stopped part way."""

import hashlib
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date
from importlib import metadata
from pathlib import Path

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from analysis.models import AnswerResult, Code, Theme, ThemeRun
from analysis.services.claims import CannotRestart, Claim, WorkTakenBack
from surveys.models import Answer, CollectionLink, SurveyVersion

# What makes a run's results: the pure pipeline's modules, its data and the libraries it uses.
PIPELINE_FILES = (
    "pipeline.py",
    "themes.py",
    "coding.py",
    "codebook.py",
    "sentiment.py",
    "redact.py",
    "text.py",
    "concerns/*.py",
    "data/*",
)
PIPELINE_LIBRARIES = ("scikit-learn", "numpy", "scipy", "nltk", "vaderSentiment", "pandas")


def pipeline_digest(root: Path, files=PIPELINE_FILES, libraries=PIPELINE_LIBRARIES) -> str:
    """Eight hex digits that change whenever the pipeline's code, data or libraries do."""
    digest = hashlib.sha256()
    for path in sorted(found for pattern in files for found in root.glob(pattern)):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    for library in libraries:
        digest.update(f"{library}=={metadata.version(library)}".encode())
    return digest.hexdigest()[:8]


# Bump the number when the pipeline changes on purpose; the digest follows every change anyway.
CODE_VERSION = f"analysis-1+{pipeline_digest(Path(__file__).resolve().parents[1])}"
RESULTS_BATCH = 2000


def links_tagged(cohort: str) -> list[int]:
    """Links carrying this cohort tag. Read in Python: links are few, and SQLite (the embedded
    default) cannot look inside a JSON list."""
    tagged = CollectionLink.objects.exclude(cohort_tags=[]).values_list("pk", "cohort_tags")
    return [pk for pk, tags in tagged if cohort in (tags or [])]


def answers_for(
    *, version: SurveyVersion, filters: dict, also_versions: Iterable[SurveyVersion] = ()
) -> QuerySet[Answer]:
    """Free-text answers of a version, partial responses included, narrowed by the filters, and
    those of the versions also chosen. The question and the links belong to the main version,
    so they narrow only its answers; age groups, the group and the dates narrow every one."""
    scope = Q(response__version=version)
    if filters.get("question"):
        scope &= Q(question_id=filters["question"])
    if filters.get("links"):
        scope &= Q(response__link_id__in=filters["links"])
    also_versions = list(also_versions)
    if also_versions:
        scope |= Q(response__version__in=also_versions)
    answers = Answer.objects.free_text().filter(scope)
    if filters.get("bands"):
        answers = answers.filter(response__band__in=filters["bands"])
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


def versions_with_free_text() -> QuerySet[SurveyVersion]:
    """Published survey versions, imports among them, that have free-text answers to theme."""
    return (
        SurveyVersion.objects.filter(status=SurveyVersion.Status.PUBLISHED)
        .filter(Exists(Answer.objects.free_text().filter(response__version=OuterRef("pk"))))
        .select_related("survey", "answer_import")
        .order_by("survey__title", "number")
    )


def run_answers(run: ThemeRun) -> QuerySet[Answer]:
    """The answers a run themes, from its own version and the ones added to it."""
    return answers_for(
        version=run.version, filters=run.filters, also_versions=run.also_versions.all()
    )


def theme_run_start(
    *,
    version: SurveyVersion,
    filters: dict,
    n_themes: int | None,
    by,
    also_versions: Sequence[SurveyVersion] = (),
    queue: bool = True,
) -> ThemeRun:
    """Store the run's request and, unless the caller does the work itself, hand it to the
    background worker once committed. also_versions: other surveys or imports whose free-text
    answers are themed with the version's."""
    from analysis.tasks import theme_run_execute_task

    also_ids = sorted({other.pk for other in also_versions} - {version.pk})
    with transaction.atomic():
        run = ThemeRun.objects.create(
            version=version,
            filters=filters,
            parameters={"n_themes": n_themes, "random_state": 0, "also_versions": also_ids},
            code_version=CODE_VERSION,
            created_by=by,
        )
        run.also_versions.set(also_ids)
    if queue:
        transaction.on_commit(lambda: theme_run_execute_task.enqueue(run.pk))
    return run


def theme_run_execute(*, run_id: int, progress=None) -> ThemeRun:
    """Run the pipeline over the run's answers and store themes and per-answer results."""
    run = ThemeRun.objects.select_related("version").get(pk=run_id)
    claim = Claim.take(ThemeRun, run.pk)
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


def _execute(run: ThemeRun, claim: "Claim", progress) -> None:
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
        run_answers(run).values_list(
            "pk", "text", "hand_coding__codes", "hand_coding__sentiment", "response__version"
        )
    )
    versions = [run.version_id, *run.also_versions.order_by("pk").values_list("pk", flat=True)]
    settings_names = list(
        CollectionLink.objects.filter(version__in=versions).values_list("name", flat=True)
    )
    codebook = codebook_from_records(
        [
            {
                "code": c["key"],
                "name": c["name"],
                "description": c["description"],
                "examples": c["examples"],
            }
            for c in Code.objects.in_use().values("key", "name", "description", "examples")
        ]
    )
    retired = set(Code.objects.retired().values_list("key", flat=True))
    steps = iter(range(1, len(PIPELINE_STEPS) + 1))
    result = pipeline.analyse_texts(
        [text for _pk, text, _c, _s, _v in rows],
        ids=[pk for pk, _t, _c, _s, _v in rows],
        given_codes=[codes or [] for _pk, _t, codes, _s, _v in rows],
        given_sentiments=[sentiment or None for _pk, _t, _c, sentiment, _v in rows],
        codebook=codebook,
        n_themes=run.parameters.get("n_themes"),
        extra_names=settings_names,
        retired_codes=retired,
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
                for (pk, _t, _c, _s, _v), row in zip(rows, result.answers, strict=True)
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
            summary={
                **result.summary,
                # Which versions the answers came from, and how many each, to reproduce the run.
                "sources": _answers_by_version(versions, [v for *_row, v in rows]),
                "seconds": round(time.monotonic() - started, 2),
            },
            finished_at=timezone.now(),
        )


def _answers_by_version(versions: list[int], answered: list[int]) -> list[dict]:
    counts = Counter(answered)
    return [{"version": pk, "answers": counts[pk]} for pk in versions]


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
