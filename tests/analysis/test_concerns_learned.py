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

# Everyday answers it used to flag: what children would change, and what bereaved parents wrote
# in a practice review about their child and the agencies, sad but about the past.
EVERYDAY_ANSWERS = [
    "ask children what they think more",
    "better lights on the way home from school",
    "a light in my bedroom",
    "stop the motorbikes racing round the estate",
    "my mummy to hold my hand",
    "Jamie loved football and his little sister. He was always laughing.",
    "She was a happy baby. We miss her every day.",
    "The school could have phoned me when he stopped going in.",
    "Agencies should share information. Each one only had a piece of the picture.",
]

# A child at risk now, in a family member's words.
CURRENT_RISK = [
    "My ex partner still turns up at the house and threatens me and the kids",
    "Her brother is still living with the man who hurt her",
    "My daughter's new boyfriend has a conviction for hurting a baby and he's minding my grandson",
    "The man who groomed her is still messaging her sister",
    "The younger children are still at home with the dad who did this",
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


@pytest.mark.parametrize("text", EVERYDAY_ANSWERS)
def test_everyday_answers_it_used_to_flag_are_left_alone(text):
    assert learned.learned_match(text) is None
    assert detect_concerns(text) == []


@pytest.mark.parametrize("text", CURRENT_RISK)
def test_a_child_at_risk_now_is_flagged_by_the_model_as_well_as_the_detector(text):
    assert detect_concerns(text)
    assert learned.learned_match(text) is not None


def test_the_false_alarm_budget_raises_the_threshold():
    """Relabelled as plain written harmless statements, the ordinary answers set no budget: the
    weights stay the same and the threshold is the lower one that TARGET_RECALL alone gives."""
    rows = [
        {**row, "source": "written"} if row["source"] == "ordinary" else row
        for row in learned.read_training()
    ]
    assert learned.Model.train(rows).threshold < learned.model().threshold


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


def test_a_training_file_with_an_ordinary_answer_labelled_a_concern_is_refused(tmp_path):
    path = tmp_path / "training.csv"
    path.write_text("text,category,source\nhe hits me,abuse_at_home,ordinary\n", encoding="utf-8")
    with pytest.raises(ValueError, match="ordinary answer"):
        learned.read_training(path)
