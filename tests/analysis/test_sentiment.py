import pytest

from analysis.sentiment import SentimentModel, sentiment_labels

# Children's short answers to "why?" or "what is it like?", labelled as a careful reader would.
CHILDREN_ANSWERS = [
    ("I feel safe and happy", "positive"),
    ("I love my family", "positive"),
    ("my teacher is brill", "positive"),
    ("the park is lush", "positive"),
    ("the youth club is ace 😀", "positive"),
    ("I have loads of friends and we play every day", "positive"),
    ("the teachers are kind and they help me", "positive"),
    ("my social worker listens to me", "positive"),
    ("my favourite thing is art", "positive"),
    ("it's sooo good", "positive"),
    ("👍", "positive"),
    ("I am not scared anymore", "positive"),
    ("I feel better now", "positive"),
    ("they made me feel better", "positive"),
    ("it was scary at first but now I love it", "positive"),
    ("nothing, everyone is nice", "positive"),
    ("not safe", "negative"),
    ("I don't feel safe at home", "negative"),
    ("people are mean to me", "negative"),
    ("I get bullied at school", "negative"),
    ("it's boring", "negative"),
    ("it is rubbish", "negative"),
    ("nobody listens to me", "negative"),
    ("no one listens to me any more", "negative"),
    ("I am never listened to", "negative"),
    ("I feel lonely sometimes", "negative"),
    ("I'm not happy", "negative"),
    ("I don't like the food", "negative"),
    ("the dinners are soggy", "negative"),
    ("the toilets are smelly", "negative"),
    ("the buses are always late", "negative"),
    ("😢", "negative"),
    ("My teacher is great but the bullies are horrible", "negative"),
    ("my foster carer is really nice but I miss my mum", "negative"),
    ("school could be better", "negative"),
    ("more police please", "negative"),
    ("there should be more things to do", "negative"),
    ("I wish we had a bigger playground", "negative"),
    ("it would be nice to have more clubs", "negative"),
    ("stop the bullying", "negative"),
    ("let us stay up later", "negative"),
    ("Nothing", "neutral"),
    ("nowt", "neutral"),
    ("don't know", "neutral"),
    ("it's ok", "neutral"),
    ("its fine i guess", "neutral"),
    ("alright", "neutral"),
    ("not bad", "neutral"),
    ("sometimes", "neutral"),
    ("football", "neutral"),
    ("my mum", "neutral"),
    ("my brother", "neutral"),
    ("I go there on Tuesdays", "neutral"),
]

# Answers to "what could be better?": naming a thing asks for it to change.
CHILDREN_IMPROVEMENTS = [
    ("nothing", "positive"),
    ("nothing it's all good", "positive"),
    ("can't think of anything", "positive"),
    ("nowt, it's mint", "positive"),
    ("nothing could be better", "positive"),
    ("the food", "negative"),
    ("the wifi", "negative"),
    ("more trips", "negative"),
    ("bigger rooms", "negative"),
    ("not sure", "neutral"),
    ("idk", "neutral"),
]


@pytest.mark.parametrize(("answer", "label"), CHILDREN_ANSWERS)
def test_children_answers(answer, label):
    assert sentiment_labels([answer]) == [label]


@pytest.mark.parametrize(("answer", "label"), CHILDREN_IMPROVEMENTS)
def test_children_answers_to_what_could_be_better(answer, label):
    assert sentiment_labels([answer], asked_what_could_be_better=True) == [label]


@pytest.mark.parametrize(
    ("answer", "label"),
    [
        ("Can't fault the club", "positive"),
        ("Nothing is too much trouble for my carer", "positive"),
        ("Couldn't have asked for a better school", "positive"),
        ("Nothing, it is absolutely brilliant.", "positive"),
        ("No changes needed", "positive"),
        ("Marvellous teachers", "positive"),
        ("Kind,caring foster carers", "positive"),
        ("Very little wait at the dentist", "positive"),
        ("My reading has improved", "positive"),
        ("Lunch could be a little bit better", "negative"),
        ("Wifi not working", "negative"),
        ("The bus is to slow", "negative"),
        ("Loud at night but otherwise fine", "negative"),
        ("Xbox please", "negative"),
    ],
)
def test_set_phrases_of_praise_and_complaint(answer, label):
    assert sentiment_labels([answer]) == [label]


def test_nothing_to_what_could_be_better_is_content():
    labels = sentiment_labels(["Nothing", "Nothing, all good"], asked_what_could_be_better=True)
    assert labels == ["positive", "positive"]


def test_flag_per_answer_names_the_question():
    labels = sentiment_labels(["Nothing", "Nothing"], asked_what_could_be_better=[True, False])
    assert labels == ["positive", "neutral"]


def test_emoji_only_answers_are_told_apart():
    assert sentiment_labels(["👍", "😢", "👍"]) == ["positive", "negative", "positive"]


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
