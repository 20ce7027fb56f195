import io
import json

import pandas as pd
import pytest
from django.core.management import CommandError, call_command

ROWS = [
    ("a1", "I get bullied at school", "bullying"),
    ("a2", "people pick on me at school", ""),
    ("a3", "Nothing", ""),
    ("a4", "my mum looks after me, call me on 07700 900123", "home_and_family"),
    ("a5", "more youth clubs", ""),
    ("a6", "not safe walking home", ""),
]


def write_csv(path, rows=ROWS):
    pd.DataFrame(rows, columns=["ref", "answer", "codes"]).to_csv(path, index=False)
    return path


def run(*args):
    call_command("analyse", *args, stderr=io.StringIO(), stdout=io.StringIO())


def test_writes_three_outputs(tmp_path):
    source = write_csv(tmp_path / "in.csv")
    out = tmp_path / "out"
    # Six answers make only small themes: --min-group 1 shows every size.
    run(str(source), "--text-column", "answer", "--id-column", "ref", "--codes-column", "codes",
        "--min-group", "1", "--out", str(out))  # fmt: skip
    answers = pd.read_csv(out / "answers.csv", keep_default_na=False)
    assert list(answers.columns) == [
        "id", "theme", "codes", "code_confidence", "sentiment", "concern", "redacted_text",
    ]  # fmt: skip
    assert answers["id"].tolist() == ["a1", "a2", "a3", "a4", "a5", "a6"]
    assert answers["codes"][0] == "bullying" and all(answers["codes"] != "")
    assert answers["theme"][2] == 0
    assert set(answers["sentiment"]) <= {"negative", "neutral", "positive"}
    assert answers["sentiment"][5] == "negative"
    assert "07700" not in answers["redacted_text"][3]
    themes = pd.read_csv(out / "themes.csv")
    assert list(themes.columns)[:6] == ["theme", "label", "size", "share", "top_terms", "quotes"]
    assert themes["size"].sum() == 6
    summary = json.loads((out / "summary.json").read_text())
    assert summary["counts"]["answers"] == 6 and summary["timings_s"]["total"] >= 0


def test_codebook_file(tmp_path):
    source = write_csv(tmp_path / "in.csv")
    book = tmp_path / "book.json"
    book.write_text(json.dumps([{"code": "school_life", "examples": ["school", "teachers"]},
                                {"code": "home", "examples": ["mum", "home"]}]))  # fmt: skip
    run(
        str(source),
        "--text-column",
        "answer",
        "--codebook",
        str(book),
        "--out",
        str(tmp_path / "o"),
    )
    answers = pd.read_csv(tmp_path / "o" / "answers.csv")
    assert set(";".join(answers["codes"]).split(";")) <= {"school_life", "home", "other"}


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        (None, ["--text-column", "nope"], "no column 'nope'"),
        ("", ["--text-column", "answer"], "is empty"),
        ("answer\n", ["--text-column", "answer"], "no answers"),
        ('a,"b\n1,"2\n"3', ["--text-column", "a"], "not a readable CSV"),
        (b"\xff\xfe\x00\x01", ["--text-column", "a"], "not a readable CSV"),
    ],
)
def test_bad_input_says_why_and_writes_nothing(tmp_path, content, args, message):
    source = tmp_path / "in.csv"
    if content is None:
        write_csv(source)
    elif isinstance(content, bytes):
        source.write_bytes(content)
    else:
        source.write_text(content)
    out = tmp_path / "out"
    with pytest.raises(CommandError, match=message):
        run(str(source), *args, "--out", str(out))
    assert not out.exists()


def test_missing_file(tmp_path):
    with pytest.raises(CommandError, match="No file"):
        run(str(tmp_path / "none.csv"), "--text-column", "a", "--out", str(tmp_path / "out"))


SMALL = "A small theme (fewer than 5 answers)"
MIXED = [
    (f"b{n}", text, "")
    for n, text in enumerate(
        [
            "I get bullied at school every day",
            "bullies at school push me around",
            "people bully me at school",
            "being bullied at school by older kids",
            "the bullying at school is bad",
            "school bullies call me names",
            "bullied at school in the toilets",
            "stop bullying at school",
        ]
    )
] + [
    ("c1", "the bus home is late at night", ""),
    ("c2", "the night bus feels unsafe", ""),
]


def sizes_from_answers(out) -> dict[int, int]:
    answers = pd.read_csv(out / "answers.csv", keep_default_na=False)
    return answers["theme"].value_counts().to_dict()


def test_a_theme_smaller_than_the_threshold_is_not_named_quoted_or_counted(tmp_path):
    """By default themes.csv follows the service's rule: under 5 answers, a theme reads as
    small, with no words, no quotes, and its size and share suppressed."""
    source = write_csv(tmp_path / "in.csv", MIXED)
    out = tmp_path / "out"
    run(str(source), "--text-column", "answer", "--themes", "2", "--out", str(out))
    sizes = sizes_from_answers(out)
    themes = pd.read_csv(out / "themes.csv", keep_default_na=False, dtype=str)
    small = themes[themes["theme"].astype(int).map(sizes) < 5]
    big = themes[themes["theme"].astype(int).map(sizes) >= 5]
    assert len(small) >= 1 and len(big) >= 1, sizes
    for _index, row in small.iterrows():
        assert row["label"] == SMALL
        assert row["top_terms"] == "" and row["quotes"] == ""
        assert row["size"] == "fewer than 5" and row["share"] == ""
    for _index, row in big.iterrows():
        assert row["label"] != SMALL and row["quotes"] != ""
        # Shown, or hidden so the small one cannot be worked out from the total.
        assert row["size"] in (str(sizes[int(row["theme"])]), "hidden")
    assert "bus" not in (out / "themes.csv").read_text()
    summary = json.loads((out / "summary.json").read_text())
    assert summary["min_group"] == 5


def test_min_group_sets_the_threshold_and_answers_csv_keeps_every_row(tmp_path):
    source = write_csv(tmp_path / "in.csv", MIXED)
    run(str(source), "--text-column", "answer", "--themes", "2", "--out", str(tmp_path / "five"))
    run(str(source), "--text-column", "answer", "--themes", "2", "--min-group", "1",
        "--out", str(tmp_path / "one"))  # fmt: skip
    themes = pd.read_csv(tmp_path / "one" / "themes.csv", keep_default_na=False)
    assert SMALL not in set(themes["label"])
    assert themes["size"].sum() == len(MIXED)
    assert json.loads((tmp_path / "one" / "summary.json").read_text())["min_group"] == 1
    assert (tmp_path / "five" / "answers.csv").read_text() == (
        tmp_path / "one" / "answers.csv"
    ).read_text()


def test_a_min_group_under_one_is_refused_and_writes_nothing(tmp_path):
    source = write_csv(tmp_path / "in.csv")
    out = tmp_path / "out"
    with pytest.raises(CommandError, match="--min-group must be 1 or more"):
        run(str(source), "--text-column", "answer", "--min-group", "0", "--out", str(out))
    assert not out.exists()
