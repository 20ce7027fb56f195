"""A finished theme run as files: answers with themes, codes and sentiment (redacted text only),
and the themes with small numbers suppressed. CSV, XLSX (one sheet per table) and JSON.

The answers are row-level data for analysts: small groups can be counted from them, so each
file that holds them says it is not for publication (the CSV in its name, so it stays plain
CSV). The annual-report section and the summary tables are the outputs to publish."""

import csv
import io
import json

from openpyxl import Workbook

from analysis import services
from analysis.models import ThemeRun

ANSWER_COLUMNS = [
    "answer_id",
    "source",
    "age_band",
    "collection_link",
    "status",
    "question",
    "theme",
    "theme_label",
    "codes",
    "code_confidence",
    "codes_by_hand",
    "sentiment",
    "concern",
    "redacted_text",
]
THEME_COLUMNS = ["theme", "label", "answers", "share", "stability", "top_terms", "quotes"]
FILE_NAMES = {
    "csv": "theme-run-{pk}-answers-not-for-publication.csv",
    "xlsx": "theme-run-{pk}.xlsx",
    "json": "theme-run-{pk}.json",
}


def answers_notice(threshold: int, holder: str) -> str:
    """Why the individual answers in a file are not for publication; holder: what holds them."""
    return (
        f"Not for publication. {holder} holds individual answers, for analysts. Small groups "
        f"are not suppressed in them: counts smaller than {threshold} can be worked out from "
        "them. Publish the annual-report section and the summary tables instead."
    )


def file_name(run: ThemeRun, kind: str) -> str:
    return FILE_NAMES[kind].format(pk=run.pk)


def answer_rows(run: ThemeRun, threshold: int) -> list[list]:
    labels = {theme.number: theme.label_shown(threshold) for theme in run.themes.all()}
    sources = services.run_source_names(run)
    rows = run.results.select_related("answer__response__link", "answer__question").order_by(
        "answer_id"
    )
    return [
        [
            r.answer_id,
            sources[r.answer.response.version_id],
            r.answer.response.band,
            r.answer.response.link.name if r.answer.response.link else "",
            r.answer.response.status,
            r.answer.question.key,
            r.theme_number,
            labels.get(r.theme_number, ""),
            ";".join(r.codes),
            round(r.code_confidence, 3),
            r.codes_by_hand,
            r.sentiment,
            r.concern,
            r.redacted_text,
        ]
        for r in rows
    ]


def theme_rows(run: ThemeRun, threshold: int) -> list[list]:
    """Themes smaller than the threshold lose their label, words, counts and quotes; a size
    hidden on the run's page, so a small one cannot be worked out, is hidden here too."""
    sizes = services.run_theme_sizes(run, threshold=threshold)
    rows = []
    for theme in run.themes.all():
        size = sizes[theme.number]
        small = theme.size < threshold
        rows.append(
            [
                theme.number,
                theme.label_shown(threshold),
                str(size),
                "" if size.suppressed else round(theme.share, 4),
                round(theme.stability, 3),
                "" if small else "; ".join(theme.top_terms),
                "" if small else " | ".join(theme.quotes[:3]),
            ]
        )
    return rows


def export_csv(run: ThemeRun, *, threshold: int) -> tuple[bytes, str]:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(ANSWER_COLUMNS)
    writer.writerows(answer_rows(run, threshold))
    return out.getvalue().encode("utf-8-sig"), "text/csv; charset=utf-8"


def export_xlsx(run: ThemeRun, *, threshold: int) -> tuple[bytes, str]:
    book = Workbook()
    read_me = book.active
    read_me.title = "Read me"
    read_me.append(["Not for publication"])
    read_me.append([answers_notice(threshold, "The Answers sheet")])
    read_me.append(
        [
            "The other sheets are summary tables: counts smaller than "
            f"{threshold} are suppressed in them, so they may be published."
        ]
    )
    read_me.column_dimensions["A"].width = 120
    themes = book.create_sheet("Themes")
    themes.append(THEME_COLUMNS)
    for row in theme_rows(run, threshold):
        themes.append(row)
    found = services.run_findings(run, threshold=threshold)
    by_band = book.create_sheet("Themes by age group")
    by_band.append(["theme", *found["bands"]])
    for row in found["theme_rows"]:
        by_band.append([row.label, *[_cell(c) for c in row.by_band]])
    by_band.append(["All answers", *[_cell(c) for c in found["band_totals"]]])
    # An answer can carry several codes: the codes' totals count codes given, not answers.
    tables = [("Codes by age group", found["code_table"], "All codes given")]
    tables += [(f"Themes {tab.title.lower()}", tab, "All answers") for tab in found["crosstabs"]]
    tables += [
        (f"Codes {tab.title.lower()}", tab, "All codes given") for tab in found["code_crosstabs"]
    ]
    for title, tab, totals_label in tables:
        sheet = book.create_sheet(title[:31])
        sheet.append(["", *tab.columns])
        for label, cells in tab.rows:
            sheet.append([label, *[_cell(c) for c in cells]])
        sheet.append([totals_label, *[_cell(c) for c in tab.totals]])
    answers = book.create_sheet("Answers")
    answers.append(ANSWER_COLUMNS)
    for row in answer_rows(run, threshold):
        answers.append(row)
    about = book.create_sheet("About this run")
    for key, value in [
        ("Run", run.pk),
        ("Survey", str(run.version)),
        ("Surveys and imports", "; ".join(services.run_source_names(run).values())),
        ("Answers", run.answer_count),
        ("Filters", run.describe_filters()),
        ("Parameters", json.dumps(run.parameters)),
        ("Code version", run.code_version),
        ("Finished", run.finished_at.isoformat() if run.finished_at else ""),
        (
            "Small numbers",
            f"Counts under {threshold} are shown as 'fewer than {threshold}'. A theme of "
            f"fewer than {threshold} answers is shown without its label, words or quotes.",
        ),
    ]:
        about.append([key, value])
    out = io.BytesIO()
    book.save(out)
    return (
        out.getvalue(),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def _cell(cell):
    """A number where it may be shown; the words saying why where it is hidden."""
    return str(cell) if cell.suppressed else cell.value


def export_json(run: ThemeRun, *, threshold: int) -> tuple[bytes, str]:
    document = {
        "notice": answers_notice(threshold, 'The "answers" list'),
        "run": {
            "id": run.pk,
            "survey": str(run.version),
            "sources": [
                {"version": pk, "name": name} for pk, name in services.run_source_names(run).items()
            ],
            "filters": run.filters,
            "parameters": run.parameters,
            "code_version": run.code_version,
            "answers": run.answer_count,
        },
        "themes": [
            dict(zip(THEME_COLUMNS, row, strict=True)) for row in theme_rows(run, threshold)
        ],
        "answers": [
            dict(zip(ANSWER_COLUMNS, row, strict=True)) for row in answer_rows(run, threshold)
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode(), "application/json"


EXPORTERS = {"csv": export_csv, "xlsx": export_xlsx, "json": export_json}
