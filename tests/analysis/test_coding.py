import json

import pytest

from analysis.coding import (
    CodebookError,
    CodeClassifier,
    default_codebook,
    load_codebook,
    parse_codes,
)

SEED_CODES = {
    "feeling_safe", "home_and_family", "school", "friends_and_relationships", "bullying",
    "online_safety", "emotional_wellbeing", "being_listened_to", "exploitation",
    "neglect_and_basic_needs", "health", "places_and_activities", "police_and_crime",
    "being_in_care", "other",
}  # fmt: skip


def test_seed_codebook_has_the_safeguarding_codes_with_examples():
    codebook = default_codebook()
    assert set(codebook.keys()) == SEED_CODES
    assert all(code.description for code in codebook.codes)


def test_suggests_codes_before_any_hand_coding():
    """The descriptions and examples are enough for clear answers."""
    model = CodeClassifier().fit()
    suggestions = model.suggest(["people bully me", "my foster carer is kind", "more youth clubs"])
    assert suggestions[0].codes[0] == "bullying"
    assert suggestions[1].codes[0] == "being_in_care"
    assert suggestions[2].codes[0] == "places_and_activities"
    assert all(0 < s.confidence <= 1 for s in suggestions)


def test_hand_codes_teach_new_codes_and_multi_label():
    texts = ["the bus is late", "buses never come", "bus to town"] * 3 + ["my teacher"] * 3
    codes = [["transport"]] * 9 + [["school"]] * 3
    model = CodeClassifier().fit(texts, codes)
    assert "transport" in model.codes
    assert model.suggest(["the bus was late again"])[0].codes[0] == "transport"


def test_least_certain_lists_distinct_answers():
    model = CodeClassifier().fit()
    texts = ["people bully me", "people bully me", "hmm", "the thing", "gangs"]
    asked = model.least_certain(texts, count=3)
    assert len(asked) == 3 and len({texts[i] for i in asked}) == 3
    assert texts.index("people bully me") not in asked[:1]


def test_parse_codes():
    assert parse_codes("school; bullying") == ["school", "bullying"]
    assert parse_codes("") == [] and parse_codes(None) == [] and parse_codes(float("nan")) == []


def test_load_codebook_json_and_csv(tmp_path):
    json_file = tmp_path / "book.json"
    json_file.write_text(json.dumps([{"code": "a", "examples": ["x", "y"]}]))
    assert load_codebook(json_file).codes[0].examples == ("x", "y")
    csv_file = tmp_path / "book.csv"
    csv_file.write_text("code,name,description,examples\nb,B,about b,one;two\n")
    assert load_codebook(csv_file).codes[0].examples == ("one", "two")


@pytest.mark.parametrize("content", ["{}", "[]", '[{"name": "no code"}]', "not json"])
def test_bad_codebook_says_why(tmp_path, content):
    path = tmp_path / "book.json"
    path.write_text(content)
    with pytest.raises(CodebookError):
        load_codebook(path)
