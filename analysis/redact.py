"""Redaction of personal details in free-text answers, before they are shown to staff or exported.

Each detail is replaced by a bracketed placeholder naming what was there (PLACEHOLDERS); the
rest of the answer is kept exactly as written. Standard library only and compiled once, so
half a million answers take seconds.

How it works: setting names passed by the caller, emails, links, handles, phone numbers,
street addresses and postcodes are found first, each only when a cheap test says the answer
might hold one (an "@", a digit, a ".com", a platform's name). Then first names: the answer's
words are checked against the name list as a set, and only the names found are looked at in
context. Most names are redacted wherever they appear; names that are also ordinary words
("will", "hope", "may") only when the words around them show a name.
"""

import bisect
import functools
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

PLACEHOLDERS: dict[str, str] = {
    "name": "[name]",
    "email": "[email]",
    "phone": "[phone]",
    "postcode": "[postcode]",
    "link": "[link]",
    "handle": "[handle]",
    "place": "[place]",
    "address": "[address]",
}

FIRST_NAMES_FILE = Path(__file__).parent / "data" / "first_names.txt"

# Helplines a child may quote back are kept: they say nothing about the child.
HELPLINES = frozenset({"08001111", "08088005000", "08000684141", "116123", "116000", "85258"})


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# --- Names that are also ordinary words --------------------------------------------------------

# Redacted only with evidence: capitalised mid-sentence, a naming cue ("called"), a person
# before them ("my friend", "sister"), a follower that fits only a person ("said", "told"),
# or a capitalised possessive ("Hope's").
WORD_NAMES = _words(
    """
    amber angel archer ash atlas ayo basil bill blossom bluebell bob briar buddy carol chase
    cliff coral daisy dawn destiny dolly don drew ebony eve faith fern forest fox frank gene
    grace grant gray guy harmony hazel heather holly honey honour hope hunter indigo iris
    ivy jade jay jean joy kay kit kitty lance lark laurel les lily liv mac marina mark max
    meadow melody mercy mick mickey miles nick olive pat pearl penny phoenix pip pixie poppy
    precious primrose raven ray reed reign rex rich river rob robin rocky rose rosemary ruby
    saffron sandy sapphire scarlet serenity sky stan sterling sue sunny teddy trinity velvet
    violet wade warren will willow woody wren
    """
)

# Capitals prove nothing for these (months, seasons, places, a faith, school words): only a
# naming cue, a person before them or a person-only follower does.
CUE_ONLY_NAMES = _words(
    """
    april art august autumn brooklyn chelsea chester christian devon florence georgia india
    jan jordan jun june junior lincoln may milan norman paris preston roman summer sydney
    vienna winter
    """
)

# Names that are also verbs: after "my friend" the next word decides ("my friend will help").
_VERB_LIKE = _words("will may mark sue rob pat chase bill hope drew grant nick wade")
_MODALS = _words("will may")
_TITLES = _words("mr mrs ms mx dr mister missus")
_TITLE_CASE_TITLES = _words("miss sir")  # "i miss home", "yes sir"
_NAMING_CUES = _words("called named nicknamed names name's")
_PERSON_NOUNS = _words(
    """
    friend friends mate mates pal bestie bff bf gf boyfriend girlfriend crush partner sister
    brother sis bro cousin stepsister stepbrother twin teacher tutor coach classmate neighbour
    aunt auntie aunty uncle niece nephew son daughter babysitter
    """
)
# Verbs that take a person and cannot follow "will" or "may" ("hope said", "ruby keeps").
_PERSON_FOLLOWERS = _words(
    """
    said says told tells asked asks shouted shouts kicked kicks punched punches pushed pushes
    slapped slaps bullied bullies texted texts messaged messages laughed laughs keeps kept
    calls called hates hated likes liked loves loved took takes sent sends stole steals swore
    swears screamed screams threatened threatens touched touches followed follows ignores
    ignored lives lived went goes came comes got gets started starts cried cries wants wanted
    thinks thought knows knew
    """
)
_MODAL_FOLLOWERS = _PERSON_FOLLOWERS | _words(
    "is was has had does did isn't wasn't hasn't doesn't didn't and"
)
_PRONOUNS = _words("i we you they he she it to")
_SURNAME_STOPWORDS = _words(
    """
    and is was the a an said says told who has had always never does did at in on to i me my
    he she they we you it or but so if
    """
)
# Plurals of names that are ordinary words, not possessives ("the Yorkshire dales").
_NOT_POSSESSIVE = _words("dales glens heaths lees masons arias dais normans")

