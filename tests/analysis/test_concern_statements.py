"""The concern detector measured on labelled statements (tests/analysis/concern_statements.csv).

Recall comes first: a flagged answer is only read by a person, a missed one may be a child no
one hears. The rules are tuned on the dev rows, and the learned second opinion is trained on
them (copied into analysis/data/concern_training.csv with statements written for it). The
held-out rows (holdout5, holdout6, holdout7) were written before the method they are measured
against and are never used to tune it, so their floors are lower and honest; bench/concerns.py
prints the full figures. `voice` says whether a held-out statement is in a child's words or an
adult family member's. "found" is what the detector reports (rules, then the learned model when
no rule matches); "ruled" is the rules alone.

ordinary_answers.csv holds everyday answers with no concern in them, written with holdout7: the
share of them flagged is the false alarms a child, a family or a safeguarding lead would meet.
"""

import csv
import re
from pathlib import Path

import pytest

from analysis.concerns import CATEGORIES, detect_concerns, learned, rules
from analysis.concerns.rules import rule_matches

STATEMENTS = Path(__file__).with_name("concern_statements.csv")
ORDINARY = Path(__file__).with_name("ordinary_answers.csv")
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
        row["ruled"] = {m.category for m in rule_matches(row["text"])}
    return rows


@pytest.fixture(scope="module")
def rows():
    return _load()


def _positives(rows, split=None):
    return [r for r in rows if r["category"] and split in (None, r["split"])]


def _misses(positives, key="found") -> str:
    return "\n".join(f"[{r['category']}] {r['text']}" for r in positives if not r[key])


def _recall(positives, key="found") -> float:
    return sum(bool(r[key]) for r in positives) / len(positives)


def test_statements_are_labelled_with_known_categories_and_splits(rows):
    assert {r["category"] for r in rows} <= set(CATEGORIES) | {""}
    assert {r["split"] for r in rows} == {"dev", "holdout5", "holdout6", "holdout7"}
    assert {r["voice"] for r in rows} == {"", "child", "adult"}


def test_every_main_category_has_at_least_60_statements(rows):
    for category in MAIN_CATEGORIES:
        assert sum(r["category"] == category for r in rows) >= 60, category
    for category in ("feeling_unsafe", "other_harm"):
        assert sum(r["category"] == category for r in rows) >= 30, category


def test_there_are_at_least_as_many_negatives_as_positives(rows):
    """The ordinary answers count too: holdout7's harmless statements are its look-alikes."""
    with ORDINARY.open(newline="", encoding="utf-8") as f:
        ordinary = list(csv.DictReader(f))
    assert sum(not r["category"] for r in rows) + len(ordinary) >= len(_positives(rows))


def test_the_training_file_holds_every_dev_statement_and_no_held_out_one(rows):
    training = {(r["text"], r["category"], r["source"]) for r in learned.read_training()}
    dev = {(r["text"], r["category"], "dev") for r in rows if r["split"] == "dev"}
    assert dev <= training
    assert sum(source == "dev" for *_, source in training) == len(dev)
    held_out = {r["text"].lower() for r in rows if r["split"] != "dev"}
    assert not {text.lower() for text, *_ in training} & held_out


def test_rules_alone_find_at_least_98_percent_of_the_tuning_split(rows):
    positives = _positives(rows, "dev")
    assert _recall(positives, "ruled") >= 0.98, "missed:\n" + _misses(positives, "ruled")


@pytest.mark.parametrize(
    ("split", "floor"), [("holdout5", 0.67), ("holdout6", 0.66), ("holdout7", 0.72)]
)
def test_rules_alone_on_the_held_out_splits(rows, split, floor):
    """Measured at 0.694 (125 of 180) on holdout5, 0.683 (123 of 180) on holdout6 and 0.744
    (134 of 180) on holdout7 when each was first scored: far short of the 0.95 the product
    needs, hence the learned model."""
    positives = _positives(rows, split)
    assert _recall(positives, "ruled") >= floor, "missed:\n" + _misses(positives, "ruled")


def test_recall_on_the_tuning_split_is_at_least_99_percent(rows):
    positives = _positives(rows, "dev")
    assert _recall(positives) >= 0.99, "missed:\n" + _misses(positives)


@pytest.mark.parametrize("split", ["holdout5", "holdout6"])
def test_recall_on_the_held_out_splits_is_at_least_95_percent(rows, split):
    """Rules and learned model together, as shipped: 0.978 (176 of 180) on holdout5 and 0.978
    (176 of 180) on holdout6, since the model's threshold also answers to a false-alarm budget
    over ordinary answers (0.994 and 0.983 before). The model's first version was measured once
    at 0.983 on both; these are later looks. 0.95 is what the product needs."""
    positives = _positives(rows, split)
    assert _recall(positives) >= 0.95, "missed:\n" + _misses(positives)


