from analysis.text import (
    SurfaceForms,
    after_nothing_to_change,
    collocation_phrases,
    is_non_answer,
    normalise,
    says_nothing_to_change,
    term_keys,
    terms,
    tokens,
)


def test_normalise_expands_contractions_and_stretched_letters():
    """Typographic apostrophes, contractions and "sooo" all meet one spelling."""
    assert normalise("I DON\u2019T feel sooooo safe") == "i do not feel soo safe"
    assert normalise("cant") == "can not"


def test_tokens_drop_punctuation():
    assert tokens("My friends, my family!") == ["my", "friends", "my", "family"]


def test_negation_marks_the_words_it_denies():
    """ "not safe" never counts as "safe"."""
    assert term_keys("I don't feel safe") == ["not", "not_feel", "not_safe"]
    assert "safe" not in term_keys("not safe at home")


def test_negation_stops_at_the_end_of_a_clause():
    assert term_keys("not the teachers, but my friends help") == [
        "not",
        "not_teacher",
        "friend",
        "help",
    ]


def test_short_answers_keep_their_words():
    """Stop-word lists drop "nothing" and "no"; here they stay."""
    assert term_keys("no") == ["no"]
    assert term_keys("Nothing") != []


def test_non_answers():
    for answer in ["Nothing", "n/a", "N/A", "don't know", "idk", "Nothing really.", "", "  ", "no"]:
        assert is_non_answer(answer), answer
    for answer in ["not safe", "nothing to do in the park", "my mum", "not at all"]:
        assert not is_non_answer(answer), answer


def test_nothing_to_change_includes_general_approval():
    assert says_nothing_to_change("Nothing, all good")
    assert not says_nothing_to_change("Nothing, but the buses are late")


def test_openings_saying_nothing_needs_changing_give_what_follows():
    assert after_nothing_to_change("Absolutely nothing!") == ""
    assert after_nothing_to_change("Can't think of anything that could be done better") == ""
    assert after_nothing_to_change("I wouldn't change a thing") == ""
    assert after_nothing_to_change("nothing that springs to mind!") == ""
    assert after_nothing_to_change("Nothing, the teachers are lovely") == "the teachers are lovely"
    assert after_nothing_to_change("No complaints, keep it up") == "keep it up"


def test_nothing_as_part_of_a_topic_is_no_opening():
    """ "Nothing to do" and "nothing works" say what is wrong; "no one" is not "no"."""
    for answer in [
        "Nothing to do in the park",
        "nothing else to do here",
        "Nothing works",
        "None of the teachers help me",
        "no one listens",
        "no, my mum looks after me",
        "my mum",
    ]:
        assert after_nothing_to_change(answer) is None, answer


def test_placeholders_are_not_words():
    assert term_keys("[name] hits me") == ["hit"]


def test_collocations_find_repeated_pairs():
    docs = [term_keys(t) for t in ["feel safe at school"] * 5 + ["teachers help", "my dog"] * 3]
    assert ("feel", "safe") in collocation_phrases(docs, min_count=3)


def test_surface_forms_make_stems_readable():
    forms = SurfaceForms()
    forms.add(terms("bullying bullying bullied"))
    assert forms.readable(term_keys("bullying")[0]) == "bullying"
    assert forms.readable("not_safe") == "not safe"