# --- Contact details ---------------------------------------------------------------------------

# Each regex runs on the lower-cased answer, whose offsets match the answer's.
_MAIL_HOSTS = r"gmail|googlemail|hotmail|outlook|yahoo|icloud|live|aol|btinternet|protonmail"
# The part after the "@"; the part before is read backwards from the "@".
_EMAIL_DOMAIN = re.compile(rf"[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{{2,}}|(?:{_MAIL_HOSTS})\b")
_EMAIL_SPELT = re.compile(
    rf"(?<![\w.+-])[\w.+-]+\s+(?:at|@)\s+(?:{_MAIL_HOSTS})\s*(?:dot|\.)\s*"
    r"(?:com|net|org|co\s*(?:dot|\.)\s*uk)\b"
)
_MAIL_HOST_WORDS = frozenset(w.encode() for w in _MAIL_HOSTS.split("|")) - {b"live"}

# Bare domains need a path unless the ending is one nobody types by accident ("school.it").
_TLD_ALONE = r"co\.uk|org\.uk|gov\.uk|nhs\.uk|ac\.uk|sch\.uk|com|net|org|io|tv|gg"
_TLD_PATH = rf"{_TLD_ALONE}|uk|me|ly|be|ie|co|to|gl|app|info|xyz|live|link|site|shop|online"
_TLD_ALONE_SET = frozenset(_TLD_ALONE.replace("\\", "").split("|"))
_SCHEME_LINK = re.compile(r"(?:https?://|www\.)\S+")
# The ending of a bare domain; the domain before it is read backwards from the dot.
_TLD = re.compile(rf"\.({_TLD_PATH})(?![a-z0-9])")
_TRAILING = ".,!?;:)]}'\"’”"
_NON_SPACE = re.compile(r"\S*")

_SEP = r"[\s.()-]{0,2}"
_PHONE = re.compile(
    rf"(?:\+|00)\s?44[\s.-]{{0,2}}(?:\(0\)[\s.-]{{0,2}})?\(?\d(?:{_SEP}\d){{8,9}}(?!\d)"
    rf"|\(?0\d(?:{_SEP}\d){{8,9}}(?!\d)"
    rf"|(?:\+|00)[1-9](?:{_SEP}\d){{6,13}}(?!\d)"
    r"|7\d{9}(?!\d)"
    r"|\(\d{3}\)\s?\d{3}[\s.-]\d{4}(?!\d)"
    r"|\d{3}-\d{3}-\d{4}(?!\d)"
)
_DIGIT = re.compile(r"[0-9]")
_DIGIT_RUN = re.compile(r"[+(0-9][0-9\s().+-]{5,}[0-9]")  # seven characters or more

