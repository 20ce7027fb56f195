"""Findings from a theme run's results as tables a person can read, with small numbers
suppressed. Pure: takes plain rows, returns plain data; no database access."""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from analysis.suppression import (
    Cell,
    is_small,
    suppress_table,
    suppress_total,
    theme_label_shown,
)

SENTIMENTS = ["negative", "neutral", "positive"]


def theme_shown(theme: dict, threshold: int) -> dict:
    """A run's theme as it may be shown: one smaller than the threshold loses its label, its
    words and its quotes, which come from the few children in it."""
    if theme["size"] >= threshold:
        return theme
    label = theme_label_shown(
        theme["label"], theme["size"], threshold, is_non_answer=theme.get("is_non_answer", False)
    )
    return {**theme, "label": label, "top_terms": [], "quotes": []}


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
    themes = [theme_shown(theme, threshold) for theme in themes]
    by_theme_sentiment = Counter((theme, sentiment) for theme, _b, sentiment in results)
    band_cells = _band_table(themes, results, bands, threshold)
    sizes = [row[-1] for row in band_cells[:-1]]
    # Each theme's feelings add up to its size: hidden there, the size is hidden here too.
    sentiment_cells = suppress_table(
        [[by_theme_sentiment[(t["number"], s)] for s in SENTIMENTS] + [t["size"]] for t in themes],
        threshold,
        {(r, len(SENTIMENTS)) for r, size in enumerate(sizes) if size.suppressed},
    )
    largest = max((size.value for size in sizes if not size.suppressed), default=0) or 1
    rows = []
    for theme, size, bands_row, sentiment_row in zip(
        themes, sizes, band_cells, sentiment_cells, strict=False
    ):
        rows.append(
            ThemeRow(
                number=theme["number"],
                label=theme["label"],
                size=size,
                share=None if size.suppressed else theme["size"] / max(len(results), 1),
                stability=theme["stability"],
                top_terms=list(theme["top_terms"]),
                quotes=[] if is_small(theme["size"], threshold) else list(theme["quotes"])[:3],
                sentiment=sentiment_row[:-1],
                by_band=bands_row[:-1],
                bar_percent=0 if size.suppressed else round(100 * theme["size"] / largest),
                is_non_answer=theme["is_non_answer"],
            )
        )
    return {
        "theme_rows": rows,
        "bands": list(bands),
        "band_totals": band_cells[-1][:-1],
        "total": band_cells[-1][-1],
        "sentiments": SENTIMENTS,
    }


def theme_sizes(
    themes: Sequence[dict], results: Sequence[tuple[int, str, str]], bands, threshold: int
) -> dict[int, Cell]:
    """Each theme's size as theme_findings shows it, by theme number."""
    cells = _band_table(themes, results, bands, threshold)
    return {theme["number"]: row[-1] for theme, row in zip(themes, cells, strict=False)}


