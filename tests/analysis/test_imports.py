"""Reading other tools' CSV exports: age bands, dates, codes, and every reason a file is refused."""

from datetime import UTC, datetime

import pytest

from analysis import imports
from analysis.imports import band_for, date_for, match_codes, read_answers, split_codes
from surveys.models import AgeBand


def csv_bytes(*lines: str, encoding: str = "utf-8") -> bytes:
    return ("\n".join(lines) + "\n").encode(encoding)


def messages(parsed) -> str:
    return " ".join(problem.message for problem in parsed.problems)


def test_the_bands_are_the_surveys_age_bands():
    assert set(imports.BANDS) == set(AgeBand.values)


# Age bands


@pytest.mark.parametrize(
    ("value", "band"),
    [
        ("4-7", "4-7"),
        ("4 to 7", "4-7"),
        ("8–11", "8-11"),
        ("8 - 11 years", "8-11"),
        ("12-17", "12-17"),
        ("13", "12-17"),
        ("Age 13", "12-17"),
        ("13 years old", "12-17"),
        ("14-16", "12-17"),
        ("5", "4-7"),
        ("18-25", "18-25"),
        ("21", "18-25"),
        ("ADULT", "adult"),
        ("Parent", "adult"),
        ("carer", "adult"),
        ("Parent or carer", "adult"),
        ("parent/carer", "adult"),
        ("26+", "adult"),
        ("over 25", "adult"),
        ("40", "adult"),
    ],
)
def test_age_bands_are_read_leniently(value, band):
    assert band_for(value) == band


@pytest.mark.parametrize(
    "value", ["teen", "3", "11-13", "18+", "Year 9", "under 8", "young carer", "7-4", "13, 14"]
)
def test_a_band_that_is_not_clear_is_not_guessed(value):
    assert band_for(value) is None


# Dates


@pytest.mark.parametrize(
    ("value", "moment"),
    [
        ("2025-03-14", datetime(2025, 3, 14)),
        ("2025-03-14 10:22", datetime(2025, 3, 14, 10, 22)),
        ("2025-03-14T10:22:33", datetime(2025, 3, 14, 10, 22, 33)),
        ("2025-03-14T10:22:33Z", datetime(2025, 3, 14, 10, 22, 33, tzinfo=UTC)),
        ("14/03/2025", datetime(2025, 3, 14)),
        ("14/03/2025 10:22", datetime(2025, 3, 14, 10, 22)),
        ("14/03/2025 10:22:33", datetime(2025, 3, 14, 10, 22, 33)),
        ("14/03/2025 10:22 pm", datetime(2025, 3, 14, 22, 22)),
        ("14/03/25", datetime(2025, 3, 14)),
        ("4/3/2025", datetime(2025, 3, 4)),
        (" 14-03-2025 ", datetime(2025, 3, 14)),
    ],
)
def test_iso_and_uk_dates_are_read(value, moment):
    assert date_for(value) == moment


@pytest.mark.parametrize(
    "value", ["3/14/2025", "31/02/2025", "yesterday", "2025-13-01", "14 March"]
)
def test_dates_that_are_not_iso_or_uk_are_not_guessed(value):
    assert date_for(value) is None


# Codes

CODEBOOK = {"bullying": "bullying", "Bullying": "bullying", "School": "school", "school": "school"}


def test_codes_split_on_semicolons_or_commas():
    assert split_codes("bullying; School") == ("bullying", "School")
    assert split_codes("bullying,school, ") == ("bullying", "school")
    assert split_codes("a, b; c") == ("a, b", "c")
    assert split_codes("") == ()


def test_codes_match_keys_or_names_ignoring_case():
    rows = [
        imports.ImportRow(number=2, text="x", codes=("BULLYING", "school", "bullying")),
        imports.ImportRow(number=3, text="y"),
    ]
    matched, problem = match_codes(rows, CODEBOOK)
    assert matched == [["bullying", "school"], []]
    assert problem is None


def test_unknown_codes_are_listed_with_their_rows():
    rows = [
        imports.ImportRow(number=2, text="x", codes=("bullying", "Gangs")),
        imports.ImportRow(number=5, text="y", codes=("gangs?", "Gangs")),
    ]
    _matched, problem = match_codes(rows, CODEBOOK)
    assert problem.field == "codes_column"
    assert "“Gangs” (rows 2, 5)" in problem.message
    assert "“gangs?” (row 5)" in problem.message


# Reading a file


GOOD = csv_bytes(
    "Response ID,Age,School,Submitted,What would make you safer?,Codes",
    "101,13,Oak Academy,14/03/2025 10:22,More lights in the park,places_and_activities",
    "102,8 to 11,,2025-03-15,,",
    "103,parent,Elm Primary,,Safer crossings near school,School; Feeling safe",
)


def read_good(**columns):
    return read_answers(
        GOOD,
        text_column="What would make you safer?",
        id_column="Response ID",
        band_column="Age",
        cohort_column="School",
        date_column="Submitted",
        codes_column="Codes",
        **columns,
    )


