"""Redaction of personal details: each kind is replaced by its placeholder, the rest is kept.

Pure Python, no database.
"""

import ast
from pathlib import Path

import pytest

from analysis import redact as redact_module
from analysis.redact import PLACEHOLDERS, Redactor, load_first_names, redact

SETTINGS = ["St Mary's Primary", "Oakfield Academy", "Riverside Youth Club"]


@pytest.fixture(scope="module")
def redactor():
    return Redactor(extra_names=SETTINGS)


def check(redactor, cases):
    failures = [(text, redactor.redact(text), want) for text, want in cases]
    failures = [f for f in failures if f[1] != f[2]]
    assert not failures, "\n".join(f"{t!r} -> {got!r}, want {w!r}" for t, got, w in failures)


def unchanged(redactor, texts):
    check(redactor, [(text, text) for text in texts])


# --- the API -----------------------------------------------------------------------------------


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
        "address": "[address]",
    }


def test_empty_text_stays_empty(redactor):
    """An empty answer comes back empty, and so does one of only spaces."""
    assert redactor.redact("") == ""
    assert redactor.redact("   ") == "   "
    assert redact("") == ""


def test_redact_many_matches_redact_one_by_one_and_keeps_order(redactor):
    """redact_many gives the same results as redact, in order, repeats included."""
    texts = ["olivia said hi", "nothing", "olivia said hi", "", "call 07700 900123", "nothing"]
    assert redactor.redact_many(texts) == [redactor.redact(t) for t in texts]
    assert redactor.redact_many(iter(texts))[0] == "[name] said hi"


def test_redact_many_redacts_each_distinct_text_once():
    """Repeated answers ("nothing", "idk") are redacted once and the result reused."""

    class Counting(Redactor):
        calls = 0

        def redact(self, text):
            Counting.calls += 1
            return super().redact(text)

    Counting().redact_many(["idk", "nothing", "idk", "idk", "nothing"])
    assert Counting.calls == 2


def test_module_level_redact_uses_the_shipped_names_and_extra_names():
    """redact() works without a Redactor, and takes setting names too."""
    assert redact("aisha and jayden") == "[name] and [name]"
    assert redact("I go to Oakfield Academy", extra_names=["Oakfield Academy"]) == (
        "I go to [place]"
    )
    assert redact("I go to Oakfield Academy") == "I go to Oakfield Academy"


def test_a_caller_can_supply_its_own_first_names():
    """first_names replaces the shipped list."""
    custom = Redactor(first_names=["Zebedee"])
    assert custom.redact("zebedee and olivia") == "[name] and olivia"


def test_redacting_twice_changes_nothing_more(redactor):
    """Placeholders are never redacted again."""
    once = redactor.redact("Olivia at St Mary's Primary: olivia@example.com, 07700 900123, M1 1AE")
    assert redactor.redact(once) == once


def test_the_module_imports_only_the_standard_library():
    """No Django, ORM or third-party import: the module runs anywhere."""
    tree = ast.parse(Path(redact_module.__file__).read_text())
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            imported.add(node.module.split(".")[0])
    assert imported <= {"bisect", "functools", "re", "unicodedata", "collections", "pathlib"}


def test_the_shipped_name_list_is_large_lower_case_and_documented():
    """The list ships in the repository: 1,500 to 3,000 lower-case names under a comment."""
    path = Path(redact_module.__file__).parent / "data" / "first_names.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("#")
    names = load_first_names()
    assert 1500 <= len(names) <= 3000
    assert all(name == name.lower().strip() and name for name in names)
    assert {"olivia", "mohammed", "jayden", "aisha", "oliver", "fatima", "dafydd"} <= names


# --- emails, links, handles --------------------------------------------------------------------


def test_emails_are_redacted(redactor):
    """Ordinary, dotted, plus and upper-case addresses; a full stop after one is kept."""
    check(
        redactor,
        [
            ("email me on jess.smith22@gmail.com.", "email me on [email]."),
            ("JESS+school@Example.co.uk", "[email]"),
            ("its jess22@hotmail", "its [email]"),
            ("jess22 at gmail dot com", "[email]"),
            ("write to (a_b@c.org)", "write to ([email])"),
        ],
    )


def test_links_are_redacted(redactor):
    """http(s), www. and bare domains with or without a path; trailing punctuation stays."""
    check(
        redactor,
        [
            ("see https://example.org/a?b=1).", "see [link])."),
            ("go on www.roblox.com now", "go on [link] now"),
            ("tiktok.com/@x is funny", "[link] is funny"),
            ("click bit.ly/abc!", "click [link]!"),
            ("I use youtube.com a lot", "I use [link] a lot"),
            ("http://t.co/xyz, www.site.co.uk", "[link], [link]"),
            ("childline.org.uk helped", "[link] helped"),
        ],
    )


