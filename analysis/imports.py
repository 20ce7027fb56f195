"""Reading answers exported from other survey tools (SmartSurvey, Microsoft Forms, a spreadsheet)
as CSV: one answer per row, with optional id, age band, group, date and codes columns.

Pure: bytes in, plain rows and every problem found out. check_file finds what it can without
reading every answer, quickly enough for the upload's request; read_answers reads the rows. The
service turns the rows into a survey, responses and answers in one transaction, and writes
nothing when there is a problem.
"""

import csv
import io
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 200_000
MAX_COHORT_LENGTH = 110  # "Imported: " and the group's name fit a collection link's name
EXAMPLES = 5  # rows quoted in a message; the rest are counted
PROGRESS_EVERY = 2_000  # rows read between calls of read_answers' progress

# The age bands' values, as surveys.models.AgeBand holds them.
BANDS = ("4-7", "8-11", "12-17", "18-25", "adult")
BAND_AGES = (("4-7", 4, 7), ("8-11", 8, 11), ("12-17", 12, 17), ("18-25", 18, 25))
ADULT_WORDS = {"adult", "adults", "parent", "parents", "carer", "carers", "guardian", "guardians"}
CHILD_WORDS = {"young", "child", "children", "kid", "kids"}  # "young carer" is not an adult
AGE_WORDS = {"age", "aged", "ages", "year", "years", "yr", "yrs", "old", "olds", "to"}

# The form field each column comes from, so a page can put a problem next to it.
COLUMN_FIELDS = {
    "text_column": "text",
    "id_column": "id",
    "band_column": "age band",
    "cohort_column": "group",
    "date_column": "date",
    "codes_column": "codes",
}


@dataclass(frozen=True)
class Problem:
    message: str
    field: str = "file"  # the form field it is about