_AREAS = _words(
    """
    AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY
    E EC EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA LD
    LE LL LN LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG
    SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE
    """
)
# Two-letter areas that, written as "XX1" alone, are usually something else (BT21, SK8, CO2).
_AMBIGUOUS_AREAS = _words("BT CH CO CV HA HS IG IM ME PE SK TA")
_POSTCODE = re.compile(r"\b([a-z]{1,2})\d[a-z\d]?(?:\s{0,2}(\d[abd-hjlnp-uw-z]{2}))?(?!\w)")
_STREET_TYPES = (
    "Road|Rd|Street|St|Avenue|Ave|Lane|Close|Drive|Way|Crescent|Grove|Gardens|Court|Place"
    "|Terrace|Walk|Hill|Rise|View|Mews|Square|Row|Green|Park|Vale|Parade"
)
# A house number and a street: capitalised as addresses are ("12 Oak Road"), or in any case
# after "I live at" or "my address is".
_ADDRESS = re.compile(
    rf"\d{{1,4}}[A-Za-z]?,?[ \t]+(?:[A-Z][a-z'’-]+[ \t]+){{1,3}}(?:{_STREET_TYPES})\b"
)
_NOT_STREET_NAMES = _words("Very Really So The My A An Our Your His Her Their Best Good Great Nice")
_CUED_ADDRESS = re.compile(
    r"(?:live[sd]?\s+(?:at|on)|address\s+is|address:)\s+"
    rf"(\d{{1,4}}[a-z]?,?[ \t]+(?:[a-z'’-]+[ \t]+){{1,3}}(?:{_STREET_TYPES.lower()})\b)"
)
_POSTCODE_CUE = re.compile(
    r"(?:post\s?code|live[sd]?\s+in|living\s+in|live\s+near|area)(?:\s+is)?\s*:?\s*\Z"
)

_PLATFORMS = (
    r"snap(?:chat)?|sc|insta(?:gram)?|ig|tik\s?tok|tt|twitter|discord|kik|roblox|fortnite|xbox"
    r"|psn|playstation|steam|twitch|youtube|yt|telegram|wizz|yubo|bereal|facebook|fb|whatsapp"
    r"|minecraft"
)
# Words that may introduce a handle, as bytes: checked against the answer's words as a set.
_PLATFORM_WORDS = frozenset(
    w.encode()
    for w in _words(
        """
        snap snapchat sc insta instagram ig tiktok tik tt twitter discord kik roblox fortnite
        xbox psn playstation steam twitch youtube yt telegram wizz yubo bereal facebook fb
        whatsapp minecraft username user gamertag gamer
        """
    )
)
# Looks like a username: has a letter and a digit, an underscore or a dot inside.
_USERNAME = r"@?(?=[\w.]*[a-z])(?=[\w.]*[\d_]|\w+\.\w)\w[\w.]*\w(?:#\d{4})?"
_ANY_USERNAME = r"@?\w(?:[\w.]*\w)?(?:#\d{4})?"  # "jess#1234" on Discord
# A word joined by an underscore is a username wherever it appears ("jess_22", "cool_kid").
_USERNAME_TAIL = re.compile(r"[\w.]*\w")
_UNDERSCORED = re.compile(r"(?<![\w.@])(?=[\w.]*[a-z])[a-z0-9]+(?:\.[a-z0-9]+)*_[\w.]*[a-z0-9]")
# Each runs where a platform word starts: "snap name is X", "snap: X" (X must look like a
# username), after "add me on" any X, "username: X".
_AFTER_PLATFORM = re.compile(
    rf"(?:{_PLATFORMS})(?![a-z])(?:"
    rf"\s*(?:user\s?name|name|id|tag|handle)\s*(?:is|=|:|-|–)?\s*({_ANY_USERNAME})"
    rf"|(?:['’]?s)?(?:\s*(?:[:=\-–]|(?:acc(?:ount)?|is|its|it['’]s)\b))*\s*({_USERNAME}))"
)
_AFTER_ADD_ME = re.compile(
    rf"(?:{_PLATFORMS})\s*(?:[:=\-–]\s*)?(?:(?:it['’]?s|is)\s+)?({_ANY_USERNAME})"
)
_ADD_ME_BEFORE = re.compile(r"(?:add|follow|friend|message|msg|dm|text|find)\s+me\s+(?:on|at)\s+\Z")
_AFTER_USERNAME = re.compile(rf"(?:user\s?name|gamer\s?tag)\s*(?:is|=|:|-|–)?\s*({_ANY_USERNAME})")
_AT_HANDLE = re.compile(r"@(\w(?:[\w.]*\w)?)")
# "@home", "@3pm": an at sign standing for the word "at".
_AT_WORDS = _words(
    """
    home school work the my night lunch break college church mums dads nans friends club park
    all me you them him her it this that uni dinner
    """
)
_NOT_USERNAMES = _words(
    """
    and or if please pls plz x xx xxx then now lol because cos so too i it later tonight today
    tomorrow anytime guys thanks thank ty but the a an my me
    """
)
_QUANTITY = re.compile(r"\d+[a-z]{0,5}")  # "3pm", "5hrs", "2day"

