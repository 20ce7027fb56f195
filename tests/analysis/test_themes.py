import numpy as np

from analysis.text import stem
from analysis.themes import (
    NON_ANSWER_THEME,
    TermFeatures,
    _word_vectors,
    discover_themes,
    says_nothing_to_change,
)

ANSWERS = (
    ["I get bullied at school", "people bully me at school", "bullies call me names"] * 6
    + ["nothing to do in the park", "more youth clubs please", "we need a youth club"] * 6
    + ["my mum and dad look after me", "my family", "my mum helps me"] * 6
    + ["Nothing", "don't know", "n/a"] * 4
)


def test_non_answers_form_theme_zero():
    result = discover_themes(ANSWERS, n_themes=3)
    non_answers = [t for t, theme in zip(ANSWERS, result.assignments, strict=True) if theme == 0]
    assert sorted(set(non_answers)) == ["Nothing", "don't know", "n/a"]
    assert result.themes[0].id == NON_ANSWER_THEME and result.themes[0].is_non_answer


def test_themes_group_by_topic_with_readable_labels():
    result = discover_themes(ANSWERS, n_themes=3)
    assert result.n_themes == 3 and not result.chosen_automatically
    themes_of = {t: theme for t, theme in zip(ANSWERS, result.assignments, strict=True)}
    assert themes_of["I get bullied at school"] == themes_of["people bully me at school"]
    assert themes_of["my family"] != themes_of["more youth clubs please"]
    labels = " ".join(t.label for t in result.themes)
    assert "bullied" in labels or "bully" in labels or "school" in labels


def test_theme_sizes_shares_quotes_and_stability():
    result = discover_themes(ANSWERS, n_themes=3)
    assert sum(t.size for t in result.themes) == len(ANSWERS)
    assert abs(sum(t.share for t in result.themes) - 1) < 0.01
    for theme in result.themes[1:]:
        assert 1 <= len(theme.quotes) <= 3
        assert 0 <= theme.stability <= 1


def test_number_of_themes_is_chosen_when_not_given():
    result = discover_themes(ANSWERS)
    assert result.chosen_automatically and result.silhouette_by_k
    assert result.n_themes in result.silhouette_by_k


def test_small_themes_show_no_quotes():
    result = discover_themes(["I feel safe", "my teacher", "Nothing"] + ["bullies"] * 2, n_themes=2)
    assert all(theme.quotes == [] for theme in result.themes if theme.size < 5)


def test_same_input_same_themes():
    assert list(discover_themes(ANSWERS).assignments) == list(discover_themes(ANSWERS).assignments)


def test_empty_and_all_non_answers():
    assert discover_themes([]).themes[0].size == 0
    result = discover_themes(["nothing", "n/a"])
    assert list(result.assignments) == [0, 0]


def test_a_handful_of_unrelated_answers_still_gets_themes_chosen_automatically():
    """With six answers the best silhouette can be below zero; a choice is still made."""
    texts = ["a dog", "blue sky", "late bus", "my cousin", "maths homework", "pizza"]
    result = discover_themes(texts)
    assert result.n_themes >= 1
    assert len(result.assignments) == 6


def test_answers_sharing_no_word_with_others_are_listed_apart_not_piled_into_a_theme():
    """In a larger set a word must occur twice to count; answers left with none are "other"."""
    places = [f"place{n}" for n in range(26)]
    texts = [f"more street lights by {p}" for p in places]
    texts += [f"youth club open late at {p}" for p in places]
    texts += ["a puppy", "swimming lessons", "my nan"]
    result = discover_themes(texts, n_themes=2)
    other = [t for t in result.themes if t.label.startswith("Other answers")]
    assert len(other) == 1 and other[0].size == 3
    assert result.assignments[-1] == other[0].id
    assert len({result.assignments[i] for i in range(26)}) == 1  # the lights stay together


def test_words_keeping_the_same_company_get_near_word_vectors():
    """ "nurse" and "doctor" never share an answer but share their neighbours, unlike "food"."""
    texts = ["the nurse was kind and listened", "the doctor was kind and listened"] * 5
    texts += ["the food was cold and late", "the food was late and bland"] * 5
    features = TermFeatures(texts)
    matrix = features.fit_transform()
    vectors = _word_vectors(matrix, np.ones(len(texts)), random_state=0)
    names = list(features.names())
    nurse, doctor, food = (vectors[names.index(stem(w))] for w in ("nurse", "doctor", "food"))
    assert nurse @ doctor > nurse @ food


def test_nothing_followed_by_praise_joins_the_non_answers():
    assert says_nothing_to_change("Nothing, my teachers are really nice")
    assert says_nothing_to_change("Can't fault it, everyone was lovely")
    assert says_nothing_to_change("no complaints")


def test_nothing_followed_by_a_complaint_a_worry_or_a_topic_is_themed():
    for answer in [
        "Nothing, but the buses are late",
        "nothing, my dad hits me",
        "Nothing to do in the park",
        "nothing, I hate school",
    ]:
        assert not says_nothing_to_change(answer), answer


def test_words_early_in_an_answer_weigh_more():
    """The answer's point comes first; an aside at the end counts for less."""
    texts = ["the food was cold and the car park was full"] * 2 + ["parking", "food"]
    features = TermFeatures(texts)
    matrix = features.fit_transform().toarray()
    names = list(features.names())
    food, park = names.index(stem("food")), names.index(stem("park"))
    assert matrix[0, food] > matrix[0, park] > 0


def test_two_different_answers_get_a_theme_without_failing():
    """The silhouette cannot score two answers in two themes: one theme is chosen instead."""
    result = discover_themes(["more street lights", "a youth club open late"])
    assert result.n_themes == 1
    assert list(result.assignments) == [1, 1]


def test_answers_with_no_word_to_group_by_are_listed_apart():
    result = discover_themes(["x y", "x z", "q"])
    other = [t for t in result.themes if t.label.startswith("Other answers")]
    assert len(other) == 1 and other[0].size == 3


def test_many_answers_sharing_no_word_are_listed_apart():
    """From 50 answers a word must come twice to count: here none does."""
    words = "puppy pizza maths bus nan swim tree cake lego piano rain snow fish kite drum owl"
    words += " frog sock hat van jam pen cup map box sun moon star boat ship duck goat lion wolf"
    words += " bear deer crab seal mole newt hare lark wren kiwi lime pear plum fig yam nut oat"
    texts = words.split()
    assert len(texts) >= 50
    result = discover_themes(texts)
    assert [t.size for t in result.themes if t.label.startswith("Other answers")] == [len(texts)]