class ImportProblems(Exception):
    """The file cannot be imported; nothing was stored."""

    def __init__(self, problems: list[Problem]):
        super().__init__(" ".join(p.message for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class ImportRow:
    number: int  # as a spreadsheet shows it: the header is row 1
    text: str
    source_id: str = ""
    band: str = ""  # one of BANDS
    cohort: str = ""
    answered_at: datetime | None = None  # naive means local time
    codes: tuple[str, ...] = ()  # as written in the file


@dataclass
class ParsedFile:
    columns: list[str] = field(default_factory=list)
    text_header: str = ""  # the text column's name as the file spells it
    rows: list[ImportRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    skipped: int = 0  # rows with no text
    row_total: int = 0  # rows after the header, with text or not


# Age bands


def band_for(value: str) -> str | None:
    """The age band a cell names: a band ("8-11", "8 to 11", "8–11 years"), an age ("13"), a
    range inside one band ("14-16") or a parent or carer. None when it cannot tell."""
    cleaned = " ".join(re.sub(r"[\u2010-\u2015\u2212]", "-", value.strip().lower()).split())
    if cleaned in BANDS:
        return cleaned
    words = set(re.findall(r"[a-z]+", cleaned))
    numbers = [int(n) for n in re.findall(r"\d+", cleaned)]
    if not numbers:
        return "adult" if words & ADULT_WORDS and not words & CHILD_WORDS else None
    open_ended = re.fullmatch(
        r"(?:aged? )?(?:over (\d+)|(\d+) ?(?:\+|and over|or over|or older))(?: years?(?: old)?)?",
        cleaned,
    )
    if open_ended:  # "18+" spans two bands; only ages past the oldest band are clear
        low = int(open_ended[1]) + 1 if open_ended[1] else int(open_ended[2])
        return "adult" if low > BAND_AGES[-1][2] else None
    if cleaned.startswith(("year", "yr")) or words - AGE_WORDS:
        return None  # "Year 9" is a school year, "under 8" not an age
    if len(numbers) == 1:
        return _band_of_ages(numbers[0], numbers[0])
    if len(numbers) == 2 and re.search(r"\d ?(-|to) ?\d", cleaned):
        return _band_of_ages(*numbers)
    return None


def _band_of_ages(low: int, high: int) -> str | None:
    if low > high:
        return None
    if low >= 26:
        return "adult"
    for band, first, last in BAND_AGES:
        if first <= low and high <= last:
            return band
    return None


# Dates

_UK_FORMATS = [
    f"{day}{time}"
    for day in ("%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y")
    for time in ("", " %H:%M", " %H:%M:%S", " %I:%M %p", " %I:%M:%S %p")
]


def date_for(value: str) -> datetime | None:
    """A cell as a date and time: ISO 8601 (with or without time and offset) or UK day first
    (14/03/2025, 14/03/2025 10:22). None when it is neither; US month-first dates such as
    3/14/2025 are not read as UK ones."""
    cleaned = " ".join(value.strip().split())
    if re.match(r"\d{4}-\d{2}-\d{2}", cleaned):
        try:
            return datetime.fromisoformat(cleaned)
        except ValueError:
            return None
    for pattern in _UK_FORMATS:
        try:
            return datetime.strptime(cleaned.upper(), pattern)
        except ValueError:
            continue
    return None


# Codes


def split_codes(value: str) -> tuple[str, ...]:
    """Codes separated by ';' or, when there is no ';', by ','."""
    separator = ";" if ";" in value else ","
    return tuple(code.strip() for code in value.split(separator) if code.strip())


def match_codes(
    rows: list[ImportRow], codebook: Mapping[str, str]
) -> tuple[list[list[str]], Problem | None]:
    """Each row's codes as codebook keys. codebook maps each code's key and name to its key;
    matching ignores case. The problem lists every code the codebook does not have."""
    known = {name.strip().lower(): key for name, key in codebook.items()}
    unknown: dict[str, list[int]] = {}
    matched = []
    for row in rows:
        keys = []
        for code in row.codes:
            key = known.get(code.lower())
            if key is None:
                unknown.setdefault(code, []).append(row.number)
            elif key not in keys:
                keys.append(key)
        matched.append(keys)
    if not unknown:
        return matched, None
    listed = "; ".join(f"“{code}” ({_rows(numbers)})" for code, numbers in sorted(unknown.items()))
    return matched, Problem(
        f"The codebook has no code called {listed}. Use the codes' names or keys from the "
        "codebook, or add the codes to it first.",
        "codes_column",
    )


# Reading the file


def check_file(
    data: bytes,
    *,
    text_column: str,
    id_column: str = "",
    band_column: str = "",
    cohort_column: str = "",
    date_column: str = "",
    codes_column: str = "",
) -> ParsedFile:
    """The problems found without reading the answers: too large, not a CSV file, empty, too
    many rows, or a named column missing. The rows are counted, not read."""
    columns = _column_options(
        text_column, id_column, band_column, cohort_column, date_column, codes_column
    )
    return _open(data, columns, keep_records=False)[0]


def read_answers(
    data: bytes,
    *,
    text_column: str,
    id_column: str = "",
    band_column: str = "",
    cohort_column: str = "",
    date_column: str = "",
    codes_column: str = "",
    default_band: str = "",
    progress: Callable[[int, int], None] | None = None,
) -> ParsedFile:
    """The file's rows that have text, and every problem that stops it being imported.
    progress, if given, is told the rows read and the rows in all every PROGRESS_EVERY rows."""
    columns = _column_options(
        text_column, id_column, band_column, cohort_column, date_column, codes_column
    )
    parsed, positions, records = _open(data, columns, keep_records=True)
    if parsed.problems:
        return parsed
    parsed.text_header = parsed.columns[positions["text_column"]]
    _read_rows(parsed, records, positions, default_band, progress)
    if not parsed.rows and not parsed.problems:
        parsed.problems.append(
            Problem(
                f"No row has an answer in the column “{parsed.text_header}”.",
                "text_column",
            )
        )
    return parsed


def _column_options(text, id_, band, cohort, date, codes) -> dict[str, str]:
    return {
        "text_column": text,
        "id_column": id_,
        "band_column": band,
        "cohort_column": cohort,
        "date_column": date,
        "codes_column": codes,
    }


def _open(data: bytes, columns: dict[str, str], *, keep_records: bool):
    """The file's header, where each named column is, and the records after the header (or,
    when they are not kept, only how many there are)."""
    parsed = ParsedFile()
    if len(data) > MAX_BYTES:
        return _fail(
            parsed,
            f"The file is larger than {MAX_BYTES // 1024 // 1024} MB, the most that can be "
            "imported at once. Split it into smaller files.",
        )
    text, problem = _decode(data)
    if problem:
        return _fail(parsed, problem)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=True)
    try:
        header = next((record for record in reader if any(cell.strip() for cell in record)), None)
        if keep_records:
            records = list(reader)
            parsed.row_total = len(records)
        else:
            records, parsed.row_total = [], sum(1 for _record in reader)
    except csv.Error as error:
        return _fail(parsed, f"The file is not a readable CSV file: {error}.")
    if header is None:
        return _fail(
            parsed, "The file is empty: it needs a header row naming the columns, then answers."
        )
    parsed.columns = [cell.strip() for cell in header]
    if parsed.row_total > MAX_ROWS:
        return _fail(
            parsed,
            f"The file has {parsed.row_total:,} rows: up to {MAX_ROWS:,} can be imported at once. "
            "Split it into smaller files.",
        )
    if not columns["text_column"].strip():
        parsed.problems.append(
            Problem(
                "Name the column that holds the answers. "
                f"The file's columns are: {_found(parsed)}.",
                "text_column",
            )
        )
    positions = _positions(parsed, columns)
    return parsed, positions, records


def _fail(parsed: ParsedFile, message: str):
    parsed.problems.append(Problem(message))
    return parsed, {}, []


def _decode(data: bytes) -> tuple[str, str | None]:
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        return "", (
            "The file is an Excel workbook, not a CSV file. Open it and save it as "
            "“CSV UTF-8 (comma delimited)”, then import that."
        )
    if b"\x00" in data[:4096] or data.startswith(b"%PDF"):
        return "", "The file is not a CSV file: it holds binary data, not text."
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding), None
        except UnicodeDecodeError:
            continue
    return "", (
        "The file's text could not be read: save it as “CSV UTF-8 (comma delimited)” and "
        "import that."
    )


def _found(parsed: ParsedFile) -> str:
    return ", ".join(f"“{name}”" for name in parsed.columns if name) or "none"


def _delimiter(text: str) -> str:
    """Commas unless the header row splits into more columns on semicolons or tabs, as some
    spreadsheets export."""
    header = text.split("\n", 1)[0]
    counts = {
        delimiter: len(next(csv.reader([header], delimiter=delimiter), []))
        for delimiter in (",", ";", "\t")
    }
    best = max(counts, key=counts.get)
    return best if counts[best] > counts[","] else ","


def _positions(parsed: ParsedFile, columns: dict[str, str]) -> dict[str, int]:
    """Where each named column is. A name matches exactly, or ignoring case and spaces at
    either end when that picks out one column."""
    positions = {}
    for option, name in columns.items():
        name = (name or "").strip()
        if not name:
            continue
        exact = [i for i, column in enumerate(parsed.columns) if column == name]
        loose = [i for i, column in enumerate(parsed.columns) if column.lower() == name.lower()]
        matches = exact or loose
        if len(matches) == 1:
            positions[option] = matches[0]
        elif not matches:
            parsed.problems.append(
                Problem(
                    f"The file has no {COLUMN_FIELDS[option]} column called “{name}”. "
                    f"Its columns are: {_found(parsed)}.",
                    option,
                )
            )
        else:
            parsed.problems.append(
                Problem(
                    f"The file has {len(matches)} columns called “{name}”: rename one of them.",
                    option,
                )
            )
    return positions


def _read_rows(
    parsed: ParsedFile,
    records: list[list[str]],
    positions: dict[str, int],
    default_band: str,
    progress: Callable[[int, int], None] | None,
) -> None:
    bad_bands, bad_dates, no_band, no_id, long_cohorts = [], [], [], [], []
    ids: dict[str, list[int]] = {}

    def cell(record: list[str], option: str) -> str:
        position = positions.get(option)
        if position is None or position >= len(record):
            return ""
        return record[position].strip()

    for number, record in enumerate(records, start=2):
        if progress and number > 2 and (number - 2) % PROGRESS_EVERY == 0:
            progress(number - 2, len(records))
        text = cell(record, "text_column")
        if not text:
            parsed.skipped += 1
            continue
        source_id, raw_band = cell(record, "id_column"), cell(record, "band_column")
        raw_date, cohort = cell(record, "date_column"), cell(record, "cohort_column")
        band = band_for(raw_band) if raw_band else default_band
        answered_at = date_for(raw_date) if raw_date else None
        if raw_band and band is None:
            bad_bands.append((number, raw_band))
        elif not band:
            no_band.append(number)
        if raw_date and answered_at is None:
            bad_dates.append((number, raw_date))
        if "id_column" in positions:
            if source_id:
                ids.setdefault(source_id, []).append(number)
            else:
                no_id.append(number)
        if len(cohort) > MAX_COHORT_LENGTH:
            long_cohorts.append(number)
        parsed.rows.append(
            ImportRow(
                number=number,
                text=text,
                source_id=source_id,
                band=band or "",
                cohort=cohort,
                answered_at=answered_at,
                codes=split_codes(cell(record, "codes_column")),
            )
        )
    if progress:
        progress(len(records), len(records))
    _row_problems(parsed, bad_bands, bad_dates, no_band, no_id, long_cohorts, ids)


def _row_problems(parsed, bad_bands, bad_dates, no_band, no_id, long_cohorts, ids) -> None:
    add = parsed.problems.append
    if bad_bands:
        add(
            Problem(
                f"The age band could not be read in {_rows_with_values(bad_bands)}. Write "
                "4-7, 8-11, 12-17, 18-25 or adult, or an age such as 13.",
                "band_column",
            )
        )
    if no_band:
        add(
            Problem(
                f"{_rows(no_band).capitalize()} {'has' if len(no_band) == 1 else 'have'} no age "
                "band: choose the age group for answers without one.",
                "default_band",
            )
        )
    if bad_dates:
        add(
            Problem(
                f"The date could not be read in {_rows_with_values(bad_dates)}. Write dates as "
                "2025-03-14 or 14/03/2025, with or without a time such as 10:22.",
                "date_column",
            )
        )
    if no_id:
        add(
            Problem(
                f"{_rows(no_id).capitalize()} {'has' if len(no_id) == 1 else 'have'} no id.",
                "id_column",
            )
        )
    repeated = {value: numbers for value, numbers in ids.items() if len(numbers) > 1}
    if repeated:
        listed = "; ".join(
            f"“{value}” ({_rows(numbers)})" for value, numbers in list(repeated.items())[:EXAMPLES]
        )
        more = f" and {len(repeated) - EXAMPLES:,} more" if len(repeated) > EXAMPLES else ""
        add(
            Problem(
                f"Each answer needs its own id, but these are used more than once: {listed}{more}.",
                "id_column",
            )
        )
    if long_cohorts:
        add(
            Problem(
                f"The group's name is longer than {MAX_COHORT_LENGTH} characters in "
                f"{_rows(long_cohorts)}.",
                "cohort_column",
            )
        )


def _rows(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:EXAMPLES])
    more = f" and {len(numbers) - EXAMPLES:,} more" if len(numbers) > EXAMPLES else ""
    return f"{'row' if len(numbers) == 1 else 'rows'} {shown}{more}"


def _rows_with_values(found: list[tuple[int, str]]) -> str:
    shown = ", ".join(f"row {number} (“{value[:40]}”)" for number, value in found[:EXAMPLES])
    more = f" and {len(found) - EXAMPLES:,} more rows" if len(found) > EXAMPLES else ""
    return f"{shown}{more}"
