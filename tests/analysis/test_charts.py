"""Bar charts: accessible SVG with every value in words, suppressed bars drawn with no length,
and PNG pictures for documents."""

import re

from analysis.charts import (
    Bar,
    bar_chart_png,
    bar_chart_svg,
    describe,
    grouped_bar_chart_png,
    grouped_bar_chart_svg,
)
from analysis.suppression import Cell

BARS = [
    Bar("Street lights", 40, "40 (25%)"),
    Bar("Bullying", 20, "20 (12%)"),
    Bar("Online <safety>", None, "fewer than 5"),
]
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def test_the_svg_is_an_image_named_by_its_title_and_described_by_its_values():
    svg = bar_chart_svg(BARS, title="Answers by theme", chart_id="themes")
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert 'aria-labelledby="themes-title themes-desc"' in svg
    assert '<title id="themes-title">Answers by theme</title>' in svg
    desc = re.search(r"<desc[^>]*>(.*)</desc>", svg).group(1)
    assert "Street lights: 40 (25%)" in desc
    assert "Online &lt;safety&gt;: fewer than 5" in desc


def test_labels_are_escaped():
    svg = bar_chart_svg(BARS, title="<b>Themes</b>")
    assert "<safety>" not in svg and "<b>" not in svg


def test_a_suppressed_bar_has_no_length_but_says_why():
    svg = bar_chart_svg(BARS, title="Answers by theme")
    widths = [float(w) for w in re.findall(r'<rect [^>]*width="([\d.]+)"', svg)]
    assert len(widths) == 2  # one per shown bar, none for the suppressed one
    assert widths[0] == 2 * widths[1]
    assert ">fewer than 5</text>" in svg


def test_a_bar_from_a_suppressed_cell_carries_the_cell_words_not_its_count():
    small = Bar.from_cell("Online", Cell(3, True, 5))
    hidden = Bar.from_cell("Games", Cell(9, True, 5, secondary=True))
    shown = Bar.from_cell("Lights", Cell(40, False, 5), "40 (25%)")
    assert small == Bar("Online", None, "fewer than 5")
    assert hidden == Bar("Games", None, "hidden")
    assert shown == Bar("Lights", 40, "40 (25%)")


def test_the_grouped_chart_has_a_heading_per_group_on_one_scale():
    groups = [
        ("Street lights", [Bar("4 to 7", 10, "10"), Bar("8 to 11", None, "hidden")]),
        ("Bullying", [Bar("4 to 7", 5, "5"), Bar("8 to 11", 20, "20")]),
    ]
    svg = grouped_bar_chart_svg(groups, title="Answers by theme and age group")
    assert ">Street lights</text>" in svg and ">Bullying</text>" in svg
    widths = [float(w) for w in re.findall(r'<rect [^>]*width="([\d.]+)"', svg)]
    assert widths == [widths[2] / 2, widths[2] / 4, widths[2]]
    assert (
        describe(groups)
        == "Street lights: 4 to 7: 10; 8 to 11: hidden. Bullying: 4 to 7: 5; 8 to 11: 20."
    )


def test_long_labels_wrap_to_stay_readable_when_narrow():
    svg = bar_chart_svg([Bar("word " * 30, 3, "3")], title="Long")
    assert svg.count("<text") >= 4


def test_the_png_charts_are_pngs():
    assert bar_chart_png(BARS, title="Answers by theme").startswith(PNG_SIGNATURE)
    grouped = grouped_bar_chart_png([("Lights", BARS)], title="By age")
    assert grouped.startswith(PNG_SIGNATURE)


def test_an_empty_chart_still_draws():
    assert "<desc" in bar_chart_svg([], title="Nothing yet")
    assert bar_chart_png([], title="Nothing yet").startswith(PNG_SIGNATURE)
