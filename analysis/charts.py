"""Horizontal bar charts as inline SVG for pages and as PNG for documents. Pure: takes bars,
returns text or bytes.

Each bar carries the words shown beside it, so a suppressed count arrives as a bar with no value
and the text the suppression gave it ("fewer than 5", "hidden"), and is drawn with no length.
Labels sit above their bars, so the chart stays readable at 320 px wide.
"""

import io
import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from analysis.suppression import Cell

WIDTH = 320  # drawing units; the SVG scales to its container
FONT = 16
LINE = 20
BAR_HEIGHT = 16
GAP = 10
VALUE_SPACE = 90  # room after the longest bar for its value
BAR_SPACE = WIDTH - VALUE_SPACE
CHAR_WIDTH = 0.56 * FONT  # an average character, for wrapping labels
INK = "#0b0c0c"
MUTED = "#505a5f"
BAR_COLOUR = "#1d70b8"
PNG_SCALE = 2.5


@dataclass(frozen=True)
class Bar:
    label: str
    value: int | None  # None: suppressed, drawn with no length
    text: str  # shown beside the bar: "24 (15%)", "fewer than 5", "hidden"

    @classmethod
    def from_cell(cls, label: str, cell: Cell, text: str | None = None) -> "Bar":
        """A bar for a suppression cell; text replaces the count only when it is shown."""
        if cell.suppressed:
            return cls(label, None, str(cell))
        return cls(label, cell.value, text or str(cell))


# One group of a small-multiple chart: a heading (a theme) and its bars (age bands).
Group = tuple[str, Sequence[Bar]]


@dataclass(frozen=True)
class _Text:
    x: float
    y: float  # baseline
    text: str
    bold: bool = False
    muted: bool = False


@dataclass(frozen=True)
class _Rect:
    x: float
    y: float
    width: float
    height: float


def bar_chart_svg(bars: Sequence[Bar], *, title: str, chart_id: str = "") -> str:
    """One bar per label, longest value full width."""
    return _svg([("", bars)], title=title, chart_id=chart_id)


def grouped_bar_chart_svg(groups: Sequence[Group], *, title: str, chart_id: str = "") -> str:
    """Small multiples: under each heading, a bar per label, all on one scale."""
    return _svg(groups, title=title, chart_id=chart_id)


def bar_chart_png(bars: Sequence[Bar], *, title: str) -> bytes:
    return _png([("", bars)], title=title)


def grouped_bar_chart_png(groups: Sequence[Group], *, title: str) -> bytes:
    return _png(groups, title=title)


def describe(groups: Sequence[Group]) -> str:
    """Every value in words, for screen readers and alt text."""
    parts = []
    for heading, bars in groups:
        values = "; ".join(f"{bar.label}: {bar.text}" for bar in bars)
        parts.append(f"{heading}: {values}." if heading else f"{values}.")
    return " ".join(parts)


def _layout(groups: Sequence[Group], title: str = "") -> tuple[float, list]:
    """Where every piece goes, in drawing units: (height, texts and rectangles)."""
    largest = max((b.value for _h, bars in groups for b in bars if b.value), default=1)
    items: list = []
    y = 0.0
    for line in _wrap(title):
        y += LINE
        items.append(_Text(0, y, line, bold=True))
    y += GAP if title else 0
    for heading, bars in groups:
        for line in _wrap(heading):
            y += LINE
            items.append(_Text(0, y, line, bold=True))
        for bar in bars:
            for line in _wrap(bar.label):
                y += LINE
                items.append(_Text(0, y, line))
            y += 4
            length = BAR_SPACE * bar.value / largest if bar.value else 0
            if length:
                items.append(_Rect(0, y, max(length, 2), BAR_HEIGHT))
            x = max(length, 2) + 6 if length else 0
            items.append(_Text(x, y + BAR_HEIGHT - 3, bar.text, muted=bar.value is None))
            y += BAR_HEIGHT + GAP
        y += GAP if heading else 0
    return y, items


def _wrap(text: str) -> list[str]:
    return textwrap.wrap(text, width=int(WIDTH / CHAR_WIDTH)) if text else []


def _svg(groups: Sequence[Group], *, title: str, chart_id: str) -> str:
    chart_id = chart_id or "chart-" + re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    height, items = _layout(groups)
    body = []
    for item in items:
        if isinstance(item, _Rect):
            body.append(
                f'<rect x="{item.x:g}" y="{item.y:g}" width="{item.width:.1f}" '
                f'height="{item.height:g}" fill="{BAR_COLOUR}"/>'
            )
        else:
            style = ' font-weight="bold"' if item.bold else ""
            style += f' fill="{MUTED}" font-style="italic"' if item.muted else ""
            body.append(f'<text x="{item.x:.1f}" y="{item.y:g}"{style}>{escape(item.text)}</text>')
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="app-chart" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" viewBox="0 0 {WIDTH} {height:g}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet" style="max-width: 26rem">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(describe(groups))}</desc>'
        f'<g font-family="Helvetica, Arial, sans-serif" font-size="{FONT}" fill="{INK}">'
        + "".join(body)
        + "</g></svg>"
    )


def _png(groups: Sequence[Group], *, title: str) -> bytes:
    # Pillow loads only where a document is drawn. Its built-in scalable font needs no files.
    from PIL import Image, ImageDraw, ImageFont

    height, items = _layout(groups, title)
    margin = 8
    size = (round((WIDTH + 2 * margin) * PNG_SCALE), round((height + 2 * margin) * PNG_SCALE))
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=round(FONT * PNG_SCALE))

    def at(value: float) -> float:
        return (value + margin) * PNG_SCALE

    for item in items:
        if isinstance(item, _Rect):
            draw.rectangle(
                (at(item.x), at(item.y), at(item.x + item.width), at(item.y + item.height)),
                fill=BAR_COLOUR,
            )
        else:
            colour = MUTED if item.muted else INK
            draw.text(
                (at(item.x), at(item.y)),
                item.text,
                font=font,
                fill=colour,
                anchor="ls",
                stroke_width=1 if item.bold else 0,
                stroke_fill=colour,
            )
    out = io.BytesIO()
    image.save(out, format="PNG", dpi=(96 * PNG_SCALE, 96 * PNG_SCALE))
    return out.getvalue()
