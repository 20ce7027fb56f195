"""Findings from a theme run's results as tables a person can read, with small numbers
suppressed. Pure: takes plain rows, returns plain data; no database access."""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from analysis.suppression import Cell, is_small, suppress_table, suppress_total

SENTIMENTS = ["negative", "neutral", "positive"]


@dataclass(frozen=True)
class ThemeRow:
    number: int
    label: str
    size: Cell
    share: float | None  # None when the size is suppressed
    stability: float
    top_terms: list[str]
    quotes: list[str]  # empty when the theme is too small to quote
    sentiment: list[Cell]  # in SENTIMENTS order
    by_band: list[Cell]
    bar_percent: int  # of the largest shown theme, for the bar chart
    is_non_answer: bool


def theme_findings(
    themes: Sequence[dict],
    results: Sequence[tuple[int, str, str]],
    bands: Sequence[str],
    threshold: int,
) -> dict:
    """themes: dicts of a run's themes; results: (theme number, band, sentiment) per answer."""
    by_theme_band = Counter((theme, band) for theme, band, _s in results)
    by_theme_sentiment = Counter((theme, sentiment) for theme, _b, sentiment in results)
    numbers = [t["number"] for t in themes]
    band_cells = suppress_table(
        [[by_theme_band[(n, band)] for band in bands] for n in numbers], threshold
    )
    sentiment_cells = suppress_table(
        [[by_theme_sentiment[(n, s)] for s in SENTIMENTS] for n in numbers], threshold
    )
    total = len(results)
    shown_sizes = [t["size"] for t in themes if not is_small(t["size"], threshold)]
    largest = max(shown_sizes, default=1)
    rows = []
    for theme, bands_row, sentiment_row in zip(themes, band_cells, sentiment_cells, strict=True):
        size = suppress_total(theme["size"], threshold)
        rows.append(
            ThemeRow(
                number=theme["number"],
                label=theme["label"],
                size=size,
                share=None if size.suppressed else theme["size"] / max(total, 1),
                stability=theme["stability"],
                top_terms=list(theme["top_terms"]),
                quotes=[] if size.suppressed else list(theme["quotes"])[:3],
                sentiment=sentiment_row,
                by_band=bands_row,
                bar_percent=0 if size.suppressed else round(100 * theme["size"] / largest),
                is_non_answer=theme["is_non_answer"],
            )
        )
    band_totals = [
        suppress_total(sum(1 for _t, b, _s in results if b == band), threshold) for band in bands
    ]
    return {
        "theme_rows": rows,
        "bands": list(bands),
        "band_totals": band_totals,
        "total": suppress_total(total, threshold),
        "sentiments": SENTIMENTS,
    }


@dataclass(frozen=True)
class PriorityRow:
    priority_id: int
    name: str
    code_names: list[str]
    answers: Cell
    share: float | None
    quotes: list[str]


@dataclass(frozen=True)
class UncoveredTheme:
    number: int
    label: str
    size: Cell
    main_code: str


def priority_findings(
    priorities: Sequence[tuple[int, str, list[str], list[str]]],
    results: Sequence[tuple[int, list[str], float, str]],
    themes: Sequence[dict],
    threshold: int,
) -> dict:
    """What children said against each priority, and the strong themes no priority covers.

    priorities: (id, name, code keys, code names); results: (theme, codes, confidence, redacted
    text) per answer; themes: the run's themes as dicts.
    """
    total = len(results)
    rows = []
    for pk, name, keys, names in priorities:
        wanted = set(keys)
        matching = [r for r in results if wanted & set(r[1])]
        count = suppress_total(len(matching), threshold)
        rows.append(
            PriorityRow(
                priority_id=pk,
                name=name,
                code_names=list(names),
                answers=count,
                share=None if count.suppressed else len(matching) / max(total, 1),
                quotes=[] if count.suppressed else _best_quotes(matching),
            )
        )
    covered = {key for _pk, _name, keys, _names in priorities for key in keys}
    return {"priority_rows": rows, "uncovered": _uncovered(themes, results, covered, threshold)}


