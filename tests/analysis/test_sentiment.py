import pytest

from analysis.sentiment import SentimentModel, sentiment_labels


@pytest.mark.parametrize(
    ("answer", "label"),
    [
        ("I feel safe and happy", "positive"),
        ("not safe", "negative"),
        ("I don't feel safe at home", "negative"),
        ("Nothing", "neutral"),
        ("don't know", "neutral"),
        ("school could be better", "negative"),
        ("more police please", "negative"),
        ("My teacher is great but the bullies are horrible", "negative"),
        ("I love my family", "positive"),
    ],
)
def test_short_answers(answer, label):
    assert sentiment_labels([answer]) == [label]


def test_nothing_to_what_could_be_better_is_content():
    labels = sentiment_labels(["Nothing", "Nothing, all good"], asked_what_could_be_better=True)
    assert labels == ["positive", "positive"]


def test_corrections_override_and_generalise():
    model = SentimentModel().correct(
        ["it is sick", "sick park", "peak", "proper peak", "the school", "my house"],
        ["positive", "positive", "negative", "negative", "neutral", "neutral"],
    )
    found = model.predict(["It is sick!", "sick youth club"])
    assert found[0].label == "positive" and found[0].source == "corrected"
    assert found[1].source == "learned"


def test_unknown_correction_label_is_refused():
    with pytest.raises(ValueError, match="Unknown sentiment"):
        SentimentModel().correct(["fine"], ["happy"])