# --- Words -------------------------------------------------------------------------------------

_LETTERS_ONLY = bytes(c if 97 <= c <= 122 else 32 for c in range(256))
_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_XS = re.compile(r"x{3,}", re.IGNORECASE)
_ACCENTED = re.compile(r"[\u00c0-\u024f\u1e00-\u1eff]")
_APOSTROPHES = "'’‘`´"
_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~‘’“”…"


@functools.cache
def load_first_names(path: Path = FIRST_NAMES_FILE) -> frozenset[str]:
    """The shipped list of first names, lower case."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(s.strip().lower() for s in lines if s.strip() and not s.startswith("#"))


def _lower(text: str) -> str:
    """The text in lower case, character for character, so offsets stay the same."""
    lower = text.lower()
    if len(lower) != len(text):  # a few letters lower-case to two characters ("İ")
        lower = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return lower


def _ascii_words(lower: str) -> list[bytes]:
    """The words of lower-case text as runs of a-z, accents dropped, as bytes: a fast way to
    test whole words against a set."""
    if lower.isascii():
        return lower.encode().translate(_LETTERS_ONLY).split()
    folded = unicodedata.normalize("NFKD", lower).encode("ascii", "replace")
    return folded.translate(_LETTERS_ONLY).split()


def _fold(word: str) -> str:
    """Lower case without accents, so "Zoë" meets "zoe"."""
    word = word.lower()
    if word.isascii():
        return word
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def _place_pattern(name: str) -> str | None:
    """A lower-case regex for one setting name, tolerant of apostrophes, dots and spacing."""
    parts = []
    for word in re.findall(r"[^\s\-]+", name.lower()):
        bare = "".join(c for c in word if c not in _APOSTROPHES and c != ".")
        if not bare:
            continue
        if bare in {"st", "saint"}:
            parts.append(r"(?:st\.?|saint)")
            continue
        if bare in {"&", "and"}:
            parts.append(r"(?:&|and)")
            continue
        parts.append("".join(re.escape(c) + f"[{_APOSTROPHES}]?" for c in bare[:-1]))
        parts[-1] += re.escape(bare[-1])
    return r"[\s\-]+".join(parts) or None


def _occurrences(lower: str, words: list[str]) -> list[tuple[int, int]]:
    """Spans of the given lower-case words in lower-case text, as whole words ("xxx" and any
    longer run of x too), in order."""
    spans = []
    for word in words:
        at = lower.find(word)
        while at != -1:
            end = at + len(word)
            if word == "xxx":
                while lower[end : end + 1] == "x":
                    end += 1
            if (at == 0 or not lower[at - 1].isalpha()) and not lower[end : end + 1].isalpha():
                spans.append((at, end))
            at = lower.find(word, end)
    spans.sort()
    return spans


class Redactor:
    """Replaces personal details in free text with bracketed placeholders."""

    def __init__(
        self, *, extra_names: Iterable[str] = (), first_names: Iterable[str] | None = None
    ):
        names = {_fold(n) for n in (load_first_names() if first_names is None else first_names)}
        self._kinds: dict[str, str] = {}
        for name in names:
            if name in CUE_ONLY_NAMES:
                self._kinds[name] = "cue"
            elif name in WORD_NAMES:
                self._kinds[name] = "word"
            else:
                self._kinds[name] = "always"
        self._plurals = {
            name + "s": name
            for name, kind in self._kinds.items()
            if kind == "always"
            and len(name) >= 3
            and name + "s" not in self._kinds
            and name + "s" not in _NOT_POSSESSIVE
        }
        self._triggers = frozenset(self._kinds) | set(self._plurals) | _TITLES | _TITLE_CASE_TITLES
        self._ascii_triggers = frozenset(w.encode() for w in self._triggers if w.isascii())
        extra_names = [n for n in extra_names if _place_pattern(n)]
        patterns = sorted({_place_pattern(n) for n in extra_names}, key=len, reverse=True)
        self._places = re.compile("|".join(patterns)) if patterns else None
        # The longest word of each setting name: the regex only runs when one is present.
        keys = [_ascii_words(_lower(n)) for n in extra_names]
        self._place_keys = frozenset(max(k, key=len) for k in keys) if all(keys) else None

    def redact(self, text: str) -> str:
        """The text with every personal detail found replaced by its placeholder."""
        if not text:
            return text
        lower = _lower(text)
        words = _ascii_words(lower)
        spans: list[tuple[int, int, str]] = []
        if self._places is not None and (
            self._place_keys is None or not self._place_keys.isdisjoint(words)
        ):
            _find_places(self._places, lower, spans)
        _find_contacts(text, lower, words, spans)
        if spans:
            text = _apply(text, spans)
            lower = _lower(text)
        return self._redact_names(text, lower, words)

    def redact_many(self, texts: Iterable[str]) -> list[str]:
        """Each text redacted; repeated texts are redacted once."""
        done: dict[str, str] = {}
        out = []
        for text in texts:
            result = done.get(text)
            if result is None:
                result = done[text] = self.redact(text)
            out.append(result)
        return out

    # --- names ---------------------------------------------------------------------------------

    def _redact_names(self, text: str, lower: str, words: list[bytes]) -> str:
        """The text with first names replaced; words are its letters-only words, as bytes."""
        found = self._ascii_triggers.intersection(words)
        if not found and "xxx" not in lower:
            return text
        if text.isascii() or not _ACCENTED.search(text):
            candidates = _occurrences(lower, [w.decode() for w in found] + ["xxx"])
        else:
            candidates = []
            for m in _TOKEN.finditer(text):
                base = _split_possessive(m.group())[0]
                if _fold(base) in self._triggers or _XS.fullmatch(base):
                    candidates.append((m.start(), m.start() + len(base)))
        spans: list[tuple[int, int, str]] = []
        caps = _Capitals(text, self._kinds)
        for start, end in candidates:
            if end < len(text) and text[end] in "'’":
                if text[end + 1 : end + 2].lower() == "s" and not text[end + 2 : end + 3].isalpha():
                    pass  # a possessive: the name is redacted, "'s" kept
                elif text[end + 1 : end + 2].isalpha():
                    continue  # a contraction, "don't"
            span = self._name_span(text, start, end, caps)
            if span is None:
                continue
            if text[span[1] : span[1] + 1].isdigit():  # "olivia2010": a username
                _add(spans, span[0], _USERNAME_TAIL.match(text, span[1]).end(), "handle")
            else:
                _add(spans, *span, "name")
        return _apply(text, spans) if spans else text

    def _name_span(
        self, text: str, start: int, end: int, caps: "_Capitals"
    ) -> tuple[int, int] | None:
        """The span to replace for the candidate word at start:end, or None."""
        word = text[start:end]
        folded = _fold(word)
        kind = self._kinds.get(folded)
        if kind == "always":
            return start, end
        if kind is not None:
            if _has_name_evidence(text, start, end, folded, kind, caps):
                return start, end
            return None
        if _is_title(word):
            return _surname_after(text, end, word)
        if folded in self._plurals:
            return start, end - 1  # "Olivias mum": the name without its "s"
        if _XS.fullmatch(word) and not (word.islower() and _ends_line(text, end)):
            # redacted at source; but "love you xxx" is kisses
            if text[start - 1 : start] == "[" and text[end : end + 1] == "]":
                return start - 1, end + 1  # "[XXXX]"
            return start, end
        return None


class _Capitals:
    """Whether capital letters in this text mean anything (not "I Will Tell My Teacher")."""

    def __init__(self, text: str, names: dict[str, str]):
        self.text = text
        self.names = names
        self._informative: bool | None = None

    @property
    def informative(self) -> bool:
        """Judged on the words that are not names: "I told Will and Grace" is informative."""
        if self._informative is None:
            words = [w.strip(_PUNCTUATION) for w in self.text.split()]
            words = [w for w in words if len(w) > 1 and w.lower() not in self.names]
            capitalised = sum(1 for w in words if w[0].isupper())
            self._informative = len(words) < 3 or capitalised * 2 <= len(words)
        return self._informative


def _has_name_evidence(
    text: str, start: int, end: int, folded: str, kind: str, caps: _Capitals
) -> bool:
    """Whether a name that is also an ordinary word is used as a name here."""
    before, gap1, before_start = _word_before(text, start)
    p1 = before.lower() if before is not None and gap1.strip() in {"", ","} else None
    if p1 in _PRONOUNS and folded in _VERB_LIKE:
        return False  # "I will", "we may", "to hope"
    if p1 in _NAMING_CUES:
        return True
    if p1 is not None:
        before2, gap2, _ = _word_before(text, before_start)
        p2 = before2.lower() if before2 is not None and not gap2.strip() else None
        if p1 in {"is", "was"} and (p2 in _PERSON_NOUNS or p2 in {"name", "nickname"}):
            return True  # "her name is Hope", "my friend is ruby"
        if p1 == "and" and p2 == "me":
            return True
    n1, gap_n, n1_end = _word_after(text, _possessive_end(text, end))
    n1_lower = n1.lower() if n1 is not None and not gap_n.strip() else None
    if n1_lower in _PERSON_FOLLOWERS:
        return True  # "hope said"
    if folded in _MODALS and n1_lower in _MODAL_FOLLOWERS and kind != "cue":
        return True  # "will was", never a verb; but "May is my birthday month"
    if n1_lower == "and":
        n2, gap_n2, _ = _word_after(text, n1_end)
        capitalised = text[start].isupper()
        if (n2 in {"me", "Me"} or (n2 == "I" and capitalised)) and not gap_n2.strip():
            return True  # "ruby and me", "Ruby and I"; but "hope and I pray"
    # "my friend will help" is a verb; "my friend will is", "my friend will." a name
    if p1 in _PERSON_NOUNS and (
        folded not in _VERB_LIKE
        or n1_lower is None
        or not n1.islower()
        or n1_lower in _MODAL_FOLLOWERS
    ):
        return True
    if kind == "cue":
        return False
    word = text[start:end]
    if not (word[0].isupper() and word[1:].islower() and caps.informative):
        return False
    if _possessive_end(text, end) != end:
        return True  # "Hope's mum", even at the start of a sentence
    at_start = before is None and start == len(gap1)
    return not at_start and not any(c in gap1 for c in ".!?\n")


def _surname_after(text: str, end: int, title: str) -> tuple[int, int] | None:
    """The span of the name after a title ("Mrs Patel", "mr smith"), or None."""
    word, gap, word_end = _word_after(text, end)
    if not word or gap not in {" ", ". ", "."}:
        return None
    if word[0].isupper() or (title.lower() in _TITLES and word.lower() not in _SURNAME_STOPWORDS):
        start = word_end - len(word)
        base_end = start + len(_split_possessive(word)[0])
        second, gap, second_end = _word_after(text, base_end)
        if second and gap == "-" and second[0].isupper():  # "Mrs Smith-Jones"
            base_end = second_end - len(second) + len(_split_possessive(second)[0])
        return start, base_end
    return None


def _is_title(word: str) -> bool:
    lower = word.lower()
    return lower in _TITLES or (lower in _TITLE_CASE_TITLES and word[0].isupper())


def _split_possessive(word: str) -> tuple[str, str]:
    """("Olivia", "'s") for "Olivia's"; (word, "") for anything else."""
    if len(word) > 2 and word[-2] in "'’" and word[-1] in "sS":
        return word[:-2], word[-2:]
    return word, ""


def _possessive_end(text: str, end: int) -> int:
    if text[end : end + 1] in {"'", "’"} and text[end + 1 : end + 2] in {"s", "S"}:
        return end + 2
    return end


def _word_before(text: str, pos: int):
    """(word, gap, word start) for the word before pos; the word is None after a digit."""
    j = pos
    while j > 0 and not text[j - 1].isalnum():
        j -= 1
    k = j
    while k > 0 and (
        text[k - 1].isalpha() or (text[k - 1] in "'’" and text[k - 2 : k - 1].isalpha())
    ):
        k -= 1
    if k == j:
        return None, text[j:pos], None
    return text[k:j], text[j:pos], k


def _word_after(text: str, pos: int):
    """(word, gap, word end) for the word after pos."""
    n = len(text)
    j = pos
    while j < n and not text[j].isalnum():
        j += 1
    k = j
    while k < n and (text[k].isalpha() or (text[k] in "'’" and text[k + 1 : k + 2].isalpha())):
        k += 1
    return (text[j:k] or None), text[pos:j], k


def _ends_line(text: str, position: int) -> bool:
    rest = text[position:].split("\n", 1)[0]
    return not any(c.isalnum() for c in rest)


# --- Contact details and places ----------------------------------------------------------------


def _add(spans: list[tuple[int, int, str]], start: int, end: int, kind: str) -> None:
    """Adds a replacement, keeping spans in order, unless it overlaps one found before."""
    i = bisect.bisect_left(spans, (start,))
    if i > 0 and spans[i - 1][1] > start:
        return
    if i < len(spans) and spans[i][0] < end:
        return
    spans.insert(i, (start, end, PLACEHOLDERS[kind]))


def _apply(text: str, spans: list[tuple[int, int, str]]) -> str:
    pieces = []
    last = 0
    for start, end, placeholder in spans:
        pieces.append(text[last:start])
        pieces.append(placeholder)
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


def _is_word_start(lower: str, start: int) -> bool:
    return start == 0 or not (lower[start - 1].isalnum() or lower[start - 1] == "_")


def _find_places(places: re.Pattern, lower: str, spans) -> None:
    for match in places.finditer(lower):
        start, end = match.span()
        if _is_word_start(lower, start) and not lower[end : end + 1].isalnum():
            _add(spans, start, end, "place")


def _find_contacts(text: str, lower: str, words: list[bytes], spans) -> None:
    if "@" in lower:
        _find_emails(lower, spans)
    if not _MAIL_HOST_WORDS.isdisjoint(words):
        for match in _EMAIL_SPELT.finditer(lower):
            _add(spans, *match.span(), "email")
    if "." in lower:
        _find_links(lower, spans)
    if "_" in lower:
        for match in _UNDERSCORED.finditer(lower):
            _add(spans, *match.span(), "handle")
    if "@" in lower:
        for match in _AT_HANDLE.finditer(lower):
            start = match.start()
            user = match.group(1)
            if start and (lower[start - 1].isalnum() or lower[start - 1] in "_@."):
                continue
            if user not in _AT_WORDS and not _QUANTITY.fullmatch(user):
                _add(spans, start, match.end(), "handle")
    platforms = _PLATFORM_WORDS.intersection(words)
    if platforms:
        _find_platform_handles(lower, platforms, spans)
    if _DIGIT.search(lower):
        _find_phones(lower, spans)
        _find_addresses(text, lower, spans)
        _find_postcodes(text, lower, spans)


def _find_platform_handles(lower: str, platforms: frozenset[bytes], spans) -> None:
    """Usernames written after a platform's name ("my snap is jess_22")."""
    for platform in platforms:
        word = platform.decode()
        at = lower.find(word)
        while at != -1:
            after = at + len(word)
            if (at == 0 or not lower[at - 1].isalnum()) and not lower[after : after + 1].isalpha():
                span = _handle_after(lower, at, word)
                if span is not None:
                    _add(spans, *span, "handle")
            at = lower.find(word, after)


