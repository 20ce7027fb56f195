"""Redaction of personal details: each kind is replaced by its placeholder, the rest is kept."""

from analysis.redact import PLACEHOLDERS, Redactor, redact

SETTINGS = ["St Mary's Primary", "Oakfield Academy", "Riverside Youth Club"]


def test_every_kind_has_a_bracketed_placeholder():
    """Placeholders say what was there, in square brackets."""
    assert PLACEHOLDERS == {
        "name": "[name]",
        "email": "[email]",
        "phone": "[phone]",
        "postcode": "[postcode]",
        "link": "[link]",
        "handle": "[handle]",
        "place": "[place]",
    }


def test_several_details_in_one_answer_are_all_redacted():
    """Names, numbers, emails, postcodes and settings in one answer all go; the rest stays."""
    text = (
        "olivia gave me 07700 900123 and jess@example.com, "
        "she lives in M1 1AE near Oakfield Academy."
    )
    assert Redactor(extra_names=SETTINGS).redact(text) == (
        "[name] gave me [phone] and [email], she lives in [postcode] near [place]."
    )


def test_ordinary_words_that_are_names_are_kept():
    """'I will', 'in May' and 'I hope' are not names."""
    for text in ["I will tell my teacher", "in May we went", "I hope so"]:
        assert redact(text) == text


def test_empty_text_stays_empty():
    """An empty answer comes back empty."""
    assert redact("") == ""
