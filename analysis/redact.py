"""Redaction of personal details in free-text answers, before they are shown to staff or exported.

Each detail is replaced by a bracketed placeholder naming what was there (PLACEHOLDERS); the
rest of the answer is kept exactly as written. Standard library only, compiled once, so that
hundreds of thousands of answers can be redacted in seconds.

How it works: setting names passed by the caller are replaced first, then one combined regex
finds emails, links, handles, phone numbers and postcodes, then a pass over the words finds
first names. Most first names are redacted wherever they appear; names that are also ordinary
words ("will", "hope", "may") only when the words around them show a name.
"""

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
}


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


FIRST_NAMES_FILE = Path(__file__).parent / "data" / "first_names.txt"

# --- Names that are also ordinary words --------------------------------------------------------

# Redacted only with evidence: capitalised mid-sentence, a naming cue, a person before them
# ("my friend", "sister"), a follower that only fits a person ("said", "told"), a possessive.
WORD_NAMES = _words(
    """
    amber angel archer ash atlas ayo basil bill blossom bluebell bob briar buddy carol chase
    cliff coral daisy dawn dolly don drew ebony eve faith fern forest fox frank gene grace grant
    gray harmony hazel heather holly honey honour hope hunter iris ivy jade jay jean joy kay kit
    kitty lance lark laurel lily mac mark max meadow melody mercy mick miles nick olive pat pearl
    penny phoenix pip poppy precious primrose raven ray reed reign rex rich river rob robin rocky
    rose rosemary ruby saffron sandy sapphire scarlet serenity sky stan sterling sue sunny teddy
    trinity velvet violet wade warren will willow woody wren destiny indigo pixie guy
    """
)

# Capitals prove nothing for these (months, seasons, places, a faith, school words): only a
# naming cue, a person before them or a person-only follower does.
CUE_ONLY_NAMES = _words(
    """
    april august june may jan jun summer autumn winter christian junior art roman
    india jordan georgia chelsea paris florence sydney brooklyn devon chester lincoln preston
    milan vienna
    """
)

# Names that are also verbs: after "my friend" the next word decides ("my friend will help").
_VERB_LIKE = _words("will may mark sue rob pat chase bill hope drew grant nick wade")
_MODALS = frozenset({"will", "may"})

_TITLES = frozenset({"mr", "mrs", "ms", "mx", "dr", "mister", "missus"})
_TITLE_CASE_TITLES = frozenset({"miss", "sir"})
_NAMING_CUES = frozenset({"called", "named", "nicknamed", "names", "name's", "names's"})
_PERSON_NOUNS = _words(
    """
    friend friends mate mates pal bestie bff bf gf boyfriend girlfriend crush partner sister
    brother sis bro cousin stepsister stepbrother twin teacher tutor coach classmate neighbour
    aunt auntie aunty uncle niece nephew son daughter babysitter
    """
)
_PERSON_FOLLOWERS = _words(
    """
    said says told tells asked asks shouted kicked punched pushed slapped bullied bullies
    texted messaged snapchatted laughed
    """
)
_MODAL_FOLLOWERS = (
    _words("is was has had does did isn't wasn't hasn't doesn't didn't and") | _PERSON_FOLLOWERS
)
_PRONOUNS = _words("i we you they he she it to")
_SURNAME_STOPWORDS = _words(
    """
    and is was the a an said says told who has had always never does did at in on to i me my
    he she they we you it or but so if
    """
)
# Plurals of names that are ordinary words, not possessives.
_NOT_POSSESSIVE = frozenset({"dales", "glens", "heaths", "lees", "masons", "arias", "dais"})

# --- Structured details ------------------------------------------------------------------------

_MAIL_HOSTS = r"gmail|googlemail|hotmail|outlook|yahoo|icloud|live|aol|btinternet|protonmail"
_EMAIL = rf"""
(?P<email>(?<![\w.+-])[\w.+-]+@(?:
    [a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{{2,}}
  | (?:{_MAIL_HOSTS})\b)
  | (?<![\w.+-])[\w.+-]+\s+(?:at|@)\s+(?:{_MAIL_HOSTS})\s*(?:dot|\.)\s*
    (?:com|net|org|co\s*(?:dot|\.)\s*uk)\b
)"""

# Bare domains need a path unless the ending is one nobody types by accident ("school.it").
_TLD_ALONE = r"com|net|org|co\.uk|org\.uk|gov\.uk|nhs\.uk|ac\.uk|sch\.uk|io|tv|gg"
_TLD_PATH = rf"{_TLD_ALONE}|uk|me|ly|be|ie|co|to|gl|app|info|xyz|live|link|site|shop|online"
_LINK = rf"""
(?P<link>
    https?://\S+
  | www\.\S+
  | (?<![\w@.])[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:{_TLD_PATH})/\S*
  | (?<![\w@.])[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:{_TLD_ALONE})(?![\w/])
)"""