def _handle_after(lower: str, at: int, platform: str) -> tuple[int, int] | None:
    if platform in {"user", "username", "gamer", "gamertag"}:
        match = _AFTER_USERNAME.match(lower, at)
    elif _ADD_ME_BEFORE.search(lower, max(0, at - 30), at):
        match = _AFTER_ADD_ME.match(lower, at)
    else:
        match = _AFTER_PLATFORM.match(lower, at)
    if match is None:
        return None
    user = match.group(match.lastindex).lstrip("@")
    if user in _NOT_USERNAMES or _QUANTITY.fullmatch(user):
        return None
    return match.span(match.lastindex)


def _find_emails(lower: str, spans) -> None:
    at = lower.find("@")
    while at != -1:
        start = at
        while start > 0 and (lower[start - 1].isalnum() or lower[start - 1] in "._+-"):
            start -= 1
        domain = _EMAIL_DOMAIN.match(lower, at + 1)
        if start < at and domain:
            _add(spans, start, domain.end(), "email")
        at = lower.find("@", at + 1)


def _find_links(lower: str, spans) -> None:
    if "://" in lower or "www." in lower:
        for match in _SCHEME_LINK.finditer(lower):
            _add(spans, match.start(), _trim(lower, match.end()), "link")
    for match in _TLD.finditer(lower):
        dot, end = match.span()
        start = dot
        while start > 0 and (lower[start - 1].isalnum() or lower[start - 1] in "-."):
            start -= 1
        while start < dot and not lower[start].isalnum():
            start += 1
        if start == dot or (start and lower[start - 1] in "@/_"):
            continue
        if lower[end : end + 1] == "/":
            end = _trim(lower, _NON_SPACE.match(lower, end).end())
        elif match.group(1) not in _TLD_ALONE_SET or (
            lower[end : end + 1] in {".", "_"} and lower[end + 1 : end + 2].isalnum()
        ):
            continue  # "school.me and", "x.co.uk.zz"
        _add(spans, start, end, "link")


