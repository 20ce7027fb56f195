"""The annual-report section, "What children and young people told us and what changed", as
plain data a page or a document draws. Pure: `build_report` takes what the database holds as
plain rows (gathered by `services.report_for_run`) and suppresses every small number.

Counts of answers by theme and age band are suppressed as one table with its row and column
totals inside it, so a hidden count cannot be worked out from the totals shown anywhere in the
report. Shares and quotes go wherever their count goes.
"""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from analysis.charts import Bar, Group
from analysis.findings import PriorityRow
from analysis.suppression import Cell, is_small, suppress_table, theme_label_shown

TITLE = "What children and young people told us and what changed"
QUOTES_PER_THEME = 2


@dataclass(frozen=True)
class RunFacts:
    """Which run the report comes from, so every number can be traced."""

    run_id: int
    finished_at: datetime
    code_version: str
    survey: str
    answers_described: str
    sources: Sequence[str] = ()  # the surveys and imports its answers come from, its own first

    def stamp(self) -> str:
        return (
            f"Theme run {self.run_id}, finished {_day(self.finished_at)}, "
            f"analysis code {self.code_version}"
        )


@dataclass(frozen=True)
class ReportSource:
    """Everything the report reads, as plain data."""

    run: RunFacts
    first_response: date | None
    last_response: date | None
    bands: Sequence[tuple[str, str]]  # (value, label), in order
    responses_by_band: dict[str, int]  # responses of the run's version matching its filters
    themes: Sequence[dict]  # number, label, quotes (redacted), is_non_answer
    answers: Sequence[tuple[int, str]]  # (theme number, age band) per answer of the run
    priority_rows: Sequence[PriorityRow]  # already suppressed by findings.priority_findings
    actions: Sequence[tuple[str, str, str]]  # public actions: you said, we did, status


@dataclass(frozen=True)
class ReportTheme:
    label: str
    answers: Cell
    share: str  # "" when the count is hidden
    quotes: list[str]  # empty for groups smaller than the threshold
    by_band: list[Cell]
    is_non_answer: bool = False


@dataclass(frozen=True)
class ReportPriority:
    name: str
    answers: Cell
    share: str
    quotes: list[str]


@dataclass(frozen=True)
class ReportAction:
    you_said: str
    we_did: str
    status: str  # an Action.Status value

    def lead(self) -> str:
        """What the partnership says before what it did, as on the public page."""
        return {"done": "We did:", "under_way": "We are doing:"}.get(self.status, "We plan to:")


@dataclass(frozen=True)
class Report:
    title: str
    run: RunFacts
    threshold: int
    first_response: date | None
    last_response: date | None
    bands: list[str]  # labels of the age bands shown, in order
    taking_part: list[tuple[str, Cell]]
    taking_part_total: Cell
    themes: list[ReportTheme]  # shown themes largest first, then hidden ones, then non-answers
    band_totals: list[Cell]
    answers_total: Cell
    priorities: list[ReportPriority]
    actions: list[ReportAction]
    method: list[str] = field(default_factory=list)

    def period(self) -> str:
        if not self.first_response:
            return "No answers yet"
        return f"{_day(self.first_response)} to {_day(self.last_response)}"

    def theme_bars(self) -> list[Bar]:
        return [
            Bar.from_cell(t.label, t.answers, f"{t.answers} ({t.share})")
            for t in self.themes
            if not t.is_non_answer
        ]

    def band_groups(self) -> list[Group]:
        return [
            (t.label, [Bar.from_cell(b, c) for b, c in zip(self.bands, t.by_band, strict=True)])
            for t in self.themes
            if not t.is_non_answer
        ]