_SEP = r"[\s.()-]{0,2}"
_PHONE = rf"""
(?<![\w+£$€#/])(?P<phone>
    (?:\+|00)\s?44[\s.-]{{0,2}}(?:\(0\)[\s.-]{{0,2}})?\(?\d(?:{_SEP}\d){{8,9}}
  | \(?0\d(?:{_SEP}\d){{8,9}}
  | (?:\+|00)[1-9](?:{_SEP}\d){{6,13}}
  | 7\d{{9}}
  | \(\d{{3}}\)\s?\d{{3}}[\s.-]\d{{4}}
  | \d{{3}}-\d{{3}}-\d{{4}}
)(?!\d)"""

_AREAS = sorted(
    _words(
        """
    AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY
    E EC EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA LD
    LE LL LN LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG
    SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE
    """
    ),
    key=lambda area: -len(area),
)
# Two-letter areas that, written as "XX1", are usually something else (BT21, SK8, CO2, HS2).
_AMBIGUOUS_AREAS = {"BT", "CH", "CO", "CV", "HA", "HS", "IG", "IM", "ME", "PE", "SK", "TA"}
_AREA = "|".join(_AREAS)
_AREA_CLEAR = "|".join(a for a in _AREAS if len(a) == 2 and a not in _AMBIGUOUS_AREAS)
_OUTWARD = rf"(?:{_AREA})\d[a-z\d]?"
_INWARD = r"\d[abd-hjlnp-uw-z]{2}"
_POSTCODE = rf"""
(?P<pc_pre>\b(?:post\s?code|live[sd]?\s+in|living\s+in|live\s+near|area)(?:\s+is)?\s*:?\s+)
  (?P<pc_cued>{_OUTWARD}(?:\s{{0,2}}{_INWARD})?)(?!\w)
| (?<!\w)(?P<postcode>
    {_OUTWARD}\s{{0,2}}{_INWARD}
  | (?-i:(?:{_AREA_CLEAR})\d[A-Z\d]?|(?:{_AREA})\d[A-Z])
)(?!\w)"""

_PLATFORMS = (
    r"snap(?:chat)?|sc|insta(?:gram)?|ig|tik\s?tok|tt|twitter|discord|kik|roblox|fortnite|xbox"
    r"|psn|playstation|steam|twitch|youtube|yt|telegram|threads|wizz|yubo|bereal|facebook|fb"
    r"|whatsapp|minecraft|epic|gamertag|user\s?name"
)
# Looks like a username: has a letter and a digit, an underscore or a dot inside.
_USERNAME = r"@?(?=[\w.]*[a-z])(?=[\w.]*[\d_]|\w+\.\w)\w[\w.]*\w"
_ANY_USERNAME = r"@?\w(?:[\w.]*\w)?"
_HANDLE = rf"""
(?P<add_pre>\b(?:add|follow|friend|message|msg|dm|text|find)\s+me\s+(?:on|at)\s+
    (?:{_PLATFORMS})\s*(?:[:=\-–]\s*)?(?:(?:it['’]?s|is)\s+)?)(?P<add_user>{_ANY_USERNAME})
| (?P<named_pre>\b(?:{_PLATFORMS})\s*(?:user\s?name|name|id|tag|handle)\s*(?:is|=|:|-|–)?\s*)
    (?P<named_user>{_ANY_USERNAME})
| (?P<plat_pre>\b(?:{_PLATFORMS})(?:['’]?s)?
    (?:\s*(?:[:=\-–]|(?:acc(?:ount)?|is|its|it['’]s)\b))*\s*)(?P<plat_user>{_USERNAME})
| (?<![\w@.])@(?P<at_user>\w(?:[\w.]*\w)?)
"""
# "@home", "@ 3pm": an at sign standing for the word "at", not a handle.
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
_QUANTITY = re.compile(r"\d+[a-z]{0,5}", re.IGNORECASE)  # "3pm", "5hrs", "2day"

_STRUCTURED = re.compile(
    "|".join([_EMAIL, _LINK, _HANDLE, _PHONE, _POSTCODE]), re.IGNORECASE | re.VERBOSE
)

# Details that are safe and useful to keep: helplines a child may quote back.
HELPLINES = frozenset({"08001111", "08088005000", "08000684141", "116123", "116000", "85258"})

_TRAILING = ".,!?;:)]}'\"’”"

# --- Words -------------------------------------------------------------------------------------