def test_recall_on_the_fresh_held_out_split_is_at_least_97_percent(rows):
    """Measured at first scoring, when the threshold's false-alarm budget and the ordinary
    training answers were done: 0.989 (178 of 180; 0.978 in children's words, 1.000 in
    adults'). The model before them found 179. The same after 27 more ordinary training answers
    (who looks after me, knives and forks) that kept older tests' plain answers unflagged, and
    36 written concerns in which a family member says a child is still with the person who
    did harm."""
    positives = _positives(rows, "holdout7")
    assert _recall(positives) >= 0.97, "missed:\n" + _misses(positives)


def test_recall_over_all_positives_is_at_least_99_percent(rows):
    positives = _positives(rows)
    assert _recall(positives) >= 0.99, "missed:\n" + _misses(positives)


@pytest.mark.parametrize("category", MAIN_CATEGORIES)
def test_positives_are_flagged_under_their_own_category(rows, category):
    positives = [r for r in _positives(rows, "dev") if r["category"] == category]
    placed = sum(category in r["found"] for r in positives)
    wrong = "\n".join(r["text"] for r in positives if category not in r["found"])
    assert placed / len(positives) >= 0.95, "not placed:\n" + wrong


def test_category_accuracy_over_all_positives_is_at_least_92_percent(rows):
    """Measured at 0.932 with the learned model (0.860 for the rules alone); on the held-out
    splits 0.828 (holdout5), 0.822 (holdout6) and 0.800 (holdout7; 0.806 at first scoring)."""
    positives = _positives(rows)
    placed = sum(r["category"] in r["found"] for r in positives)
    assert placed / len(positives) >= 0.92


@pytest.mark.parametrize(
    ("split", "floor"),
    [("dev", 0.90), ("holdout5", 0.81), ("holdout6", 0.82), ("holdout7", 0.82), (None, 0.87)],
)
def test_precision_stays_above_its_floor(rows, split, floor):
    """Measured at 0.915 on dev (90 false alarms in 1,058 flagged), 0.822 on holdout5 (38 in
    214), 0.838 on holdout6 (34 in 210), 0.848 on holdout7 (32 in 210; 0.844 at first scoring)
    and 0.885 overall. The rules alone: 0.997, 0.868, 0.911, 0.899 and 0.965; the learned
    model trades those false alarms for the recall above. Most are look-alikes written to be
    hard; see the ordinary answers below for everyday ones."""
    part = [r for r in rows if split in (None, r["split"]) and r["found"]]
    false_alarms = [r["text"] for r in part if not r["category"]]
    precision = 1 - len(false_alarms) / len(part)
    assert precision >= floor, "false alarms:\n" + "\n".join(false_alarms)


@pytest.fixture(scope="module")
def ordinary():
    with ORDINARY.open(newline="", encoding="utf-8") as f:
        answers = list(csv.DictReader(f))
    for answer in answers:
        answer["found"] = {m.category for m in detect_concerns(answer["text"])}
        answer["ruled"] = {m.category for m in rule_matches(answer["text"])}
    return answers


def test_the_ordinary_answers_are_new_to_the_model_and_in_both_voices(ordinary):
    training = {row["text"].lower() for row in learned.read_training()}
    assert not {a["text"].lower() for a in ordinary} & training
    assert {a["voice"] for a in ordinary} == {"child", "adult"}
    assert len(ordinary) >= 200


@pytest.mark.parametrize(("key", "ceiling"), [("found", 0.10), ("ruled", 0.03)])
def test_few_ordinary_answers_raise_a_false_alarm(ordinary, key, ceiling):
    """Measured on first scoring at 15 of 202 flagged (0.074), 4 of them by the rules alone
    (0.020); 17 (0.084: children's 5 of 111, adults' 12 of 91) after the training answers
    added since. The model before the ordinary training answers and the false-alarm budget
    flagged 44 (0.218)."""
    flagged = [a["text"] for a in ordinary if a[key]]
    assert len(flagged) / len(ordinary) <= ceiling, "\n".join(flagged)


def test_rules_alone_rarely_raise_false_alarms_on_the_tuning_split(rows):
    part = [r for r in rows if r["split"] == "dev" and r["ruled"]]
    false_alarms = [r["text"] for r in part if not r["category"]]
    assert 1 - len(false_alarms) / len(part) >= 0.98, "\n".join(false_alarms)


def test_rules_grouped_by_first_letter_match_as_one_plain_alternation(rows):
    """The rules are grouped by the letter they can start with for speed; every statement must
    get the same matches, from the same rules, as from one plain alternation."""
    text = " ".join(t for row in rows for t in rules._texts(row["text"]))
    for category in CATEGORIES:
        alternatives = rules._RULES[category] + rules._FAMILIES[category]
        plain = re.compile(r"[ .,!?;:](?:" + "|".join(alternatives) + r")\b")
        grouped = rules._PATTERNS[category]
        expected = [m.span() for m in plain.finditer(text)]
        assert [m.span() for m in grouped.finditer(text)] == expected, category