def test_a_good_file_gives_the_rows_with_text():
    parsed = read_good()
    assert parsed.problems == []
    assert parsed.skipped == 1
    assert parsed.text_header == "What would make you safer?"
    first, second = parsed.rows
    assert (first.number, first.source_id, first.band, first.cohort) == (
        2,
        "101",
        "12-17",
        "Oak Academy",
    )
    assert first.answered_at == datetime(2025, 3, 14, 10, 22)
    assert first.codes == ("places_and_activities",)
    assert (second.number, second.band, second.answered_at) == (4, "adult", None)
    assert second.codes == ("School", "Feeling safe")


def test_column_names_match_ignoring_case_and_spaces():
    parsed = read_answers(GOOD, text_column=" what would make you SAFER? ", band_column="age")
    assert parsed.problems == []
    assert [row.band for row in parsed.rows] == ["12-17", "adult"]


def test_windows_text_semicolons_and_a_byte_order_mark_are_read():
    cp1252 = read_answers(
        csv_bytes("Answer;Age", "Caf\xe9s open later;13", encoding="cp1252"),
        text_column="Answer",
        band_column="Age",
    )
    assert [row.text for row in cp1252.rows] == ["Cafés open later"]
    bom = read_answers(
        "\ufeffAnswer,Age\nMore youth workers,9\n".encode(), text_column="Answer", band_column="Age"
    )
    assert bom.columns == ["Answer", "Age"] and bom.rows[0].band == "8-11"


def test_answers_over_several_lines_keep_their_row_number():
    parsed = read_answers(
        csv_bytes("Answer,Age", '"line one', 'line two",13', "next,teen"),
        text_column="Answer",
        band_column="Age",
    )
    assert parsed.rows[0].text == "line one\nline two"
    assert "row 3 (“teen”)" in messages(parsed)


def test_rows_without_a_band_take_the_default():
    parsed = read_answers(
        csv_bytes("Answer,Age", "a,", "b,5"), text_column="Answer", band_column="Age",
        default_band="12-17",
    )  # fmt: skip
    assert [row.band for row in parsed.rows] == ["12-17", "4-7"]


def test_rows_without_a_band_and_no_default_are_a_problem():
    parsed = read_answers(csv_bytes("Answer", "a", "b"), text_column="Answer")
    assert parsed.problems == [
        imports.Problem(
            "Rows 2, 3 have no age band: choose the age group for answers without one.",
            "default_band",
        )
    ]


def test_an_unknown_band_gives_the_row_and_value():
    parsed = read_answers(
        GOOD.replace(b"101,13,", b"101,teenager,"),
        text_column="What would make you safer?",
        band_column="Age",
    )
    assert parsed.problems[0].field == "band_column"
    assert "The age band could not be read in row 2 (“teenager”)" in messages(parsed)


def test_an_unreadable_date_gives_the_row_and_value():
    parsed = read_answers(
        csv_bytes("Answer,When", "a,3/14/2025", "b,14/03/2025", "c,soon"),
        text_column="Answer",
        date_column="When",
        default_band="8-11",
    )
    assert [p.field for p in parsed.problems] == ["date_column"]
    assert "row 2 (“3/14/2025”), row 4 (“soon”)" in messages(parsed)


def test_many_bad_rows_are_counted_not_all_listed():
    lines = ["Answer,Age"] + [f"a{i},x{i}" for i in range(12)]
    parsed = read_answers(csv_bytes(*lines), text_column="Answer", band_column="Age")
    assert "row 6 (“x4”) and 7 more rows" in messages(parsed)


def test_missing_or_repeated_ids_are_a_problem():
    parsed = read_answers(
        csv_bytes("ID,Answer", "1,a", ",b", "1,c"),
        text_column="Answer",
        id_column="ID",
        default_band="8-11",
    )
    assert messages(parsed) == (
        "Row 3 has no id. Each answer needs its own id, but these are used more than once: "
        "“1” (rows 2, 4)."
    )


def test_a_missing_column_lists_the_columns_found():
    parsed = read_answers(GOOD, text_column="Answer", date_column="Date", default_band="8-11")
    assert [p.field for p in parsed.problems] == ["text_column", "date_column"]
    assert parsed.problems[0].message == (
        "The file has no text column called “Answer”. Its columns are: “Response ID”, “Age”, "
        "“School”, “Submitted”, “What would make you safer?”, “Codes”."
    )
    assert "no date column called “Date”" in parsed.problems[1].message


def test_no_text_column_named_lists_the_columns_found():
    parsed = read_answers(GOOD, text_column=" ")
    assert parsed.problems[0].field == "text_column"
    assert "Name the column that holds the answers" in messages(parsed)
    assert "“Response ID”" in messages(parsed)


def test_a_column_named_twice_is_a_problem():
    parsed = read_answers(csv_bytes("Answer,Answer", "a,b"), text_column="Answer")
    assert "The file has 2 columns called “Answer”" in messages(parsed)


