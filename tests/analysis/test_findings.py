"""Theme findings: counts by age band and sentiment, with small groups suppressed."""

from analysis.findings import theme_findings

THEMES = [
    {
        "number": 0,
        "label": "Nothing to change",
        "size": 6,
        "top_terms": [],
        "quotes": ["nothing"],
        "stability": 1.0,
        "is_non_answer": True,
    },
    {
        "number": 1,
        "label": "street lights",
        "size": 20,
        "top_terms": ["light"],
        "quotes": ["more lights", "dark alley", "lights please", "a fourth"],
        "stability": 0.9,
        "is_non_answer": False,
    },
    {
        "number": 2,
        "label": "youth club",
        "size": 3,
        "top_terms": ["club"],
        "quotes": ["a club"],
        "stability": 0.5,
        "is_non_answer": False,
    },
]


def _results():
    rows = [(0, "12-17", "neutral")] * 6
    rows += [(1, "12-17", "negative")] * 12 + [(1, "8-11", "positive")] * 8
    rows += [(2, "4-7", "positive")] * 3
    return rows


def test_a_theme_smaller_than_the_threshold_shows_no_count_share_or_quote():
    rows = theme_findings(THEMES, _results(), ["4-7", "8-11", "12-17"], 5)["theme_rows"]
    small = rows[2]
    assert str(small.size) == "fewer than 5"
    assert small.share is None
    assert small.quotes == []
    assert small.bar_percent == 0


def test_a_large_theme_shows_its_count_share_and_three_quotes():
    rows = theme_findings(THEMES, _results(), ["4-7", "8-11", "12-17"], 5)["theme_rows"]
    lights = rows[1]
    assert str(lights.size) == "20"
    assert round(lights.share, 3) == round(20 / 29, 3)
    assert lights.quotes == ["more lights", "dark alley", "lights please"]
    assert lights.bar_percent == 100


def test_small_band_cells_and_the_totals_that_would_give_them_away_are_suppressed():
    found = theme_findings(THEMES, _results(), ["4-7", "8-11", "12-17"], 5)
    by_band = [[str(c) for c in row.by_band] for row in found["theme_rows"]]
    assert by_band == [["0", "0", "6"], ["0", "8", "12"], ["fewer than 5", "0", "0"]]
    assert [str(c) for c in found["band_totals"]] == ["fewer than 5", "8", "18"]


def test_a_small_sentiment_count_is_hidden_with_others_so_no_total_gives_it_away():
    rows = theme_findings(THEMES, _results(), ["4-7", "8-11", "12-17"], 5)["theme_rows"]
    assert [str(c) for c in rows[2].sentiment] == ["0", "0", "fewer than 5"]
    # 8 positives in theme 1 would reveal theme 2's 3 by subtraction, and then 12 would reveal 8.
    assert [str(c) for c in rows[1].sentiment] == ["hidden", "0", "hidden"]
    assert [str(c) for c in rows[0].sentiment] == ["0", "6", "0"]


def test_emerging_themes_lists_new_and_fastest_growing_themes_only_when_not_small():
    from analysis.findings import emerging_themes

    periods = [(1, "Q1")] * 10 + [(1, "Q2")] * 10  # lights: steady share
    periods += [(2, "Q2")] * 6  # youth club: new this quarter
    periods += [(0, "Q1")] * 5 + [(0, "Q2")] * 5  # non-answers are never "emerging"
    trends = emerging_themes(THEMES, periods, "Q1", "Q2", 5)
    assert [t.label for t in trends] == ["youth club"]
    assert trends[0].is_new and str(trends[0].current) == "6"


def test_a_theme_with_few_answers_this_quarter_is_not_called_emerging():
    from analysis.findings import emerging_themes

    periods = [(1, "Q1")] * 10 + [(1, "Q2")] * 10 + [(2, "Q2")] * 4
    assert emerging_themes(THEMES, periods, "Q1", "Q2", 5) == []


def test_crosstab_counts_each_group_and_suppresses_small_cells():
    from analysis.findings import crosstab

    pairs = [(1, "Oak School")] * 9 + [(1, "Care council")] * 2 + [(2, "Oak School")] * 6
    tab = crosstab("By link", THEMES, pairs, ["Care council", "Oak School"], 5)
    assert tab.rows[1][0] == "street lights"
    assert [str(c) for c in tab.rows[1][1]] == ["fewer than 5", "hidden"]
    assert [str(c) for c in tab.rows[2][1]] == ["0", "hidden"]  # or 15 - 6 gives the 9 away
    assert [str(c) for c in tab.totals] == ["fewer than 5", "15"]