def test_things_with_dots_that_are_not_links_are_kept(redactor):
    """Abbreviations, ellipses, decimals and missing spaces after a full stop stay."""
    unchanged(
        redactor,
        [
            "e.g. more clubs",
            "i.e. the toilets...",
            "it was ok.it is fine now",
            "I got 3.5 out of 5",
            "i like school.me and my mum",
            "Wait... what?!",
        ],
    )


def test_handles_are_redacted(redactor):
    """@names, and usernames written after a platform ("my snap is jess_22")."""
    check(
        redactor,
        [
            ("follow @jess_22 pls", "follow [handle] pls"),
            ("dm me @x.y.z.", "dm me [handle]."),
            ("my snap is jess_22", "my snap is [handle]"),
            ("add me on insta x.y.z", "add me on insta [handle]"),
            ("my tiktok: jess.22", "my tiktok: [handle]"),
            ("sc - jessie2010", "sc - [handle]"),
            ("add me on snap jessicaxo", "add me on snap [handle]"),
            ("my snapchat username is jessicaxo", "my snapchat username is [handle]"),
            ("my roblox name is coolkid", "my roblox name is [handle]"),
            ("insta: @jess", "insta: [handle]"),
            ("my tik tok is jess.22", "my tik tok is [handle]"),
            ("username: coolkid99", "username: [handle]"),
            ("my gamertag is xXsniperXx", "my gamertag is [handle]"),
            ("add me on discord jess#1234", "add me on discord [handle]"),
            ("bullied on whatsapp by jess_22", "bullied on whatsapp by [handle]"),
            ("olivia2010 is my insta", "[handle] is my insta"),
        ],
    )


def test_at_signs_and_platforms_without_a_username_are_kept(redactor):
    """'@ school', '@home', '@3pm', 'on tiktok 5hrs a day' and talk about apps stay."""
    unchanged(
        redactor,
        [
            "I was @ school",
            "bored @home",
            "meet @3pm",
            "I use snapchat a lot",
            "on tiktok 5hrs a day",
            "my snap is bad",
            "insta is boring",
            "add me on snap pls",
            "people on snapchat are mean",
            "i spend 3 hours on snap",
            "i watch youtube 2hrs a day",
            "my insta account is private",
            "the science lab",
            "i got 10_000 points",
        ],
    )


# --- phone numbers -----------------------------------------------------------------------------


def test_uk_and_international_phone_numbers_are_redacted(redactor):
    """Mobiles and landlines in the usual spacings, +44 and other country codes."""
    check(
        redactor,
        [
            ("07700 900123", "[phone]"),
            ("07700900123", "[phone]"),
            ("0770 090 0123!", "[phone]!"),
            ("+44 7700 900 123", "[phone]"),
            ("+447700900123", "[phone]"),
            ("+44 (0) 20 7946 0958", "[phone]"),
            ("020 7946 0958", "[phone]"),
            ("(0161) 496 0000", "[phone]"),
            ("0113-496-0000", "[phone]"),
            ("01632 960123", "[phone]"),
            ("0044 7700 900123", "[phone]"),
            ("+1 (555) 123-4567", "[phone]"),
            ("+33 6 12 34 56 78", "[phone]"),
            ("ring 07700 900123 or 07700 900124", "ring [phone] or [phone]"),
            ("my number is 7700900123", "my number is [phone]"),
        ],
    )


def test_numbers_that_are_not_phone_numbers_are_kept(redactor):
    """Ages, years, times, scores, money, dates and emergency numbers stay."""
    unchanged(
        redactor,
        [
            "I'm 12",
            "in year 7",
            "at 3pm",
            "at 15:30",
            "10/10",
            "£5",
            "£1,000,000",
            "999",
            "call 111 or 101",
            "on 12/03/2024",
            "01.02.2024",
            "24/7",
            "we won 3-0",
            "2024",
            "ages 11-16",
        ],
    )


def test_helpline_numbers_are_kept_because_they_say_nothing_about_the_child(redactor):
    """Childline, NSPCC, Samaritans, Papyrus and Shout numbers stay as written."""
    unchanged(
        redactor,
        [
            "childline 0800 1111",
            "NSPCC 0808 800 5000",
            "samaritans 116 123",
            "papyrus 0800 068 4141",
            "text 85258",
        ],
    )


# --- postcodes ---------------------------------------------------------------------------------


