"""The concern detector measured on labelled statements (tests/analysis/concern_statements.csv).

Recall comes first: a flagged answer is only read by a person, a missed one may be a child no
one hears. The rules are tuned on the dev rows. The holdout4 rows were written before the rules
they are measured against and are never used to tune them, so their floors are lower and honest;
bench/concerns.py prints the full figures.
"""

import csv
from pathlib import Path

import pytest

from analysis.concerns import CATEGORIES, detect_concerns

STATEMENTS = Path(__file__).with_name("concern_statements.csv")
MAIN_CATEGORIES = (
    "self_harm",
    "abuse_at_home",
    "sexual_abuse",
    "exploitation",
    "neglect",
    "bullying_threats",
)


def _load() -> list[dict]:
    with STATEMENTS.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        row["found"] = {m.category for m in detect_concerns(row["text"])}
    return rows


@pytest.fixture(scope="module")
def rows():
    return _load()


def _positives(rows, split=None):
    return [r for r in rows if r["category"] and split in (None, r["split"])]


def _misses(positives) -> str:
    return "\n".join(f"[{r['category']}] {r['text']}" for r in positives if not r["found"])


def test_statements_are_labelled_with_known_categories_and_splits(rows):
    assert {r["category"] for r in rows} <= set(CATEGORIES) | {""}
    assert {r["split"] for r in rows} == {"dev", "holdout4"}


def test_every_main_category_has_at_least_60_statements(rows):
    for category in MAIN_CATEGORIES:
        assert sum(r["category"] == category for r in rows) >= 60, category
    for category in ("feeling_unsafe", "other_harm"):
        assert sum(r["category"] == category for r in rows) >= 30, category


def test_there_are_at_least_as_many_negatives_as_positives(rows):
    assert sum(not r["category"] for r in rows) >= len(_positives(rows))


def test_recall_on_the_tuning_split_is_at_least_98_percent(rows):
    positives = _positives(rows, "dev")
    found = sum(bool(r["found"]) for r in positives)
    assert found / len(positives) >= 0.98, "missed:\n" + _misses(positives)


def test_recall_on_the_held_out_split_is_at_least_74_percent(rows):
    """Measured at 0.767 (102 of 133) when the split was first scored: well short of the 0.95
    the product needs, and the figure to quote."""
    positives = _positives(rows, "holdout4")
    found = sum(bool(r["found"]) for r in positives)
    assert found / len(positives) >= 0.74, "missed:\n" + _misses(positives)


def test_recall_over_all_positives_is_at_least_95_percent(rows):
    positives = _positives(rows)
    found = sum(bool(r["found"]) for r in positives)
    assert found / len(positives) >= 0.95, "missed:\n" + _misses(positives)


@pytest.mark.parametrize("category", MAIN_CATEGORIES)
def test_positives_are_flagged_under_their_own_category(rows, category):
    positives = [r for r in _positives(rows, "dev") if r["category"] == category]
    placed = sum(category in r["found"] for r in positives)
    wrong = "\n".join(r["text"] for r in positives if category not in r["found"])
    assert placed / len(positives) >= 0.95, "not placed:\n" + wrong


def test_category_accuracy_over_all_positives_is_at_least_94_percent(rows):
    positives = _positives(rows)
    placed = sum(r["category"] in r["found"] for r in positives)
    assert placed / len(positives) >= 0.94


@pytest.mark.parametrize(("split", "floor"), [("dev", 0.96), ("holdout4", 0.85), (None, 0.95)])
def test_precision_stays_above_its_floor(rows, split, floor):
    """Measured at 0.972 on dev, 0.879 on holdout4 (14 false alarms in 116 flagged) and 0.961
    overall."""
    part = [r for r in rows if split in (None, r["split"]) and r["found"]]
    false_alarms = [r["text"] for r in part if not r["category"]]
    precision = 1 - len(false_alarms) / len(part)
    assert precision >= floor, "false alarms:\n" + "\n".join(false_alarms)
