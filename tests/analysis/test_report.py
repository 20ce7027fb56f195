"""The annual-report section shaped from plain rows: small counts and their quotes suppressed,
and no hidden count worked out from the totals shown beside it."""

from datetime import date, datetime

from analysis.findings import priority_findings
from analysis.report import TITLE, ReportSource, RunFacts, build_report

BANDS = [("4-7", "4 to 7"), ("8-11", "8 to 11"), ("12-17", "12 to 17"), ("adult", "Parent")]
RUN = RunFacts(
    run_id=42,
    finished_at=datetime(2026, 3, 31, 16, 0),
    code_version="analysis-1",
    survey="Feeling safe, version 1",
    answers_described="All answers",
)


def theme(number, label, quotes=(), is_non_answer=False):
    return {
        "number": number,
        "label": label,
        "quotes": list(quotes),
        "is_non_answer": is_non_answer,
    }


THEMES = [
    theme(0, "No clear answer", ["dunno"], is_non_answer=True),
    theme(1, "Street lights", ["more lights in the park", "the alley is dark", "lights please"]),
    theme(2, "Bullying", ["stop the bullies"]),
    theme(3, "Online games", ["people on games are mean"]),
]


def answers(*counts):
    """(theme, band, how many) into one row per answer."""
    return [(t, band) for t, band, n in counts for _ in range(n)]


ANSWERS = answers(
    (0, "8-11", 6),
    (1, "8-11", 20),
    (1, "12-17", 14),
    (2, "8-11", 9),
    (2, "12-17", 8),
    (3, "12-17", 3),  # a small theme
)


def source(**changes):
    fields = {
        "run": RUN,
        "first_response": date(2025, 4, 2),
        "last_response": date(2026, 3, 20),
        "bands": BANDS,
        "responses_by_band": {"8-11": 40, "12-17": 30, "4-7": 3},
        "themes": THEMES,
        "answers": ANSWERS,
        "priority_rows": [],
        "actions": [],
    }
    return ReportSource(**(fields | changes))


SMALL = "A small theme (fewer than 5 answers)"


def by_label(report):
    return {t.label: t for t in report.themes}


def test_the_report_has_its_title_period_and_run():
    report = build_report(source(), threshold=5)
    assert report.title == TITLE == "What children and young people told us and what changed"
    assert report.period() == "2 April 2025 to 20 March 2026"
    assert report.run.stamp() == "Theme run 42, finished 31 March 2026, analysis code analysis-1"


def test_the_method_note_says_which_run_the_threshold_and_how_quotes_and_themes_were_made():
    method = " ".join(build_report(source(), threshold=5).method)
    assert "Theme run 42" in method and "analysis-1" in method
    assert "fewer than 5" in method
    assert "Quotes are redacted" in method
    assert "found automatically" in method and "checked by analysts" in method


def test_a_small_theme_shows_no_name_count_share_or_quotes():
    report = build_report(source(), threshold=5)
    small = by_label(report)[SMALL]
    assert str(small.answers) == "fewer than 5"
    assert small.share == "" and small.quotes == []
    assert "people on games are mean" not in str(report)
    assert "Online games" not in str(report)
    assert "Online games" not in str(report.theme_bars()) + str(report.band_groups())


def test_a_small_group_of_non_answers_keeps_its_fixed_name_but_no_quotes():
    few_non_answers = [row for row in ANSWERS if row[0] != 0] + answers((0, "8-11", 3))
    report = build_report(source(answers=few_non_answers), threshold=5)
    non_answers = by_label(report)["No clear answer"]
    assert non_answers.is_non_answer and non_answers.quotes == []
    assert str(non_answers.answers) == "fewer than 5"


def test_large_themes_show_their_share_and_at_most_two_quotes():
    lights = by_label(build_report(source(), threshold=5))["Street lights"]
    assert str(lights.answers) == "34" and lights.share == "57%"
    assert lights.quotes == ["more lights in the park", "the alley is dark"]


def test_the_group_of_non_answers_is_last_and_never_quoted():
    report = build_report(source(), threshold=5)
    assert report.themes[-1].is_non_answer
    assert report.themes[-1].quotes == []


