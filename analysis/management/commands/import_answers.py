"""Import another survey tool's CSV export as a survey whose answers theme runs can read. The
command does the work itself, with a progress bar, rather than queueing it for a worker."""

import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from analysis import services
from analysis.imports import ImportProblems
from analysis.models import AnswerImport

BAR_WIDTH = 30


class Command(BaseCommand):
    help = (
        "Import answers from a CSV file (one answer per row) as a new published survey with one "
        "free-text question. No answer is stored unless every row can be read."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV file with a header row")
        parser.add_argument("--text-column", required=True, help="the column with the answers")
        parser.add_argument("--title", required=True, help="the new survey's title")
        parser.add_argument("--by", required=True, help="username of the analyst importing")
        parser.add_argument("--question", default="", help="wording; default: the column's name")
        parser.add_argument("--default-band", default="", help="age band of rows without one")
        parser.add_argument("--id-column")
        parser.add_argument("--band-column")
        parser.add_argument("--cohort-column")
        parser.add_argument("--date-column")
        parser.add_argument("--codes-column", help="codebook names or keys, ';' or ',' between")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No file at {path}.")
        by = get_user_model().objects.filter(username=options["by"]).first()
        if by is None:
            raise CommandError(f"No user called {options['by']!r}.")
        try:
            with path.open("rb") as file:
                started = services.answers_import_start(
                    file=file,
                    filename=path.name,
                    text_column=options["text_column"],
                    question_text=options["question"],
                    title=options["title"],
                    default_band=options["default_band"],
                    id_column=options["id_column"],
                    band_column=options["band_column"],
                    cohort_column=options["cohort_column"],
                    date_column=options["date_column"],
                    codes_column=options["codes_column"],
                    by=by,
                    queue=False,
                )
        except ImportProblems as problems:
            raise CommandError("\n".join(p.message for p in problems.problems)) from problems
        imported = services.answers_import_execute(import_id=started.pk, progress=_bar)
        sys.stderr.write("\n")
        if not imported.is_finished():
            raise CommandError(f"The same file is being imported already (import {imported.pk}).")
        if imported.status == AnswerImport.Status.FAILED:
            raise CommandError("\n".join(imported.problems))
        self.stdout.write(
            f"Imported {imported.row_count} answers as “{imported.version.survey.title}” "
            f"(survey version {imported.version.pk})."
        )


def _bar(stage: str, done: int, total: int) -> None:
    filled = BAR_WIDTH * done // total if total else 0
    sys.stderr.write(
        f"\r[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {done:,} of {total:,} {stage.lower():<20}"
    )
    sys.stderr.flush()