def _trim(lower: str, end: int) -> int:
    """The end of a link without the sentence punctuation after it."""
    while end > 0 and lower[end - 1] in _TRAILING:
        end -= 1
    return end


def _find_addresses(text: str, lower: str, spans) -> None:
    for match in _ADDRESS.finditer(text):
        start = match.start()
        if start and text[start - 1].isalnum():
            continue
        if _NOT_STREET_NAMES.isdisjoint(match.group().split()):
            _add(spans, start, match.end(), "address")
    if "live" in lower or "address" in lower:
        for match in _CUED_ADDRESS.finditer(lower):
            _add(spans, *match.span(1), "address")


def _find_phones(lower: str, spans) -> None:
    for run in _DIGIT_RUN.finditer(lower):
        for match in _PHONE.finditer(lower, run.start(), run.end()):
            start = match.start()
            if start and (lower[start - 1].isalnum() or lower[start - 1] in "_+£$€#/"):
                continue
            digits = "".join(c for c in match.group() if c.isdigit())
            if digits not in HELPLINES:
                _add(spans, start, match.end(), "phone")


def _find_postcodes(text: str, lower: str, spans) -> None:
    for match in _POSTCODE.finditer(lower):
        if match.group(1).upper() not in _AREAS:
            continue
        start, end = match.span()
        if match.group(2) is None and not _clear_outward_code(text, lower, start, end):
            continue
        _add(spans, start, end, "postcode")


def _clear_outward_code(text: str, lower: str, start: int, end: int) -> bool:
    """Whether a postcode without its last half is clearly one ("LS6", "live in m1")."""
    if _POSTCODE_CUE.search(lower, max(0, start - 30), start):
        return True
    written = text[start:end]
    if not written.isupper():
        return False
    if written[-1].isalpha():
        return True  # "SW1A", "W1B"
    area = written.rstrip("0123456789")
    return len(area) == 2 and area not in _AMBIGUOUS_AREAS


@functools.lru_cache(maxsize=32)
def _default_redactor(extra_names: tuple[str, ...]) -> Redactor:
    return Redactor(extra_names=extra_names)


def redact(text: str, *, extra_names: Iterable[str] = ()) -> str:
    """The text redacted by a shared Redactor with the shipped first names."""
    return _default_redactor(tuple(extra_names)).redact(text)