def build_report(source: ReportSource, *, threshold: int) -> Report:
    """The report's content from a run's plain rows, with small numbers suppressed."""
    bands = [
        (value, label)
        for value, label in source.bands
        if source.responses_by_band.get(value) or any(b == value for _t, b in source.answers)
    ]
    taking_part, taking_part_total = _taking_part(source, bands, threshold)
    themes, band_totals, answers_total = _themes(source, bands, threshold)
    return Report(
        title=TITLE,
        run=source.run,
        threshold=threshold,
        first_response=source.first_response,
        last_response=source.last_response,
        bands=[label for _value, label in bands],
        taking_part=taking_part,
        taking_part_total=taking_part_total,
        themes=themes,
        band_totals=band_totals,
        answers_total=answers_total,
        priorities=[
            ReportPriority(
                row.name, row.answers, _percent(row.share), list(row.quotes)[:QUOTES_PER_THEME]
            )
            for row in source.priority_rows
        ],
        actions=[ReportAction(*action) for action in source.actions],
        method=_method(source.run, threshold),
    )


def _taking_part(source: ReportSource, bands, threshold: int) -> tuple[list, Cell]:
    counts = [source.responses_by_band.get(value, 0) for value, _label in bands]
    # The total is a cell of the one column, so one hidden band cannot be found by subtraction.
    cells = suppress_table([[n] for n in counts] + [[sum(counts)]], threshold)
    return [(label, row[0]) for (_v, label), row in zip(bands, cells, strict=False)], cells[-1][0]


def _themes(source: ReportSource, bands, threshold: int):
    """Themes with their answers by band, suppressed as one table with its totals inside."""
    by_theme_band = Counter(source.answers)
    themes = [t for t in source.themes if any(n == t["number"] for n, _b in source.answers)]
    table = [[by_theme_band[(t["number"], value)] for value, _label in bands] for t in themes]
    table = [row + [sum(row)] for row in table]
    table.append([sum(column) for column in zip(*table, strict=True)] or [0] * (len(bands) + 1))
    cells = suppress_table(table, threshold)
    total = len(source.answers)
    rows = []
    for theme, row, counts in zip(themes, cells, table, strict=False):
        size = row[-1]
        small = is_small(counts[-1], threshold)
        report_theme = ReportTheme(
            label=theme_label_shown(
                theme["label"], counts[-1], threshold, is_non_answer=theme["is_non_answer"]
            ),
            answers=size,
            share="" if size.suppressed else _percent(size.value / max(total, 1)),
            quotes=[]
            if theme["is_non_answer"] or small
            else list(theme["quotes"])[:QUOTES_PER_THEME],
            by_band=row[:-1],
            is_non_answer=theme["is_non_answer"],
        )
        rows.append((theme["label"].lower(), report_theme))
    # Hidden themes go after shown ones in the order of their stored labels: a place among the
    # shown sizes would bound the hidden count, and the stored label says nothing of size.
    rows.sort(
        key=lambda pair: (
            pair[1].is_non_answer,
            pair[1].answers.suppressed,
            0 if pair[1].answers.suppressed else -pair[1].answers.value,
            pair[0],
        )
    )
    return [t for _label, t in rows], cells[-1][:-1], cells[-1][-1]


def _method(run: RunFacts, threshold: int) -> list[str]:
    return [
        f"This section comes from {run.stamp()}.",
        f"Answers: {run.survey}; {run.answers_described}.",
        *_sources_sentence(run),
        "Themes were found automatically from children's own words and checked by analysts.",
        "Shares are of all answers to the survey's free-text questions in the run; one child "
        "may have answered more than one of them. Taking part counts each response once, "
        "finished or not.",
        f"Counts smaller than {threshold} are shown as \u201cfewer than {threshold}\u201d, and "
        "other counts that would let them be worked out from totals as \u201chidden\u201d. "
        f"Nothing is quoted from a group smaller than {threshold}, and a theme of fewer than "
        f"{threshold} answers is not named, as its name would come from a few children's words.",
        "Quotes are redacted: names, places, contact details and anything else that could "
        "identify someone are taken out.",
    ]


def _sources_sentence(run: RunFacts) -> list[str]:
    """Which surveys and imports the answers came from, when there are more than the run's own."""
    if len(run.sources) < 2:
        return []
    return [
        "It draws on answers from "
        + "; ".join(run.sources)
        + ". Themes were found in all of them together."
    ]


def _percent(share: float | None) -> str:
    if share is None:
        return ""
    if 0 < share < 0.005:
        return "less than 1%"
    return f"{round(100 * share)}%"


def _day(moment: date) -> str:
    return f"{moment.day} {moment:%B %Y}"
