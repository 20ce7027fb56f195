"""Run the whole text analysis on a CSV file, no database needed."""

import csv
import json
import sys
from pathlib import Path

import pandas as pd
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from analysis.coding import CodebookError, load_codebook
from analysis.pipeline import analyse_frame


class Command(BaseCommand):
    help = (
        "Themes, codes, sentiment, concerns and redacted text for the answers in a CSV file. "
        "Writes answers.csv, themes.csv and summary.json to --out."
    )

    def add_arguments(self, parser):
        parser.add_argument("input", help="CSV file with one answer per row")
        parser.add_argument("--text-column", required=True)
        parser.add_argument("--id-column")
        parser.add_argument("--codes-column", help="analyst's codes, ';' between, blank if none")
        parser.add_argument("--codebook", help="codebook as JSON or CSV; default: safeguarding")
        parser.add_argument("--themes", type=int, dest="n_themes", help="fix the number of themes")
        parser.add_argument("--out", required=True, help="folder for the three output files")
        parser.add_argument(
            "--min-group",
            type=int,
            default=settings.SMALL_NUMBER_THRESHOLD,
            help=(
                "themes.csv leaves unnamed, unquoted and uncounted a theme of fewer answers "
                f"than this (default {settings.SMALL_NUMBER_THRESHOLD}, as on the service's "
                "pages); answers.csv is not changed"
            ),
        )

    def handle(self, *args, **options):
        frame = _read_csv(Path(options["input"]))
        for option in ("text_column", "id_column", "codes_column"):
            column = options[option]
            if column and column not in frame.columns:
                names = ", ".join(map(str, frame.columns))
                raise CommandError(f"The file has no column {column!r}. Its columns: {names}.")
        codebook = None
        if options["codebook"]:
            try:
                codebook = load_codebook(options["codebook"])
            except CodebookError as error:
                raise CommandError(str(error)) from error
        if options["n_themes"] is not None and options["n_themes"] < 1:
            raise CommandError("--themes must be 1 or more.")
        if options["min_group"] < 1:
            raise CommandError("--min-group must be 1 or more.")
        answers, themes, summary = analyse_frame(
            frame,
            text_column=options["text_column"],
            id_column=options["id_column"],
            codes_column=options["codes_column"],
            codebook=codebook,
            n_themes=options["n_themes"],
            progress=_Progress(),
            min_group=options["min_group"],
        )
        out = Path(options["out"])
        out.mkdir(parents=True, exist_ok=True)
        answers.to_csv(out / "answers.csv", index=False)
        themes.to_csv(out / "themes.csv", index=False)
        (out / "summary.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
        self.stdout.write(f"{len(answers)} answers, {summary['counts']['themes']} themes -> {out}")


def _read_csv(path: Path) -> pd.DataFrame:
    if not path.is_file():
        raise CommandError(f"No file at {path}.")
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except pd.errors.EmptyDataError as error:
        raise CommandError(f"{path} is empty: it needs a header row and answers.") from error
    except (pd.errors.ParserError, UnicodeDecodeError, csv.Error) as error:
        raise CommandError(f"{path} is not a readable CSV file: {error}") from error
    if frame.empty:
        raise CommandError(f"{path} has a header but no answers.")
    return frame


class _Progress:
    """Steps and elapsed time on stderr, so stdout stays clean for scripts."""

    def __init__(self):
        import time

        self._clock = time.perf_counter
        self._started = self._clock()

    def __call__(self, message: str) -> None:
        sys.stderr.write(f"\r[{self._clock() - self._started:6.1f}s] {message:<60}")
        if message.endswith("..."):
            sys.stderr.write("\n")
        sys.stderr.flush()