def test_no_hidden_count_can_be_worked_out_from_the_totals_beside_it():
    report = build_report(source(), threshold=5)
    sizes = [t.answers for t in report.themes] + [report.answers_total]
    lines = [[*t.by_band, t.answers] for t in report.themes]
    lines.append([*report.band_totals, report.answers_total])
    lines += [list(column) for column in zip(*lines, strict=True)]
    for line in lines:
        assert sum(cell.suppressed for cell in line) != 1, line
    assert sum(cell.suppressed for cell in sizes) >= 2
    assert str(report.answers_total) == "60"


def test_hidden_themes_come_after_shown_ones_so_their_place_does_not_bound_them():
    report = build_report(source(), threshold=5)
    shown = [t for t in report.themes if not t.is_non_answer and not t.answers.suppressed]
    hidden = [t for t in report.themes if not t.is_non_answer and t.answers.suppressed]
    assert hidden and report.themes[: len(shown)] == shown
    assert [t.answers.value for t in shown] == sorted(
        (t.answers.value for t in shown), reverse=True
    )


def test_a_theme_hidden_only_to_protect_a_small_one_keeps_its_quotes():
    report = build_report(source(), threshold=5)
    secondary = [t for t in report.themes if t.answers.secondary and not t.is_non_answer]
    for theme_row in secondary:
        assert str(theme_row.answers) == "hidden" and theme_row.share == ""
        assert theme_row.quotes


def test_taking_part_hides_a_small_age_group_and_one_more_so_the_total_gives_nothing_away():
    report = build_report(source(), threshold=5)
    cells = dict(report.taking_part)
    assert str(cells["4 to 7"]) == "fewer than 5"
    assert str(cells["12 to 17"]) == "hidden"  # the smaller of the others
    assert str(cells["8 to 11"]) == "40"
    assert str(report.taking_part_total) == "73"
    assert "Parent" not in cells  # nobody in that group took part


def test_a_run_smaller_than_the_threshold_shows_no_numbers_or_quotes_at_all():
    tiny = answers((1, "8-11", 2), (2, "12-17", 1))
    report = build_report(
        source(answers=tiny, responses_by_band={"8-11": 2, "12-17": 1}), threshold=5
    )
    assert str(report.answers_total) == "fewer than 5"
    assert str(report.taking_part_total) == "fewer than 5"
    assert all(t.quotes == [] and t.answers.suppressed for t in report.themes)
    assert all(bar.value is None for bar in report.theme_bars())


def test_chart_bars_carry_suppressed_words_and_leave_out_non_answers():
    report = build_report(source(), threshold=5)
    bars = {bar.label: bar for bar in report.theme_bars()}
    assert "No clear answer" not in bars
    assert bars["Street lights"].value == 34 and bars["Street lights"].text == "34 (57%)"
    assert bars[SMALL].value is None and bars[SMALL].text == "fewer than 5"
    groups = dict(report.band_groups())
    assert [b.label for b in groups["Street lights"]] == ["4 to 7", "8 to 11", "12 to 17"]


def test_priorities_show_at_most_two_quotes_and_none_when_small():
    rows = priority_findings(
        [(1, "Neglect", ["home"], ["Home"]), (2, "Exploitation", ["online"], ["Online"])],
        [(1, ["home"], 0.9, f"quote {n}") for n in range(8)]
        + [(3, ["online"], 0.9, "a small group's words")],
        [t | {"size": 0} for t in THEMES],
        5,
    )["priority_rows"]
    report = build_report(source(priority_rows=rows), threshold=5)
    neglect, exploitation = report.priorities
    assert str(neglect.answers) == "8" and len(neglect.quotes) == 2 and neglect.share == "89%"
    assert str(exploitation.answers) == "fewer than 5" and exploitation.quotes == []
    assert exploitation.share == ""


def test_you_said_we_did_says_what_was_done_or_is_planned():
    report = build_report(
        source(
            actions=[
                ("It's too dark", "We put in new lights", "done"),
                ("Clubs shut early", "We will keep them open", "planned"),
            ]
        ),
        threshold=5,
    )
    assert [a.lead() for a in report.actions] == ["We did:", "We plan to:"]


def test_a_run_without_answers_has_no_period_and_empty_tables():
    report = build_report(
        source(answers=[], responses_by_band={}, first_response=None, last_response=None),
        threshold=5,
    )
    assert report.period() == "No answers yet"
    assert report.themes == [] and report.bands == [] and report.band_totals == []
    assert str(report.answers_total) == "0"
