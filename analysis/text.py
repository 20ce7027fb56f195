"""Words from free-text answers: normalising, tokens, stems, negation and collocated phrases.

Everything here runs offline: the nltk stemmer, tokeniser and collocation finder need no
downloaded corpus, and the stop-word list is built in. Negations are folded into the word they
negate ("not safe" becomes "not_safe") so that "safe" and "not safe" never count as the same
thing, and short answers such as "nothing" or "no" keep their words rather than losing them as
stop words.
"""

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder
from nltk.stem.snowball import SnowballStemmer
from nltk.tokenize import RegexpTokenizer
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

# --- Normalising -------------------------------------------------------------------------------

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})

# Contractions and their apostrophe-less spellings children type, expanded so the negation
# always appears as its own word.
_CONTRACTIONS = [
    (r"\b(?:can ?not|can'?t|carn'?t)\b", "can not"),
    (r"\bwon'?t\b", "will not"),
    (r"\bain'?t\b", "is not"),
    (r"\bshan'?t\b", "shall not"),
    (r"\b(do|does|did|is|are|was|were|has|have|had|could|would|should|must|need)n'?t\b", r"\1 not"),
    (r"\b(\w+)n't\b", r"\1 not"),
    (r"\bi'?m\b", "i am"),
    (r"\b(\w+)'(?:ve|ll|re|d|s)\b", r"\1"),
    (r"\bidk\b", "i do not know"),
    (r"\bdunno\b", "do not know"),
    (r"\bn/?a\b", "not applicable"),
]
_CONTRACTION_RULES = [(re.compile(pattern), repl) for pattern, repl in _CONTRACTIONS]
_STRETCHED = re.compile(r"([a-z])\1{2,}")
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Lower case, plain quotes, contractions expanded, stretched letters ("sooo") shortened."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", str(text)).translate(_QUOTES).lower()
    text = _STRETCHED.sub(r"\1\1", text)
    for pattern, repl in _CONTRACTION_RULES:
        text = pattern.sub(repl, text)
    return _SPACES.sub(" ", text).strip()


# --- Tokens, negation and stems ----------------------------------------------------------------

# Punctuation is kept as tokens only to end a negation's reach at the end of a clause.
_TOKENISER = RegexpTokenizer(r"[a-z]+|\d+|[.,!?;:]")
_CLAUSE_END = frozenset(".,!?;:")
_CLAUSE_BREAK = frozenset({"but", "and", "because", "although", "though", "however"})

# "nothing" and "none" are kept as words but do not negate what follows: in "nothing, it was
# lovely" or "nothing to do here" the next words are not denied.
NEGATORS = frozenset({"not", "no", "never", "nobody", "nowhere", "without"})
NEGATION_REACH = 2  # a negator marks this many content words after it, within its clause

# Words that carry meaning in children's short answers, kept although stop-word lists drop them.
_KEEP = NEGATORS | {"nothing", "none", "alone", "home", "everyone", "everything", "someone", "cry"}
STOP_WORDS = frozenset(ENGLISH_STOP_WORDS - _KEEP) | {"just", "really", "like", "x", "xx", "xxx"}

_STEMMER = SnowballStemmer("english")
_PLACEHOLDER = re.compile(r"\[[a-z ]+\]")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    return _STEMMER.stem(word)


@dataclass(frozen=True)
class Term:
    key: str  # stemmed, possibly negated: "not_safe"
    surface: str  # as it read, for labels: "not safe"


def tokens(text: str) -> list[str]:
    """Words of the normalised text, punctuation dropped."""
    return [t for t in _TOKENISER.tokenize(normalise(text)) if t not in _CLAUSE_END]


def terms(text: str, *, normalised: bool = False) -> list[Term]:
    """Content words as stems, with negated words marked "not_<stem>" and the negator kept."""
    found: list[Term] = []
    reach = 0
    text = text if normalised else normalise(text)
    # Redaction placeholders ("[name]") are not words the child used.
    for token in _TOKENISER.tokenize(_PLACEHOLDER.sub(" ", text)):
        if token in _CLAUSE_END or token in _CLAUSE_BREAK:
            reach = 0
            continue
        if token in NEGATORS:
            found.append(Term(token, token))
            reach = NEGATION_REACH
            continue
        if token in STOP_WORDS or len(token) < 2:
            continue
        if reach:
            found.append(Term("not_" + stem(token), "not " + token))
            reach -= 1
        else:
            found.append(Term(stem(token), token))
    return found