def _best_quotes(results, limit: int = 3) -> list[str]:
    quotes, seen = [], set()
    for _theme, _codes, _confidence, text in sorted(results, key=lambda r: -r[2]):
        if text.lower() not in seen:
            seen.add(text.lower())
            quotes.append(text)
        if len(quotes) == limit:
            break
    return quotes


def _uncovered(themes, results, covered: set[str], threshold: int) -> list[UncoveredTheme]:
    """Themes at least the threshold in size whose most common code no priority takes in."""
    codes_by_theme: dict[int, Counter] = {}
    for theme, codes, _confidence, _text in results:
        codes_by_theme.setdefault(theme, Counter()).update(codes)
    uncovered = []
    for theme in themes:
        if theme["is_non_answer"] or is_small(theme["size"], threshold):
            continue
        common = codes_by_theme.get(theme["number"], Counter()).most_common(1)
        main_code = common[0][0] if common else ""
        if main_code not in covered:
            uncovered.append(
                UncoveredTheme(
                    theme["number"],
                    theme["label"],
                    suppress_total(theme["size"], threshold),
                    main_code,
                )
            )
    return uncovered


@dataclass(frozen=True)
class CrossTab:
    """Themes down the side, groups across the top, with suppressed counts and totals."""

    title: str
    columns: list[str]
    rows: list[tuple[str, list[Cell]]]
    totals: list[Cell]


def crosstab(
    title: str,
    themes: Sequence[dict],
    pairs: Sequence[tuple[int, str]],
    columns: Sequence[str],
    threshold: int,
) -> CrossTab:
    """pairs: (theme number, group) per answer; an answer may be in several groups."""
    counts = Counter(pairs)
    table = [[counts[(t["number"], column)] for column in columns] for t in themes]
    cells = suppress_table(table, threshold)
    totals = [
        suppress_total(sum(n for (_t, group), n in counts.items() if group == column), threshold)
        for column in columns
    ]
    return CrossTab(
        title,
        list(columns),
        [(t["label"], row) for t, row in zip(themes, cells, strict=True)],
        totals,
    )


@dataclass(frozen=True)
class Trend:
    label: str
    previous: Cell
    current: Cell
    previous_share: float | None
    current_share: float | None
    is_new: bool


def emerging_themes(
    themes: Sequence[dict],
    periods: Sequence[tuple[int, str]],
    previous: str,
    current: str,
    threshold: int,
    limit: int = 5,
) -> list[Trend]:
    """Themes new in the current period or growing fastest against the previous one.

    Only themes with at least the threshold of answers in the current period are listed, so
    no small group is singled out; a small previous count is shown suppressed.
    """
    counts = Counter(periods)
    before_total = sum(n for (_t, p), n in counts.items() if p == previous)
    now_total = sum(n for (_t, p), n in counts.items() if p == current)
    if not before_total or not now_total:
        return []
    trends = []
    for theme in themes:
        if theme["is_non_answer"]:
            continue
        before, now = counts[(theme["number"], previous)], counts[(theme["number"], current)]
        if now < threshold:
            continue
        before_cell = suppress_total(before, threshold)
        trends.append(
            Trend(
                label=theme["label"],
                previous=before_cell,
                current=suppress_total(now, threshold),
                previous_share=None if before_cell.suppressed else before / before_total,
                current_share=now / now_total,
                is_new=before == 0,
            )
        )
    growth = {t.label: t.current_share - (t.previous_share or 0.0) for t in trends}
    trends.sort(key=lambda t: (not t.is_new, -growth[t.label]))
    return [t for t in trends if t.is_new or growth[t.label] > 0][:limit]


def quarter_of(day) -> str:
    return f"{day.year} Q{(day.month - 1) // 3 + 1}"