def test_full_postcodes_are_redacted_in_any_case_and_spacing(redactor):
    """Full postcodes are unambiguous: redacted however they are written."""
    check(
        redactor,
        [
            ("SW1A 1AA", "[postcode]"),
            ("m1 1ae", "[postcode]"),
            ("B33 8TH.", "[postcode]."),
            ("sw1a1aa", "[postcode]"),
            ("I live at CR2 6XH near the park", "I live at [postcode] near the park"),
            ("ls6  2ab", "[postcode]"),
        ],
    )


def test_outward_codes_are_redacted_only_where_clearly_a_postcode(redactor):
    """'my postcode is LS6', 'I live in m1', 'NW10' or 'SW1A' in capitals; not 'M1' alone."""
    check(
        redactor,
        [
            ("my postcode is LS6", "my postcode is [postcode]"),
            ("postcode: b33", "postcode: [postcode]"),
            ("I live in m1", "I live in [postcode]"),
            ("we moved to NW10", "we moved to [postcode]"),
            ("near SW1A", "near [postcode]"),
        ],
    )
    unchanged(
        redactor,
        ["the M1 was busy", "in Y7 and KS3", "BT21 is cute", "SK8 park", "CO2", "M25", "s1 maths"],
    )


# --- first names -------------------------------------------------------------------------------


def test_ordinary_first_names_are_redacted_whatever_the_case(redactor):
    """Names that are not words are redacted lower-case, capitalised or in capitals."""
    check(
        redactor,
        [
            ("olivia was mean", "[name] was mean"),
            ("Olivia was mean", "[name] was mean"),
            ("OLIVIA WAS MEAN", "[NAME] WAS MEAN".replace("[NAME]", "[name]")),
            ("me and mohammed and jayden", "me and [name] and [name]"),
            ("aisha, fatima & oliver!", "[name], [name] & [name]!"),
            ("Dafydd and Siobhan", "[name] and [name]"),
            ("Zoë is kind", "[name] is kind"),
            ("Mary-Jane", "[name]-[name]"),
        ],
    )


def test_possessive_names_keep_their_tail(redactor):
    """'Olivia's', 'Olivia’s' and 'Olivias mum' keep the 's'."""
    check(
        redactor,
        [
            ("Olivia's mum", "[name]'s mum"),
            ("Olivia’s mum", "[name]’s mum"),
            ("at olivias house", "at [name]s house"),
            ("Jayden's", "[name]'s"),
        ],
    )


def test_names_already_blanked_at_source_become_name_placeholders(redactor):
    """XXXX and xxx standing for a name become [name]; kisses at the end stay."""
    check(
        redactor,
        [
            ("XXXX hit me", "[name] hit me"),
            ("me and xxx fell out", "me and [name] fell out"),
            ("XXX's brother", "[name]'s brother"),
            ("she said [XXXX] hit her", "she said [name] hit her"),
            ("love you mum xxx", "love you mum xxx"),
            ("thanks xx", "thanks xx"),
        ],
    )


def test_name_words_used_as_words_are_kept(redactor):
    """'I will', 'may be', 'I hope so', 'in May', 'grace at school' are not names."""
    unchanged(
        redactor,
        [
            "I will tell my teacher",
            "Will you help me?",
            "it may be ok",
            "May I go home",
            "I hope so",
            "Hope this helps",
            "in May we went to the beach",
            "we had grace at school",
            "the rose garden",
            "I got a ruby",
            "the summer holidays",
            "in the Summer holidays",
            "I like Art and Music",
            "I am Christian",
            "we went to Paris",
            "I have faith in them",
            "it was a joy",
            "we drew pictures",
            "I'll mark it",
            "my friend will help me",
            "my teacher may shout",
            "I miss home",
            "thank you sir",
            "I Will Tell My Teacher",
            "there is hope",
            "the sky is blue",
            "I don't know",
            "holly and ivy at christmas",
            "The sunny days",
            "I feel rich",
            "May is my birthday month",
            "they took the mickey out of me",
            "i liv with my nan",
            "we learned about the Romans and the Normans",
            "I support Chelsea",
            "I told Miss and she sorted it",
            "it will hit you",
            "Hope is important",
            "hope and I pray",
        ],
    )