def term_keys(text: str, *, normalised: bool = False) -> list[str]:
    return [term.key for term in terms(text, normalised=normalised)]


# Words that judge without saying what about; themes weigh them lightly.
JUDGING_WORDS = frozenset(
    [
        "good",
        "great",
        "excellent",
        "lovely",
        "nice",
        "brilliant",
        "amazing",
        "fantastic",
        "wonderful",
        "fab",
        "fabulous",
        "ok",
        "okay",
        "fine",
        "bad",
        "poor",
        "terrible",
        "awful",
        "horrible",
        "rubbish",
        "happy",
        "pleased",
        "best",
        "better",
        "worse",
        "worst",
        "perfect",
        "superb",
        "outstanding",
        "thank",
        "thanks",
        "very",
        "much",
        "lot",
        "always",
        "overall",
        "everything",
        "all",
        "well",
        "love",
        "loved",
        "not",
        "no",
        "never",
        "nothing",
        "none",
    ]
)


# --- Non-answers -------------------------------------------------------------------------------

# Whole answers that say nothing to theme. "no" and "nothing" stay meaningful words elsewhere;
# only as the entire answer do they form the non-answer group.
_NON_ANSWER_CORES = {
    "",
    "nothing",
    "none",
    "no",
    "nope",
    "nah",
    "nil",
    "not applicable",
    "do not know",
    "i do not know",
    "not sure",
    "i am not sure",
    "no idea",
    "no comment",
    "no comments",
    "nothing to say",
    "nothing to add",
    "can not think of anything",
    "pass",
    "same",
    "skip",
    "no answer",
}
_FILLERS = re.compile(r"\b(?:really|at all|else|just|um+|erm+|sorry|thanks|thank you|i think|ok)\b")
_NON_WORD = re.compile(r"[^a-z ]+")


@lru_cache(maxsize=200_000)
def is_non_answer(text: str) -> bool:
    """True for blank answers and for "nothing", "don't know", "n/a" and the like."""
    core = _NON_WORD.sub(" ", normalise(text))
    core = _SPACES.sub(" ", _FILLERS.sub(" ", core)).strip()
    return core in _NON_ANSWER_CORES or all(part in _NON_ANSWER_CORES for part in core.split(" "))


_NOTHING_WORDS = frozenset({"nothing", "no", "none", "not", "nope"})
# Words that add no topic to "nothing, all good" or "nothing I can think of".
_NO_TOPIC = frozenset(
    stem(word)
    for word in JUDGING_WORDS
    | {"fault", "think", "anything", "improve", "different", "change", "changed", "done"}
)


@lru_cache(maxsize=200_000)
def says_nothing_to_change(text: str) -> bool:
    """A non-answer, or "nothing" followed only by general approval ("Nothing, all good")."""
    if is_non_answer(text):
        return True
    words = tokens(text)
    if not words or words[0] not in _NOTHING_WORDS:
        return False
    return all(key.removeprefix("not_") in _NO_TOPIC | _NOTHING_STEMS for key in term_keys(text))


_NOTHING_STEMS = frozenset(stem(word) for word in _NOTHING_WORDS | {"nothing"})

