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


def test_a_small_themes_size_cannot_be_worked_out_from_all_answers_less_the_sizes_shown():
    found = theme_findings(THEMES, _results(), ["4-7", "8-11", "12-17"], 5)
    rows = found["theme_rows"]
    assert str(found["total"]) == "29"
    # 29 - 6 - 20 would give the youth club's 3 away: the smallest other size goes too.
    assert [str(row.size) for row in rows] == ["hidden", "20", "fewer than 5"]
    assert (rows[0].share, rows[0].bar_percent) == (None, 0)
    assert rows[0].quotes == ["nothing"]  # a group of 6 may be quoted, its size hidden or not


def test_small_band_cells_and_the_totals_that_would_give_them_away_are_suppressed():
    found = theme_findings(THEMES, _results(), ["4-7", "8-11", "12-17"], 5)
    by_band = [[str(c) for c in row.by_band] for row in found["theme_rows"]]
    # The hidden size of 6 is all in 12-17, so that 6 goes; then 18 - 6 would give 12 away,
    # and 20 - 12 the 8, and so the 8-11 total.
    assert by_band == [["0", "0", "hidden"], ["0", "hidden", "hidden"], ["fewer than 5", "0", "0"]]
    assert [str(c) for c in found["band_totals"]] == ["fewer than 5", "hidden", "18"]


def test_a_small_sentiment_count_is_hidden_with_others_so_no_total_gives_it_away():
    rows = theme_findings(THEMES, _results(), ["4-7", "8-11", "12-17"], 5)["theme_rows"]
    assert [str(c) for c in rows[2].sentiment] == ["0", "0", "fewer than 5"]
    # 8 positives in theme 1 would reveal theme 2's 3 by subtraction, and then 12 would reveal 8.
    assert [str(c) for c in rows[1].sentiment] == ["hidden", "0", "hidden"]
    # The size of theme 0 is hidden, and its 6 neutral answers would give it away.
    assert [str(c) for c in rows[0].sentiment] == ["0", "hidden", "0"]


def test_theme_sizes_are_the_sizes_theme_findings_shows():
    from analysis.findings import theme_sizes

    bands = ["4-7", "8-11", "12-17"]
    rows = theme_findings(THEMES, _results(), bands, 5)["theme_rows"]
    assert theme_sizes(THEMES, _results(), bands, 5) == {row.number: row.size for row in rows}


def test_emerging_themes_lists_new_and_fastest_growing_themes_only_when_not_small():
    from analysis.findings import emerging_themes

    periods = [(1, "Q1")] * 10 + [(1, "Q2")] * 10  # lights: steady share
    periods += [(2, "Q2")] * 6  # youth club: new this quarter
    periods += [(0, "Q1")] * 5 + [(0, "Q2")] * 5  # non-answers are never "emerging"
    trends = emerging_themes(THEMES, periods, "Q1", "Q2", 5)
    assert [t.label for t in trends] == ["youth club"]
    assert trends[0].is_new and str(trends[0].current) == "6"


def test_an_emerging_themes_counts_and_shares_are_hidden_where_the_quarter_table_hides_them():
    from analysis.findings import crosstab, emerging_themes

    periods = [(1, "Q1")] * 3 + [(1, "Q2")] * 9 + [(2, "Q1")] * 6 + [(2, "Q2")] * 6
    table = crosstab("By quarter", THEMES, periods, ["Q1", "Q2"], 5)
    assert [str(c) for c in table.rows[1][1]] == ["fewer than 5", "hidden"]
    trend = emerging_themes(THEMES, periods, "Q1", "Q2", 5, shown=table)[0]
    assert trend.label == "street lights"
    assert (str(trend.previous), str(trend.current)) == ("fewer than 5", "hidden")
    assert trend.previous_share is None and trend.current_share is None
    alone = emerging_themes(THEMES, periods, "Q1", "Q2", 5)[0]
    assert str(alone.current) == "9" and alone.current_share == 9 / 15


def test_a_theme_shrinking_from_a_small_count_is_not_called_emerging():
    from analysis.findings import emerging_themes

    periods = [(1, "Q1")] * 4 + [(2, "Q1")] * 6 + [(1, "Q2")] * 5 + [(2, "Q2")] * 95
    assert [t.label for t in emerging_themes(THEMES, periods, "Q1", "Q2", 5)] == ["youth club"]


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
    assert [str(c) for c in tab.rows[2][1]] == ["0", "6"]
    assert [str(c) for c in tab.totals] == ["fewer than 5", "hidden"]  # or 15 - 6 gives 9 away


def test_a_small_groups_total_cannot_be_worked_out_from_all_answers_less_the_others():
    from analysis.findings import crosstab
    from analysis.suppression import suppress_total

    themes = [{"number": 1, "label": "lights"}, {"number": 2, "label": "clubs"}]
    pairs = [(1, "Oak")] * 80 + [(2, "Oak")] * 70 + [(1, "Elm")] * 3
    sizes = [suppress_total(83, 5), suppress_total(70, 5)]
    tab = crosstab(
        "By link", themes, pairs, ["Elm", "Oak"], 5, sizes=sizes, total=suppress_total(153, 5)
    )
    # All 153 answers are shown elsewhere: 153 - 150 would give Elm's 3 away.
    assert [str(c) for c in tab.totals] == ["fewer than 5", "hidden"]
    assert [str(c) for c in tab.rows[0][1]] == ["fewer than 5", "hidden"]


def test_a_size_hidden_elsewhere_is_not_given_away_by_a_row_that_adds_up_to_it():
    from analysis.findings import crosstab
    from analysis.suppression import Cell

    themes = [{"number": n, "label": label} for n, label in enumerate(["lights", "clubs", "parks"])]
    pairs = [(0, "Q1")] * 7 + [(1, "Q2")] * 43 + [(2, "Q2")] * 3
    sizes = [Cell(7, True, 5, secondary=True), Cell(43, False), Cell(3, True)]
    tab = crosstab("By quarter", themes, pairs, ["Q1", "Q2"], 5, sizes=sizes, total=Cell(53, False))
    assert [str(c) for c in tab.rows[0][1]] == ["hidden", "0"]  # all 7 were in Q1
    without = crosstab("By quarter", themes, pairs, ["Q1", "Q2"], 5)
    assert [str(c) for c in without.rows[0][1]] == ["7", "0"]


def test_a_run_with_no_answers_has_findings_of_nothing():
    empty = [{**THEMES[0], "size": 0}]
    found = theme_findings(empty, [], ["4-7", "8-11"], 5)
    assert str(found["total"]) == "0"
    assert found["theme_rows"][0].bar_percent == 0