def test_name_words_used_as_names_are_redacted(redactor):
    """Capitalised mid-sentence, after 'my friend', 'called', 'me and', or before 'said'."""
    check(
        redactor,
        [
            ("I told Will about it", "I told [name] about it"),
            ("me and will went", "me and [name] went"),
            ("my friend hope is nice", "my friend [name] is nice"),
            ("a girl called grace", "a girl called [name]"),
            ("her name is Ruby", "her name is [name]"),
            ("my sister is poppy", "my sister is [name]"),
            ("Will said no", "[name] said no"),
            ("will was mean", "[name] was mean"),
            ("Hope's mum", "[name]'s mum"),
            ("my friend May is funny", "my friend [name] is funny"),
            ("my best friend Summer", "my best friend [name]"),
            ("my teacher will.", "my teacher [name]."),
            ("ruby and me", "[name] and me"),
            ("sat with Lily and Daisy", "sat with [name] and [name]"),
            ("I told Will and Grace", "I told [name] and [name]"),
            ("Will is my friend", "[name] is my friend"),
            ("Ruby keeps calling me names", "[name] keeps calling me names"),
            ("Holly and I fell out", "[name] and I fell out"),
            ("poppy hates me", "[name] hates me"),
        ],
    )


def test_titles_mark_the_following_word_as_a_name(redactor):
    """'Mrs Patel', 'mr smith', 'Miss Jones', 'Dr. Khan' lose the surname."""
    check(
        redactor,
        [
            ("Mrs Patel is nice", "Mrs [name] is nice"),
            ("mr smith shouts", "mr [name] shouts"),
            ("Miss Jones", "Miss [name]"),
            ("Dr. Khan helped", "Dr. [name] helped"),
            ("Mrs Smith-Jones's class", "Mrs [name]'s class"),
            ("Sir said no", "Sir said no"),
        ],
    )


def test_capitals_say_nothing_in_text_where_every_word_has_one(redactor):
    """In Title Case Text a capital is no sign of a name; other names are still redacted."""
    check(redactor, [("I Will Tell My Teacher Olivia", "I Will Tell My Teacher [name]")])


# --- addresses ---------------------------------------------------------------------------------


def test_house_numbers_with_a_street_are_redacted(redactor):
    """'12 Oak Road' as written in addresses, or any case after 'I live at'."""
    check(
        redactor,
        [
            ("I live at 12 Oak Road", "I live at [address]"),
            (
                "my address is 14 Elm Street, Leeds LS6 2AB",
                "my address is [address], Leeds [postcode]",
            ),
            ("i live at 3a church lane.", "i live at [address]."),
        ],
    )
    unchanged(
        redactor,
        ["I have 2 close friends", "5 minutes down the road", "I have 2 Very Close Friends"],
    )


# --- settings ----------------------------------------------------------------------------------


def test_setting_names_are_redacted_whatever_the_case_apostrophe_or_spacing(redactor):
    """Extra names match case-insensitively, with or without apostrophes and extra spaces."""
    check(
        redactor,
        [
            ("I go to St Mary's Primary", "I go to [place]"),
            ("i go to st marys primary", "i go to [place]"),
            ("ST. MARY’S PRIMARY is ok", "[place] is ok"),
            ("Saint Mary's  Primary", "[place]"),
            ("oakfield   academy.", "[place]."),
            ("riverside youth-club rocks", "[place] rocks"),
        ],
    )


def test_setting_names_with_and_or_ampersand_or_numbers_are_redacted():
    """'&' and 'and' stand for each other; a name without letters still works."""
    redactor = Redactor(extra_names=["Boys & Girls Club", "Unit 42", "", "  "])
    check(
        redactor,
        [
            ("the boys and girls club", "the [place]"),
            ("Boys & Girls Club!", "[place]!"),
            ("at unit 42 today", "at [place] today"),
        ],
    )


def test_setting_names_match_whole_words_only(redactor):
    """A setting name inside a longer word, or part of one, is left alone."""
    unchanged(redactor, ["Oakfield is nice", "Oakfield Academyx", "the riverside"])


# --- everything together -----------------------------------------------------------------------


def test_several_details_in_one_answer_are_all_redacted(redactor):
    """Names, numbers, emails, postcodes and settings in one answer all go; the rest stays."""
    text = (
        "olivia gave me 07700 900123 and jess@example.com, "
        "she lives in M1 1AE near Oakfield Academy. add her @liv_2010 😊"
    )
    assert redactor.redact(text) == (
        "[name] gave me [phone] and [email], "
        "she lives in [postcode] near [place]. add her [handle] 😊"
    )


def test_everything_else_is_kept_exactly_as_written(redactor):
    """Spacing, line breaks, punctuation, case and emoji are untouched."""
    unchanged(
        redactor,
        [
            "I feel  SAFE at school!!!\n\nbecause teachers listen 👍🏽",
            "   lots of spaces   ",
            "i'm 12 and in year 7... it's 10/10 😂😂",
            "The food is £2.50 – too much?",
            "“quotes” and ‘single’ – dashes — ok",
        ],
    )
