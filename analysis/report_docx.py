"""The annual-report section as a Word document, ready to paste into the statutory report:
headings, tables, the charts as pictures with alt text, and quotes in the Quote style."""

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm

from analysis import charts
from analysis.report import Report

CHART_WIDTH = Cm(12)
THEMES_CHART = "Answers by theme"
BANDS_CHART = "Answers by theme and age group"


def report_document(report: Report) -> bytes:
    document = Document()
    document.core_properties.title = report.title
    document.core_properties.subject = report.run.stamp()
    document.sections[0].footer.paragraphs[0].text = report.run.stamp()
    document.add_heading(report.title, level=1)
    document.add_paragraph(f"Answers given {report.period()}. {report.run.stamp()}.")
    _taking_part(document, report)
    _themes(document, report)
    _themes_by_band(document, report)
    _priorities(document, report)
    _actions(document, report)
    document.add_heading("How we found this", level=2)
    for sentence in report.method:
        document.add_paragraph(sentence)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _taking_part(document, report: Report) -> None:
    document.add_heading("Who took part", level=2)
    _table(
        document,
        ["Age group", "Children and young people"],
        [[label, str(cell)] for label, cell in report.taking_part]
        + [["All", str(report.taking_part_total)]],
    )


def _themes(document, report: Report) -> None:
    document.add_heading("What children and young people told us", level=2)
    bars = report.theme_bars()
    png = charts.bar_chart_png(bars, title=THEMES_CHART)
    _chart(document, png, THEMES_CHART, [("", bars)], report)
    for theme in report.themes:
        document.add_heading(theme.label, level=3)
        share = f" ({theme.share} of all answers)" if theme.share else ""
        document.add_paragraph(f"Answers: {theme.answers}{share}.")
        for quote in theme.quotes:
            document.add_paragraph(f"\u201c{quote}\u201d", style="Quote")


def _themes_by_band(document, report: Report) -> None:
    if not report.bands:
        return
    document.add_heading("Themes by age group", level=2)
    groups = report.band_groups()
    png = charts.grouped_bar_chart_png(groups, title=BANDS_CHART)
    _chart(document, png, BANDS_CHART, groups, report)
    _table(
        document,
        ["Theme", *report.bands, "All"],
        [[t.label, *map(str, t.by_band), str(t.answers)] for t in report.themes]
        + [["All answers", *map(str, report.band_totals), str(report.answers_total)]],
    )


def _priorities(document, report: Report) -> None:
    document.add_heading("What children said about our priorities", level=2)
    if not report.priorities:
        document.add_paragraph("No priorities have been set yet.")
    for row in report.priorities:
        document.add_heading(row.name, level=3)
        share = f" ({row.share} of all answers)" if row.share else ""
        document.add_paragraph(f"Answers: {row.answers}{share}.")
        for quote in row.quotes:
            document.add_paragraph(f"\u201c{quote}\u201d", style="Quote")


def _actions(document, report: Report) -> None:
    document.add_heading("You said, we did", level=2)
    if not report.actions:
        document.add_paragraph("Nothing has been recorded yet.")
    for action in report.actions:
        said = document.add_paragraph()
        said.add_run("You said: ").bold = True
        said.add_run(action.you_said)
        did = document.add_paragraph()
        did.add_run(f"{action.lead()} ").bold = True
        did.add_run(action.we_did)


def _chart(document, png: bytes, title: str, groups, report: Report) -> None:
    shape = document.add_picture(io.BytesIO(png), width=CHART_WIDTH)
    # python-docx has no setter for a picture's alt text; screen readers read docPr's descr.
    shape._inline.docPr.set("descr", f"{title}. {charts.describe(groups)}")
    caption = document.add_paragraph(f"From {report.run.stamp()}.")
    caption.runs[0].italic = True


def _table(document, header: list[str], rows: list[list[str]]) -> None:
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for values in rows:
        cells = table.add_row().cells
        for index, (cell, text) in enumerate(zip(cells, values, strict=True)):
            cell.text = text
            if index:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.add_paragraph()