def _band_table(themes, results, bands, threshold: int) -> list[list[Cell]]:
    """Answers by theme and age band, with the themes' sizes as the row totals and a last row
    of the bands' totals and all answers, suppressed as one table: a hidden size cannot be
    worked out from all answers less the sizes shown, nor a band count from its band's."""
    by_theme_band = Counter((theme, band) for theme, band, _s in results)
    table = [[by_theme_band[(t["number"], band)] for band in bands] + [t["size"]] for t in themes]
    by_band = Counter(band for _t, band, _s in results)
    table.append([by_band[band] for band in bands] + [len(results)])
    return suppress_table(table, threshold)


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
    sizes: dict[int, Cell] | None = None,
) -> dict:
    """What children said against each priority, and the strong themes no priority covers.

    priorities: (id, name, code keys, code names); results: (theme, codes, confidence, redacted
    text) per answer; themes: the run's themes as dicts; sizes: the themes' sizes as shown
    elsewhere (theme_sizes), so a size hidden there is hidden here too.
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
    uncovered = _uncovered(themes, results, covered, threshold, sizes or {})
    return {"priority_rows": rows, "uncovered": uncovered}


def _best_quotes(results, limit: int = 3) -> list[str]:
    quotes, seen = [], set()
    for _theme, _codes, _confidence, text in sorted(results, key=lambda r: -r[2]):
        if text.lower() not in seen:
            seen.add(text.lower())
            quotes.append(text)
        if len(quotes) == limit:
            break
    return quotes


def _uncovered(themes, results, covered: set[str], threshold: int, sizes) -> list[UncoveredTheme]:
    """Themes at least the threshold in size whose most common code no priority takes in."""
    codes_by_theme: dict[int, Counter] = {}
    for theme, codes, _confidence, _text in results:
        codes_by_theme.setdefault(theme, Counter()).update(codes)
    uncovered = []
    for theme in themes:
        if theme["is_non_answer"] or theme["size"] < threshold:
            continue
        common = codes_by_theme.get(theme["number"], Counter()).most_common(1)
        main_code = common[0][0] if common else ""
        if main_code not in covered:
            uncovered.append(
                UncoveredTheme(
                    theme["number"],
                    theme["label"],
                    sizes.get(theme["number"]) or suppress_total(theme["size"], threshold),
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
    *,
    sizes: Sequence[Cell] | None = None,
    total: Cell | None = None,
) -> CrossTab:
    """pairs: (theme number, group) per answer; an answer may be in several groups. Where each
    answer is in exactly one group, give the themes' sizes and the answers' total as shown
    elsewhere: they join the table as its totals, hidden here where they are hidden there, so
    no count here can be worked out from them."""
    counts = Counter(pairs)
    table = [[counts[(t["number"], column)] for column in columns] for t in themes]
    table.append([sum(n for (_t, group), n in counts.items() if group == c) for c in columns])
    hidden = set()
    if sizes is not None and total is not None:
        for r, cell in enumerate([*sizes, total]):
            table[r].append(cell.value)
            if cell.suppressed:
                hidden.add((r, len(columns)))
    cells = [row[: len(columns)] for row in suppress_table(table, threshold, hidden)]
    return CrossTab(
        title,
        list(columns),
        [(t["label"], row) for t, row in zip(themes, cells, strict=False)],
        cells[-1],
    )


@dataclass(frozen=True)
class Trend:
    label: str
    previous: Cell
    current: Cell
    previous_share: float | None  # None where the count or its period's total is hidden
    current_share: float | None
    is_new: bool


def emerging_themes(
    themes: Sequence[dict],
    periods: Sequence[tuple[int, str]],
    previous: str,
    current: str,
    threshold: int,
    limit: int = 5,
    shown: CrossTab | None = None,
) -> list[Trend]:
    """Themes new in the current period or growing fastest against the previous one.

    Only themes with at least the threshold of answers in the current period are listed, so
    no small group is singled out nor a small theme named; a small previous count is shown
    suppressed. Given the themes by period as shown elsewhere (shown), counts and shares are
    hidden where they are.
    """
    counts = Counter(periods)
    before_total = sum(n for (_t, p), n in counts.items() if p == previous)
    now_total = sum(n for (_t, p), n in counts.items() if p == current)
    if not before_total or not now_total:
        return []
    trends = []
    for index, theme in enumerate(themes):
        before, now = counts[(theme["number"], previous)], counts[(theme["number"], current)]
        if theme["is_non_answer"] or now < threshold:
            continue
        cells = _period_cells(shown, index, previous, current, threshold, before, now)
        growth = now / now_total - before / before_total
        trend = Trend(
            label=theme["label"],
            previous=cells[0],
            current=cells[1],
            previous_share=None if cells[0].suppressed or cells[2] else before / before_total,
            current_share=None if cells[1].suppressed or cells[3] else now / now_total,
            is_new=before == 0,
        )
        trends.append((growth, trend))
    trends.sort(key=lambda pair: (not pair[1].is_new, -pair[0]))
    return [trend for growth, trend in trends if trend.is_new or growth > 0][:limit]


def _period_cells(shown, index, previous, current, threshold, before, now):
    """A theme's previous and current counts, and whether each period's total is hidden."""
    if shown is None:
        return suppress_total(before, threshold), suppress_total(now, threshold), False, False
    at_before, at_now = shown.columns.index(previous), shown.columns.index(current)
    row = shown.rows[index][1]
    hidden_totals = (shown.totals[at_before].suppressed, shown.totals[at_now].suppressed)
    return row[at_before], row[at_now], *hidden_totals


def quarter_of(day) -> str:
    return f"{day.year} Q{(day.month - 1) // 3 + 1}"
