import pandas as pd

from analysis.pipeline import analyse_frame, analyse_texts

ANSWERS = [
    "I get bullied at school by Jack",
    "people bully me online",
    "my mum and dad look after me",
    "Nothing",
    "more youth clubs",
    "I want to kill myself",
] * 3


def test_analyse_texts_gives_every_row_a_result():
    result = analyse_texts(ANSWERS, n_themes=2)
    assert len(result.answers) == len(ANSWERS)
    assert all(
        a.codes and a.sentiment in {"negative", "neutral", "positive"} for a in result.answers
    )
    assert result.answers[5].concern and not result.answers[2].concern
    assert "Jack" not in result.answers[0].redacted_text
    assert result.answers[3].theme == 0 and result.answers[3].codes == ["other"]


def test_hand_codes_are_kept_and_train():
    given = [["bullying"], [], ["home_and_family"], [], ["places_and_activities"], []] + [[]] * 12
    result = analyse_texts(ANSWERS, given_codes=given)
    assert result.answers[0].codes == ["bullying"] and result.answers[0].code_confidence == 1.0
    assert result.answers[6].codes[0] == "bullying" and not result.answers[6].coded_by_hand
    assert result.summary["counts"]["coded_by_hand"] == 3


def test_a_retired_code_stays_on_rows_coded_with_it_but_is_never_suggested():
    given = [["bullying"], ["bullying"], [], [], [], []] + [[]] * 12
    result = analyse_texts(ANSWERS, given_codes=given, retired_codes={"bullying"})
    assert result.answers[0].codes == ["bullying"] and result.answers[0].coded_by_hand
    suggested = [a for a in result.answers if not a.coded_by_hand]
    assert suggested and not any("bullying" in a.codes for a in suggested)


def test_analyse_frame_for_notebooks():
    frame = pd.DataFrame({"ref": range(len(ANSWERS)), "text": ANSWERS, "codes": [""] * 18})
    answers, themes, summary = analyse_frame(
        frame, text_column="text", id_column="ref", codes_column="codes"
    )
    assert list(answers.columns) == [
        "id", "theme", "codes", "code_confidence", "sentiment", "concern", "redacted_text",
    ]  # fmt: skip
    assert answers["id"].tolist() == [str(i) for i in range(18)]
    assert {"theme", "label", "size", "share", "top_terms", "quotes"} <= set(themes.columns)
    assert summary["counts"]["answers"] == 18 and "timings_s" in summary
    assert not any("Jack" in q for q in themes["quotes"])


def test_an_answer_grouped_with_nothing_to_change_is_coded_other():
    texts = ["No. Everything has been very good.", "nothing", "more street lights"] * 3
    result = analyse_texts(texts, n_themes=1)
    first = result.answers[0]
    assert first.theme == 0
    assert first.codes == ["other"]


def test_no_answers_give_an_empty_result_not_a_failure():
    result = analyse_texts([])
    assert result.answers == []
    assert [theme.size for theme in result.themes] == [0]
    assert result.summary["counts"]["answers"] == 0