def test_no_rows_with_text_is_a_problem():
    parsed = read_answers(csv_bytes("ID,Answer", "1,", "2,  "), text_column="Answer")
    assert messages(parsed) == "No row has an answer in the column “Answer”."
    assert parsed.skipped == 2


def test_a_header_with_no_rows_is_a_problem():
    parsed = read_answers(csv_bytes("ID,Answer"), text_column="Answer")
    assert messages(parsed) == "No row has an answer in the column “Answer”."


@pytest.mark.parametrize("data", [b"", b"\n\n", b" , \n"])
def test_an_empty_file_is_a_problem(data):
    parsed = read_answers(data, text_column="Answer")
    assert messages(parsed) == (
        "The file is empty: it needs a header row naming the columns, then answers."
    )


def test_an_excel_workbook_is_not_a_csv():
    parsed = read_answers(b"PK\x03\x04" + b"\x00" * 100, text_column="Answer")
    assert "The file is an Excel workbook, not a CSV file" in messages(parsed)


def test_binary_data_is_not_a_csv():
    parsed = read_answers(b"\x89PNG\r\n\x1a\n\x00\x00", text_column="Answer")
    assert "The file is not a CSV file" in messages(parsed)


def test_text_in_neither_utf8_nor_windows_encoding_is_a_problem():
    parsed = read_answers(b"Answer\n\x81\x8d\x8f\n", text_column="Answer")
    assert "The file's text could not be read" in messages(parsed)


def test_a_broken_quote_is_a_problem():
    parsed = read_answers(b'Answer\n"never closed\n', text_column="Answer")
    assert "The file is not a readable CSV file" in messages(parsed)


def test_a_file_too_large_is_refused(monkeypatch):
    monkeypatch.setattr(imports, "MAX_BYTES", 10)
    parsed = read_answers(csv_bytes("Answer", "more than ten bytes"), text_column="Answer")
    assert messages(parsed).startswith("The file is larger than")


def test_too_many_rows_are_refused(monkeypatch):
    monkeypatch.setattr(imports, "MAX_ROWS", 2)
    parsed = read_answers(csv_bytes("Answer", "a", "b", "c"), text_column="Answer")
    assert messages(parsed) == (
        "The file has 3 rows: up to 2 can be imported at once. Split it into smaller files."
    )


def test_the_limits_are_20_mb_and_200000_rows():
    assert imports.MAX_BYTES == 20 * 1024 * 1024
    assert imports.MAX_ROWS == 200_000


def test_a_group_name_too_long_for_a_link_is_a_problem():
    parsed = read_answers(
        csv_bytes("Answer,Group", f"a,{'x' * 111}"),
        text_column="Answer",
        cohort_column="Group",
        default_band="8-11",
    )
    assert [p.field for p in parsed.problems] == ["cohort_column"]
    assert "longer than 110 characters in row 2" in messages(parsed)


# What the upload's request checks, and progress


@pytest.mark.parametrize(
    ("data", "columns", "message"),
    [
        (b"PK\x03\x04" + b"\x00" * 100, {}, "The file is an Excel workbook, not a CSV file"),
        (b"Answer\n\x81\x8d\x8f\n", {}, "The file's text could not be read"),
        (b'Answer\n"never closed\n', {}, "The file is not a readable CSV file"),
        (b"\n\n", {}, "The file is empty"),
        (GOOD, {"text_column": "Comment"}, "The file has no text column called “Comment”."),
        (GOOD, {"text_column": ""}, "Name the column that holds the answers."),
        (GOOD, {"date_column": "Date"}, "The file has no date column called “Date”."),
    ],
)
def test_checking_a_file_finds_the_problems_of_the_file_as_a_whole(data, columns, message):
    assert message in messages(imports.check_file(data, **{"text_column": "Answer", **columns}))


def test_checking_a_file_counts_its_rows_without_reading_them():
    bad_rows = csv_bytes("Answer,Age,Date", "a,teenager,31/02/2025", "b,,", ",,")
    checked = imports.check_file(bad_rows, text_column="Answer", band_column="Age")
    assert checked.problems == [] and checked.rows == []
    assert (checked.columns, checked.row_total) == (["Answer", "Age", "Date"], 3)


def test_checking_a_file_refuses_too_many_rows(monkeypatch):
    monkeypatch.setattr(imports, "MAX_ROWS", 2)
    checked = imports.check_file(csv_bytes("Answer", "a", "b", "c"), text_column="Answer")
    assert messages(checked).startswith("The file has 3 rows: up to 2 can be imported at once.")


def test_reading_tells_progress_every_so_many_rows_and_at_the_end(monkeypatch):
    monkeypatch.setattr(imports, "PROGRESS_EVERY", 2)
    told = []
    parsed = read_answers(
        csv_bytes("Answer", "a", "b", "", "c", "d"),
        text_column="Answer",
        default_band="8-11",
        progress=lambda done, total: told.append((done, total)),
    )
    assert len(parsed.rows) == 4 and parsed.row_total == 5
    assert told == [(2, 5), (4, 5), (5, 5)]
