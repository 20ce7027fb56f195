"""The learned second opinion: what it catches that the rules miss, what it leaves alone, and
that it is the same model every time.

Pure Python, no database: run with `pytest tests/analysis -p no:django --noconftest` if the
Django fixtures cannot load.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.concerns import ConcernMatch, detect_concerns, learned
from analysis.concerns.rules import rule_matches

# New wordings, none in the training file, that no rule matches.
PARAPHRASES = [
    ("abuse_at_home", "My ex still hits our little boy when he has him at weekends."),
    ("abuse_at_home", "My grandson says his dad locks him in the cupboard when he cries"),
    ("sexual_abuse", "my mums boyfriend gets in the shower with me"),
    ("exploitation", "My daughter is fifteen and her boyfriend is thirty"),
    ("self_harm", "lately i just feel like disappearing for good"),
    ("neglect", "i havent eaten a proper meal since monday"),
]

PLAIN_ANSWERS = [
    "nothing",
    "no",
    "n/a",
    "idk",
    "I don't know really",
    "not that I know of",
    "no I don't think so",
    "all of it",
    "none of it",
    "nothing at all really",
    "not much to be honest",
    "my mum and dad",
    "home",
    "football",
    "more trips please",
    "I like playing football",
    "the teachers are nice",
    "Staff were friendly and the ward was clean.",
]


def test_the_paraphrases_are_new_to_the_model_and_the_rules():
    training = {row["text"].lower() for row in learned.read_training()}
    for _, text in PARAPHRASES:
        assert text.lower() not in training
        assert rule_matches(text) == [], text


@pytest.mark.parametrize(("category", "text"), PARAPHRASES)
def test_paraphrases_the_rules_miss_are_flagged_by_the_model(category, text):
    [match] = detect_concerns(text)
    assert match.category == category


@pytest.mark.parametrize("text", PLAIN_ANSWERS)
def test_plain_answers_are_left_alone(text):
    assert learned.learned_match(text) is None
    assert detect_concerns(text) == []


def test_an_answer_of_function_words_only_is_not_judged():
    assert learned.model().score("no i dont think so, not really") == float("-inf")


def test_the_phrase_is_quoted_as_written_around_the_most_telling_word():
    text = "My ex still HITS our little boy when he has him at weekends."
    [match] = detect_concerns(text)
    assert match == ConcernMatch("abuse_at_home", "ex still HITS")


@pytest.mark.parametrize(("category", "text"), PARAPHRASES)
def test_the_phrase_is_a_span_of_the_text(category, text):
    [match] = detect_concerns(text)
    assert match.phrase and match.phrase in text


def test_a_disclosure_among_ordinary_sentences_is_still_flagged():
    text = (
        "The staff at the school are lovely and my son likes his teacher. "
        "My ex still hits our little boy when he has him at weekends. "
        "We would like more clubs in the holidays."
    )
    [match] = detect_concerns(text)
    assert match.category == "abuse_at_home"
    assert match.phrase == "ex still hits"


def test_the_model_is_asked_only_when_no_rule_matches():
    text = "my dad hits me and my ex still hits our little boy"
    assert detect_concerns(text) == rule_matches(text)


def test_training_again_gives_the_same_model():
    rows = learned.read_training()
    first, second = learned.Model.train(rows), learned.Model.train(rows)
    assert first.weights == second.weights
    assert first.categories == second.categories
    assert first.threshold == second.threshold == learned.model().threshold


def test_another_process_with_other_string_hashing_gives_the_same_results():
    """Sets of features iterate in a different order when PYTHONHASHSEED differs; the scores
    must not."""
    texts = [text for _, text in PARAPHRASES] + PLAIN_ANSWERS
    code = (
        "import sys\n"
        "from analysis.concerns import learned\n"
        "model = learned.model()\n"
        "print(repr(model.threshold))\n"
        "for text in sys.argv[1:]:\n"
        "    print(repr(model.score(text)), model.match(text))\n"
    )
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONHASHSEED": "12345", "PYTHONPATH": str(root)}
    out = subprocess.run(
        [sys.executable, "-c", code, *texts], env=env, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    model = learned.model()
    expected = [repr(model.threshold)] + [
        f"{model.score(text)!r} {model.match(text)}" for text in texts
    ]
    assert out == expected


def test_a_training_file_with_an_unknown_category_is_refused(tmp_path):
    path = tmp_path / "training.csv"
    path.write_text("text,category,source\nhe hits me,violence,dev\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown categories"):
        learned.read_training(path)


def test_a_training_file_with_an_unknown_source_is_refused(tmp_path):
    path = tmp_path / "training.csv"
    path.write_text("text,category,source\nhe hits me,abuse_at_home,tests\n", encoding="utf-8")
    with pytest.raises(ValueError, match="source"):
        learned.read_training(path)