# The ways an answer opens by saying nothing needs changing: "absolutely nothing", "nothing
# springs to mind", "can't think of anything", "no complaints", "couldn't fault it", "wouldn't
# change a thing", "couldn't have done any better".
_HEDGES = (
    r"(?:(?:absolutely|honestly|really|genuinely|literally|totally|truly|definitely|no|not|nope"
    r"|well|oh|um|erm|so|to be honest|in my opinion|on reflection|i think|i would say),? )*"
)
_NOTHING = r"(?:nothing|none|nope|nil|nowt|zero|nought|nothin|nothink|nuthin|nuffin|nothng)"
# "(that) could have been done better", "would improve", "needs changing".
_NO_CHANGE_TAIL = (
    r"(?:that |which )?(?:you |they |anyone |we |i )?(?:could|can|would|should|needs? to"
    r"|needed to)(?: of| have)?(?: be| been| do)?(?: any| anything)? (?:done|changed|improved"
    r"|better|different|differently|improve|change)(?: any)?(?: better| differently)?"
)
_DECLARATIONS = (
    # "Nothing", "not a thing", "there is nothing", with what usually trails them.
    rf"(?:there is |there was |there are )?(?:{_NOTHING}|not a thing|not anything)"
    r"(?: (?:at all|really|whatsoever|else|much|specific|in particular|i can think of"
    r"|that i can think of|i could think of|(?:that )?(?:comes?|springs?) to mind|that i know of"
    r"|to (?:change|improve|add|say|mention|report|suggest|complain about)"
    rf"|needs? (?:changing|improving)|{_NO_CHANGE_TAIL}))*",
    # "Can't think of anything (that could be done better)".
    r"(?:i )?(?:can|could|do) ?not (?:really )?(?:immediately )?think of (?:anything|any thing"
    rf"|much|a thing|any way|nothing)(?: to (?:improve|change|add)|(?: [a-z]+){{0,6}}?"
    rf" {_NO_CHANGE_TAIL})?",
    # "No complaints", "I have no problems", "no changes needed".
    r"(?:i have |i had |we have )?no (?:complaints?|problems?|issues?|faults?|criticisms?|concerns?"
    r"|negatives?|improvements?|changes?)(?: needed| required)?(?: at all| whatsoever)?",
    r"faultless|flawless",
    r"(?:i |you )?(?:can|could) ?not (?:fault|find (?:any )?faults?|complain)(?: it| them"
    r"| anything| this| that)?",
    r"(?:i )?(?:would|do) ?not change (?:a thing|anything)|(?:i )?would change nothing",
    r"(?:i )?do ?not think so",
    # "Couldn't have done any better", "couldn't ask for better care", "couldn't be better".
    r"(?:you |they |it |i )?(?:could|can) ?not (?:have )?(?:be|been|do|done|ask|asked|wish|wished"
    r"|want|wanted|had|have)(?: for)?(?: (?:a|any|anything|much|more|it))* (?:better|more)",
)
# After the opening comes the end, punctuation or a comment of its own ("nothing, the staff were
# lovely"), never words that make "nothing" part of a topic: "nothing to do", "nothing works".
# The opening is atomic, so a shorter reading ("nothing" of "nothing to do") cannot slip past.
_TOPIC_GOES_ON = (
    r"to|for|in|on|at|about|with|of|from|was|is|were|are|has|had|have|will|would|works?|worked"
    r"|happens?|happened|helps?|helped|seems?|seemed|gets?|got|goes|went|changes?|changed|matters"
    r"|makes|made|much|more|else|but|except|apart|other|than"
)
_OPENS_WITH_NOTHING_TO_CHANGE = re.compile(
    rf"^{_HEDGES}(?>{'|'.join(_DECLARATIONS)})(?:$|[.,!;:?]| (?!(?:{_TOPIC_GOES_ON})\b))"
)
_NOT_SAID = re.compile(r"[^a-z0-9 .,!;:?]+")


@lru_cache(maxsize=200_000)
def after_nothing_to_change(text: str) -> str | None:
    """What follows an opening that says nothing needs changing ("" if nothing), else None."""
    plain = _SPACES.sub(" ", _NOT_SAID.sub(" ", normalise(text))).strip()
    opening = _OPENS_WITH_NOTHING_TO_CHANGE.match(plain)
    return None if opening is None else plain[opening.end() :].strip(" .,!;:?")


# --- Phrases -----------------------------------------------------------------------------------


def collocation_phrases(
    documents: Iterable[list[str]], *, top: int = 300, min_count: int = 3
) -> set[tuple[str, str]]:
    """Word pairs that occur together more than chance (likelihood ratio), e.g. ("feel", "safe")."""
    finder = BigramCollocationFinder.from_documents(documents)
    finder.apply_freq_filter(min_count)
    return set(finder.nbest(BigramAssocMeasures.likelihood_ratio, top))


def with_phrases(keys: list[str], phrases: set[tuple[str, str]]) -> list[str]:
    """The keys plus "a b" for every adjacent pair that is a known phrase."""
    pairs = [f"{a} {b}" for a, b in zip(keys, keys[1:], strict=False) if (a, b) in phrases]
    return keys + pairs


class SurfaceForms:
    """Remembers how each stem was most often written, so labels read as words, not stems."""

    def __init__(self):
        self._seen: dict[str, Counter] = {}

    def add(self, found: list[Term], weight: int = 1) -> None:
        for term in found:
            self._seen.setdefault(term.key, Counter())[term.surface] += weight

    def readable(self, key: str) -> str:
        return " ".join(self._word(part) for part in key.split(" "))

    def _word(self, key: str) -> str:
        seen = self._seen.get(key)
        return seen.most_common(1)[0][0] if seen else key.replace("not_", "not ")