_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_FAST_TOKEN = re.compile(r"[^\W\d_]+")
_SENTENCE_END = re.compile(r"[.!?\n]")
_XS = re.compile(r"x{3,}", re.IGNORECASE)
_APOSTROPHES = "'’‘`´"


@functools.cache
def load_first_names(path: Path = FIRST_NAMES_FILE) -> frozenset[str]:
    """The shipped list of first names, lower case."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(s.strip().lower() for s in lines if s.strip() and not s.startswith("#"))


def _fold(word: str) -> str:
    """Lower case without accents, so "Zoë" meets "zoe"."""
    word = word.lower()
    if word.isascii():
        return word
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def _place_pattern(name: str) -> str | None:
    """A regex for one setting name that tolerates case, apostrophes, dots and spacing."""
    words = re.findall(r"[^\s\-]+", name.strip())
    if not words:
        return None
    parts = []
    for word in words:
        bare = "".join(c for c in word if c not in _APOSTROPHES and c != ".")
        if not bare:
            continue
        if bare.lower() in {"st", "saint"}:
            parts.append(r"(?:st\.?|saint)")
            continue
        body = "".join(re.escape(c) + f"[{_APOSTROPHES}]?" for c in bare[:-1])
        parts.append(body + re.escape(bare[-1]))
    return r"[\s\-]+".join(parts)


class Redactor:
    """Replaces personal details in free text with bracketed placeholders."""

    def __init__(
        self, *, extra_names: Iterable[str] = (), first_names: Iterable[str] | None = None
    ):
        names = load_first_names() if first_names is None else {_fold(n) for n in first_names}
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
            if kind == "always" and len(name) >= 3 and name + "s" not in self._kinds
        }
        self._plurals = {k: v for k, v in self._plurals.items() if k not in _NOT_POSSESSIVE}
        self._triggers = frozenset(self._kinds) | frozenset(self._plurals) | _TITLES
        self._triggers |= _TITLE_CASE_TITLES
        patterns = sorted({p for p in map(_place_pattern, extra_names) if p}, key=len, reverse=True)
        self._places = (
            re.compile(r"(?<!\w)(?:" + "|".join(patterns) + r")(?!\w)", re.IGNORECASE)
            if patterns
            else None
        )

    def redact(self, text: str) -> str:
        """The text with every personal detail found replaced by its placeholder."""
        if not text:
            return text
        if self._places is not None:
            text = self._places.sub(PLACEHOLDERS["place"], text)
        text = _STRUCTURED.sub(_replace_structured, text)
        return self._redact_names(text)

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

    def _redact_names(self, text: str) -> str:
        lower = text.lower()
        if self._triggers.isdisjoint(_FAST_TOKEN.findall(lower)) and "xxx" not in lower:
            if text.isascii():
                return text
            if self._triggers.isdisjoint(map(_fold, _FAST_TOKEN.findall(lower))):
                return text
        tokens = list(_TOKEN.finditer(text))
        caps_mean_names = _capitals_are_informative(tokens)
        pieces = []
        last = 0
        redacted_previous = False
        for i in range(len(tokens)):
            span = self._name_span(text, tokens, i, caps_mean_names, redacted_previous)
            redacted_previous = span is not None
            if span is None:
                continue
            start, end = span
            pieces.append(text[last:start])
            pieces.append(PLACEHOLDERS["name"])
            last = end
        if not pieces:
            return text
        pieces.append(text[last:])
        return "".join(pieces)

    def _name_span(self, text, tokens, i, caps_mean_names, redacted_previous):
        """The span of a name within token i, or None."""
        match = tokens[i]
        word = match.group()
        base, tail = _split_possessive(word)
        start = match.start()
        end = start + len(base)
        folded = _fold(base)
        prev = _neighbour(text, tokens, i, -1)
        after_title = prev and _is_title(prev[0]) and prev[1] in {" ", ". ", "."}
        if after_title and (
            base[0].isupper() or (prev[0].lower() in _TITLES and folded not in _SURNAME_STOPWORDS)
        ):
            return start, end
        if redacted_previous and prev and prev[1] == "-" and base[0].isupper():
            return start, end
        if _XS.fullmatch(base):
            if not base.islower() or not _ends_line(text, match.end()):
                return start, end
            return None
        kind = self._kinds.get(folded)
        if kind is None:
            stem = self._plurals.get(folded)
            if stem is not None and not tail:
                return start, end - 1
            return None
        if kind == "always":
            return start, end
        if self._has_name_evidence(text, tokens, i, folded, base, tail, kind, caps_mean_names):
            return start, end
        return None

    def _has_name_evidence(self, text, tokens, i, folded, base, tail, kind, caps_mean_names):
        prev = _neighbour(text, tokens, i, -1)
        prev2 = _neighbour(text, tokens, i - 1, -1) if prev else None
        nxt = _neighbour(text, tokens, i, 1)
        p1 = prev[0].lower() if prev and prev[1].strip() in {"", ","} else None
        p2 = prev2[0].lower() if p1 and prev2 and not prev2[1].strip() else None
        n1 = nxt[0].lower() if nxt and not nxt[1].strip() else None
        if p1 in _NAMING_CUES or (p1 in {"is", "was"} and p2 in {"name", "nickname"}):
            return True
        if p1 == "and" and p2 == "me":
            return True
        if n1 == "and":
            after = _neighbour(text, tokens, i + 1, 1)
            if after and after[0].lower() == "me" and not after[1].strip():
                return True
        if n1 in _PERSON_FOLLOWERS or (folded in _MODALS and n1 in _MODAL_FOLLOWERS):
            return True
        person_before = p1 in _PERSON_NOUNS or (p1 in {"is", "was"} and p2 in _PERSON_NOUNS)
        if person_before:
            if folded not in _VERB_LIKE or p1 in {"is", "was"}:
                return True
            if nxt is None or nxt[1].strip() or not nxt[0].islower() or n1 in _MODAL_FOLLOWERS:
                return True
        if kind == "cue":
            return False
        title_case = base[0].isupper() and base[1:].islower()
        if title_case and tail and caps_mean_names:
            return True
        sentence_start = prev is None or _SENTENCE_END.search(prev[1]) is not None
        if title_case and caps_mean_names and not sentence_start:
            return not (folded in _VERB_LIKE and p1 in _PRONOUNS)
        return False


def _split_possessive(word: str) -> tuple[str, str]:
    """("Olivia", "'s") for "Olivia's"; (word, "") for anything else."""
    if len(word) > 2 and word[-2] in "'’" and word[-1] in "sS":
        return word[:-2], word[-2:]
    return word, ""


def _neighbour(text, tokens, i, step):
    """(token text, gap text) of the token before (step -1) or after (step 1) token i."""
    j = i + step
    if j < 0 or j >= len(tokens):
        return None
    if step < 0:
        return tokens[j].group(), text[tokens[j].end() : tokens[i].start()]
    return tokens[j].group(), text[tokens[i].end() : tokens[j].start()]


def _is_title(word: str) -> bool:
    lower = word.lower()
    if lower in _TITLES:
        return True
    return lower in _TITLE_CASE_TITLES and word[0].isupper()


def _ends_line(text: str, position: int) -> bool:
    rest = text[position:].split("\n", 1)[0]
    return not any(c.isalnum() for c in rest)


def _capitals_are_informative(tokens) -> bool:
    """False when most words start with a capital, as in "I Will Tell My Teacher"."""
    words = [m.group() for m in tokens if len(m.group()) > 1]
    if len(words) < 4:
        return True
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised * 2 < len(words)


def _replace_structured(match: re.Match) -> str:
    groups = match.groupdict()
    if groups["email"] is not None:
        return PLACEHOLDERS["email"]
    if groups["link"] is not None:
        link = match.group()
        kept = link.rstrip(_TRAILING)
        return PLACEHOLDERS["link"] + link[len(kept) :]
    if groups["phone"] is not None:
        digits = "".join(c for c in match.group() if c.isdigit())
        if digits in HELPLINES:
            return match.group()
        return PLACEHOLDERS["phone"]
    if groups["pc_cued"] is not None:
        return groups["pc_pre"] + PLACEHOLDERS["postcode"]
    if groups["postcode"] is not None:
        return PLACEHOLDERS["postcode"]
    for pre, user in (
        ("add_pre", "add_user"),
        ("named_pre", "named_user"),
        ("plat_pre", "plat_user"),
    ):
        if groups[user] is not None:
            name = groups[user]
            if name.lower() in _NOT_USERNAMES or _QUANTITY.fullmatch(name):
                return match.group()
            return groups[pre] + PLACEHOLDERS["handle"]
    name = groups["at_user"]
    if name.lower() in _AT_WORDS or _QUANTITY.fullmatch(name):
        return match.group()
    return PLACEHOLDERS["handle"]


@functools.lru_cache(maxsize=32)
def _default_redactor(extra_names: tuple[str, ...]) -> Redactor:
    return Redactor(extra_names=extra_names)


def redact(text: str, *, extra_names: Iterable[str] = ()) -> str:
    """The text redacted by a shared Redactor with the shipped first names."""
    return _default_redactor(tuple(extra_names)).redact(text)
