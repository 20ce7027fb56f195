"""Start a theme run from the command line and watch it to the end, with a progress bar."""

import sys

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from analysis import services
from surveys.models import AgeBand, Question, SurveyVersion

BAR_WIDTH = 30


class Command(BaseCommand):
    help = "Theme the free-text answers of a published survey version, as the analyst page does."

    def add_arguments(self, parser):
        parser.add_argument("question", help="key of a free-text question, e.g. one-change")
        parser.add_argument("--survey-version", type=int, help="version id (default: latest)")
        parser.add_argument("--by", required=True, help="username the run is recorded against")
        parser.add_argument("--band", action="append", dest="bands", choices=AgeBand.values)
        parser.add_argument("--themes", type=int, dest="n_themes", help="fix the number of themes")
        parser.add_argument(
            "--also-version",
            type=int,
            action="append",
            dest="also_versions",
            default=[],
            help="id of another survey version or import whose free-text answers to theme too "
            "(repeat for more)",
        )

    def handle(self, *args, **options):
        questions = Question.objects.filter(
            key=options["question"], step__version__status=SurveyVersion.Status.PUBLISHED
        ).select_related("step__version")
        if options["survey_version"]:
            questions = questions.filter(step__version_id=options["survey_version"])
        question = questions.order_by("-step__version__published_at").first()
        if question is None or not question.is_free_text():
            raise CommandError(
                f"No free-text question {options['question']!r} in a published survey."
            )
        version = question.step.version
        user = get_user_model().objects.filter(username=options["by"]).first()
        if user is None:
            raise CommandError(f"No user {options['by']!r}.")
        if options["n_themes"] is not None and not 2 <= options["n_themes"] <= 40:
            raise CommandError("--themes must be from 2 to 40.")
        also_versions = _also_versions(options["also_versions"], version)
        filters = {"question": question.pk}
        if options["bands"]:
            filters["bands"] = options["bands"]
        run = services.theme_run_start(
            version=version,
            filters=filters,
            n_themes=options["n_themes"],
            also_versions=also_versions,
            by=user,
            queue=False,
        )
        # This process does the work itself rather than queueing it for a worker.
        run = services.theme_run_execute(run_id=run.pk, progress=_bar)
        sys.stderr.write("\n")
        self.stdout.write(
            f"Theme run {run.pk}: {run.answer_count} answers, "
            f"{run.themes.filter(is_non_answer=False).count()} themes "
            f"({run.summary.get('seconds', 0)} s)."
        )


def _also_versions(ids: list[int], version: SurveyVersion) -> list[SurveyVersion]:
    """The versions asked for, as the start form takes them: published, with free-text answers,
    and not the question's own."""
    if version.pk in ids:
        raise CommandError(
            f"Version {version.pk} is the question's own: its answers are in already."
        )
    found = {other.pk: other for other in services.versions_with_free_text().filter(pk__in=ids)}
    missing = sorted(set(ids) - set(found))
    if missing:
        raise CommandError(
            f"No published survey version or import with free-text answers has the id "
            f"{', '.join(map(str, missing))}."
        )
    return list(found.values())


def _bar(fraction: float, message: str) -> None:
    filled = int(BAR_WIDTH * fraction)
    sys.stderr.write(
        f"\r[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {fraction:4.0%} {message:<30}"
    )
    sys.stderr.flush()
