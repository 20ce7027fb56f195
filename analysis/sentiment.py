"""Sentiment of each answer: negative, neutral or positive, offline.

Starts from the VADER lexicon and rules (shipped inside the vaderSentiment package, nothing
downloaded) with words it lacks (British, children's and service words, common emoji), then adds
what short survey answers need. Neutral means the answer judges nothing: "nothing", "don't know",
a bare topic ("my mum"), a plain fact, or a lukewarm "it's ok". "Nothing" to "what could be
better?" is content, and a topic named there is the thing to change. A request for change ("could
be better", "more staff", "fix the lights") is a criticism however politely it is put, unless it
is negated ("nothing could be better"); set phrases such as "can't fault" are praise. A mixed
answer is judged clause by clause and any criticism makes it critical. Analysts' corrections
count: an answer they corrected keeps their label, and enough corrections train a classifier
that is blended with the rules.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from analysis import text as text_words

LABELS = ("negative", "neutral", "positive")
_LABEL_SCORE = {"negative": -1.0, "neutral": 0.0, "positive": 1.0}
POSITIVE_FROM = 0.05  # VADER's own thresholds on its compound score
NEGATIVE_BELOW = -0.05
CHANGE_REQUEST_SHIFT = 0.6  # how far a request for change pulls the score down
CONTENT_SCORE = 0.5  # "nothing" to "what could be better?", "all good"
REQUEST_SCORE = -0.4  # a plain topic named in answer to "what could be better?"
CORRECTIONS_FOR_FULL_TRUST = 50  # learned and rule scores weigh equally at half this many

# Judging words VADER lacks: praise and complaint in services and in children's and British
# speech, on VADER's -4..4 scale. "Sick" and "wicked" stay VADER's: their sense varies by age.
EXTRA_WORDS = {
    **dict.fromkeys(("brill", "ace", "lush", "mint", "amazeballs", "fave"), 2.5),
    **dict.fromkeys(("professional", "attentive", "polite", "thorough", "approachable"), 1.8),
    **dict.fromkeys(("knowledgeable", "informative", "skilled", "hardworking", "spotless"), 1.8),
    **dict.fromkeys(("tidy", "comfy", "organised", "organized", "prompt", "reassured"), 1.5),
    **dict.fromkeys(("helped", "helps", "cared", "listened", "listens", "understood"), 1.2),
    **dict.fromkeys(("quickly", "promptly", "professionally", "angel", "angels"), 1.2),
    **dict.fromkeys(("rubbish", "minging", "grotty", "manky", "naff", "awful"), -2.0),
    **dict.fromkeys(("mean", "unkind", "unsafe", "unhelpful", "rude", "shouted", "bullies"), -2.0),
    **dict.fromkeys(("soggy", "tatty", "tasteless", "bland", "smelly", "cramped", "chipped"), -1.5),
    **dict.fromkeys(("loud", "slow", "late", "rushed", "disorganised", "understaffed"), -1.3),
    **dict.fromkeys(("mediocre", "inadequate", "unacceptable", "lonely", "unfair"), -1.8),
}
# British spellings and common misspellings read as the words VADER knows.
_SPELLINGS = {
    "marvellous": "marvelous",
    "favourite": "favorite",
    "helpfull": "helpful",
    "proffesional": "professional",
    "proffessional": "professional",
    "fantastick": "fantastic",
    "amazin": "amazing",
    "gud": "good",
    "luv": "love",
    "cos": "because",
    "coz": "because",
    "to slow": "too slow",
    "to long": "too long",
    "to busy": "too busy",
    "to loud": "too loud",
    "to noisy": "too noisy",
    "to hot": "too hot",
    "to cold": "too cold",
}
# Emoji children use that VADER's emoji descriptions leave unscored.
_EMOJI_WORDS = {
    "\N{THUMBS UP SIGN}": " good ",
    "\N{THUMBS DOWN SIGN}": " bad ",
    "\N{HEAVY BLACK HEART}": " love ",
    "\N{HUNDRED POINTS SYMBOL}": " excellent ",
    "\N{CLAPPING HANDS SIGN}": " great ",
    "\N{PERSON RAISING BOTH HANDS IN CELEBRATION}": " great ",
    "\N{GRINNING FACE WITH STAR EYES}": " amazing ",
    "\N{POUTING FACE}": " angry ",
    "\N{FACE WITH OPEN MOUTH VOMITING}": " disgusting ",
    "\N{PILE OF POO}": " bad ",
}
_SPELLING = re.compile(r"\b(?:" + "|".join(map(re.escape, _SPELLINGS)) + r")\b")

# Set phrases of praise whose words mislead a lexicon: "can't fault", "nothing too much trouble",
# "couldn't be better", "second to none". Each is read as plain praise.
_PRAISE_IDIOM = re.compile(
    r"\b(?:could|can|would) ?not (?:have )?(?:fault|faulted|complain)\w*(?: (?:it|them|anything|any"
    r"(?: of)? (?:the )?\w+))?"
    r"|\bno (?:faults?|complaints?|problems?|issues?|concerns?|worries)(?: at all| whatsoever)?"
    r"|\bnothing (?:(?:is|was|has been|seemed) )?(?:ever )?(?:too|to) (?:much|difficult|hard)"
    r"(?: \w+)?"
    r"|\b(?:could|can) ?not do enough\b"
    r"|\bnothing but (?=\w)"
    r"|\b(?:could|can|would) ?not (?:have )?(?:asked|ask|wish|want|hope)(?: \w+)? for (?:a |any )?"
    r"(?:more|better)(?: \w+)?"
    r"|\b(?:could|can|would) ?not (?:have )?(?:be|been|done|do|get|got) "
    r"(?:any |a |much |anything )?"
    r"(?:better|more)(?: \w+)?"
    r"|\b(?:no ?(?:one|body)|nothing) (?:else |more )?(?:could|can|would) (?:have )?(?:\w+ )?"
    r"(?:better|more)(?: \w+)?"
    r"|\bnothing (?:else |more )?(?:could|can|would) have been done\b"
    r"|\bnothing (?:is |was )?better than\b"
    r"|\b(?:can|could) ?not thank (?:you|them|him|her|everyone|the \w+)(?: \w+)? enough\b"
    r"|\bsecond to none\b|\btop notch\b|\bfirst class\b|\b1st class\b|\bspot on\b|\bnailed it\b"
    r"|\bkeep (?:it up|up the good work|going|it going|doing what you are doing|doing it)\b"
    r"|\bkeep up the\b|\bwell looked after\b|\blooked after (?:me )?(?:so |very )?well\b"
)
# Asking for change reads as criticism even in positive words: "could be better", "more staff".
_COMPARATIVE = (
    r"(?:better|more|less|fewer|quicker|faster|sooner|earlier|bigger|larger|warmer|cooler|"
    r"quieter|comfier|wider|smaller|lighter|greater|cleaner|longer|shorter|clearer|easier|"
    r"cheaper|nicer|healthier|tastier|hotter)"
)
_AFTER_RECOVERY = "".join(
    f"(?<!{word} )"
    for word in ("feel", "felt", "feels", "feeling", "get", "got", "getting", "me", "him", "her")
    + ("us", "them", "much", "even", "lot", "bit", "been")
)
_CHANGE_REQUEST = re.compile(
    "|".join(
        (
            # "Could be better", "needs to be a bit quicker", "should have more staff".
            r"\b(?:could|should|would|needs?|must) (?:be|have been|do|get|have|use)? ?"
            r"(?:a )?(?:(?:bit|little|lot|much|slightly) )*" + _COMPARATIVE,
            r"\b(?:improve|improvement|improvements|improving)\b|\b(?:be|been) improved\b",
            # "Bigger rooms", "quicker discharge", but not "feel better now" or "more than happy".
            r"\b" + _AFTER_RECOVERY + _COMPARATIVE + r"\b(?! than| now| at ease| confident)"
            r"(?! relaxed| comfortable)",
            r"\b(?:long|longer) (?:wait|waits|waiting|delay|delays)\b",
            r"\bwaited\b|\bdelay(?:s|ed)?\b",
            r"\b(?:waiting|wait) (?:time|times|list|lists|ages|hours|for hours|too)\b",
            r"\b(?:problems?|issues?|concerns?) (?:with|about|around|over)\b",
            r"^\w+ (?:problems?|issues?)$",
            r"\btoo (?:long|slow|late|busy|noisy|loud|hot|cold|small|far|expensive|many|much"
            r"|few)\b",
            r"\b(?:a )?(?:bit|little) (?:long|slow|late|cold|noisy|loud|busy|boring)\b",
            r"\b(?:took|takes|taking|take) (?:a )?(?:long time|while|ages|forever|too long)\b",
            # Wishes and hedged suggestions: "I wish", "it would be nice", "would help".
            r"\bwish\b(?! to (?:say|thank|express))",
            r"\bwould (?:like|have like|have liked|prefer|have preferred|have helped)\b",
            r"\b(?:i|we) (?:would )?(?:like|want|need) (?:it|them|there|more|to have|a )",
            r"\bwould (?:be|have been|make) (?:(?:very|really|so|more|a) )?(?:great|good|nice|"
            r"helpful|beneficial|better|useful|lovely|nicer|a difference|a huge difference|"
            r"a big difference|a good idea|appreciated)\b",
            r"\bplease\b|\bwould (?:\w+ )?(?:help|helped|benefit)\b|\bcould benefit\b",
            r"\b(?:should|could) have\b|\bshould\b(?! be proud)|\bneeds? to\b",
            r"\bneeds? (?:a |an |some |more )?\w+ing\b|\bif anything\b",
            r"\b(?:only|one) (?:thing|negative|improvement|complaint|problem)\b",
            r"\b(?:lack of|not enough|no one|nobody|very little|not much|never enough)\b",
            # An answer that opens with a request: "fix the lights", "maybe more clubs".
            r"^(?:please |just |maybe |perhaps |possibly )?(?:i would )?(?:suggest|maybe|perhaps"
            r"|possibly|reduce|fix|make sure|ensure|let|have a|have more|have some|help|give"
            r"|provide|offer|stop|start|add|bring|change|put|open|close|allow|listen|tell|show"
            r"|share|check|encourage|update|employ|hire|get more|get rid|buy|install|remove|turn"
            r"|introduce|try|keep)\b",
            # Something that should happen did not: "shower not working", "hospital was not".
            r"\b(?:not|never|no longer|hardly) (?:\w+ )?(?:work|working|works|worked|answered"
            r"|introduced|explained|told|informed|listened|replied|returned|arrived|came"
            r"|available|enough|adequate|acceptable|clean|cleaned|helped|offered|given)\b",
            r"\b(?:was|were|is|are|did|do|does) not$",
        )
    )
)
# "More than happy" and "no waiting" are praise, not requests.
_PRAISE_NOT_REQUEST = re.compile(
    r"\bmore than (?:happy|pleased|helpful)\b"
    r"|\b(?:no|little|short|not much|not a long|not long) (?:wait|waiting|delay|delays)\b"
)
# "Nothing" and its cousins, with or without a word of approval or a hedge after them.
_NOTHING_TO_CHANGE = re.compile(
    r"^(?:(?:absolutely|honestly|really|genuinely|no|not|nope) )*(?:nothing|none|no|nope|n ?a|nil|"
    r"nowt|nuffin|nuthin|nothin|not a thing|there is nothing)"
    r"(?: (?:at all|really|whatsoever|else|specific|in particular|to (?:mention|add|say|report|"
    r"change|improve|suggest|comment)|i can think of|that i can think of|comes to mind|"
    r"springs to mind|that i know of))*$"
    r"|^(?:i )?(?:can|could|do) ?not (?:think|find|see|say|suggest|come up with)(?: of)? "
    r"(?:anything|any(?: \w+)?|a thing|so|much)(?: (?:no|really|at all|that could be improved|"
    r"to improve|to change|else|more|that needs? (?:improving|changing)))*$"
    r"|^(?:i )?(?:do ?not|did ?not|would ?not) (?:think|feel|believe|know) (?:so|anything|there "
    r"(?:is|was|has been) anything)(?: (?:no|to improve|could be improved|needs? improving))?$"
    r"|^in my (?:opinion|view) nothing$"
    r"|^not really$|^no thanks?(?: you)?$|^not that i (?:know of|can think of)$"
)
# Saying outright that nothing needs changing is content whatever the question was.
_NO_CHANGE_NEEDED = re.compile(
    r"^(?:no|nothing|none|not any) (?:improvements?|changes?|suggestions?)(?: needed| required)?$"
    r"|^(?:would|i would) change nothing$|^nothing (?:to|needs?) (?:improve|improving|change)"
    r"|^(?:i )?(?:do not|would not) change (?:a thing|anything)"
)
# "Nothing could be better", "can't think how you could do any better": a request word in the
# scope of a negation is praise.
_NEGATED_REQUEST = re.compile(
    r"\b(?:nothing|not|no|never|cannot|can not|hard to|difficult to)\b(?! (?:feel|felt|enough|one))"
    r"(?: \w+){0,8}? (?:better|improv\w*|chang\w*|different\w*)\b"
)
# A complaint about the past settled by the present: "it was scary at first but now I love it".
# "But otherwise fine" does not settle one: any criticism still makes the answer critical.
_VERDICT = re.compile(r"^(?:but |and )?(?:now|these days|nowadays)\b")
_DONT_KNOW = re.compile(
    r"^(?:i )?(?:do not know|dont know|dunno|idk|not sure|no idea|unsure|no comment|no opinion|"
    r"(?:can|could) not say)(?: really)?$"
)
_LEADING_NOTHING = re.compile(r"^(?:absolutely |really |honestly )?(?:nothing|no|none|nope|n a)\b")
# Lukewarm answers: neither praise nor complaint to "why?" ("it's ok", "fine", "not bad").
_LUKEWARM = re.compile(
    r"^(?:(?:it|that|this|everything|all|school|home|the \w+|things?) "
    r"(?:(?:is|was|are|were|seems?) )?|"
    r"(?:it is |its |i am |i feel |all |pretty |quite |just )?)?"
    r"(?:ok|okay|ok ish|fine|alright|all right|average|so so|meh|not bad|not too bad|nothing "
    r"special|could be worse|decent|normal|same as usual|sometimes|it depends|depends|mixed|"
    r"ok i guess|fine i guess|okay i guess|good and bad|some good some bad)"
    r"(?: i (?:guess|suppose|think))?(?: thanks?(?: you)?)?$"
)
_PUNCTUATION = re.compile(r"[^a-z0-9 ]+")
_GLUED_PUNCTUATION = re.compile(r"([,.;:!?/&+()])(?=\S)")
# A mixed answer is judged clause by clause: any criticism makes it critical.
_CLAUSE_SPLIT = re.compile(r"[.!?;\n]+|\b(?:but|however|although|though|apart from|except)\b")


@dataclass(frozen=True)
class Sentiment:
    label: str  # one of LABELS
    score: float  # -1 to 1
    source: str  # "rules", "learned" or "corrected"


@lru_cache(maxsize=1)
def _vader() -> SentimentIntensityAnalyzer:
    analyser = SentimentIntensityAnalyzer()
    analyser.lexicon.update(EXTRA_WORDS)
    return analyser


def rule_score(text: str, *, asked_what_could_be_better: bool = False) -> float:
    """VADER's compound score adjusted for non-answers, set phrases and requests for change."""
    text = _with_emoji_words(str(text or ""))
    plain = _plain(text)
    said = _non_answer_score(text, plain, asked_what_could_be_better)
    if said is not None:
        return said
    rest = _PRAISE_IDIOM.sub(" excellent ", _prepared(text))
    leading_nothing = _LEADING_NOTHING.match(plain) is not None
    if leading_nothing:
        # "Nothing, everyone was lovely": the answer, then a comment judged on its own.
        rest = _LEADING_NOTHING.sub("", rest, count=1).strip(" ,.-")
    clauses = [c.strip(" ,-") for c in _CLAUSE_SPLIT.split(rest) if c.strip(" ,-")]
    scores = [_clause_score(clause) for clause in clauses]
    if min(scores, default=0.0) <= NEGATIVE_BELOW:
        if _ends_in_verdict(clauses, scores):
            return scores[-1]
        return float(np.clip(min(scores), -1.0, 1.0))
    overall = max([_vader().polarity_scores(rest)["compound"], *scores]) if rest else 0.0
    if overall >= POSITIVE_FROM:
        return overall
    if asked_what_could_be_better:
        # To "what could be better?" a named topic ("the food", "parking") is the thing to change.
        return CONTENT_SCORE if leading_nothing else REQUEST_SCORE
    return 0.0 if leading_nothing else overall


def _non_answer_score(text: str, plain: str, asked_what_could_be_better: bool) -> float | None:
    """The score of an answer that says nothing, nothing to change, or "it's ok"; else None."""
    if not plain:
        return _vader().polarity_scores(text)["compound"]  # emoji alone still say something
    if _DONT_KNOW.match(plain):
        return 0.0  # whatever the question was
    if _NO_CHANGE_NEEDED.match(plain):
        return CONTENT_SCORE
    if _says_nothing(text, plain) or _LUKEWARM.match(plain):
        return CONTENT_SCORE if asked_what_could_be_better else 0.0
    return None


def _ends_in_verdict(clauses: list[str], scores: list[float]) -> bool:
    return len(clauses) > 1 and scores[-1] >= POSITIVE_FROM and bool(_VERDICT.match(clauses[-1]))


def _with_emoji_words(text: str) -> str:
    for emoji, word in _EMOJI_WORDS.items():
        text = text.replace(emoji, word)
    return text


def _plain(text: str) -> str:
    return " ".join(_PUNCTUATION.sub(" ", text_words.normalise(text)).split())


def _says_nothing(text: str, plain: str) -> bool:
    return text_words.is_non_answer(text) or _NOTHING_TO_CHANGE.match(plain) is not None


def _prepared(text: str) -> str:
    """Normalised text with a space after glued punctuation and British spellings made American."""
    text = _GLUED_PUNCTUATION.sub(r"\1 ", text_words.normalise(text))
    return _SPELLING.sub(lambda found: _SPELLINGS[found.group(0)], text)


def _clause_score(clause: str) -> float:
    compound = _vader().polarity_scores(clause)["compound"]
    words = _PUNCTUATION.sub(" ", clause).strip()
    if _NEGATED_REQUEST.search(words) or _PRAISE_NOT_REQUEST.search(words):
        return max(compound, CONTENT_SCORE)
    if _CHANGE_REQUEST.search(words):
        compound = min(compound, 0.3) - CHANGE_REQUEST_SHIFT
    return compound


def label_for(score: float) -> str:
    if score >= POSITIVE_FROM:
        return "positive"
    if score <= NEGATIVE_BELOW:
        return "negative"
    return "neutral"


class SentimentModel:
    """Rules first; analysts' corrections override exact answers and train a blended model."""

    def __init__(self):
        self._corrected: dict[str, str] = {}
        self._learned: LogisticRegression | None = None
        self._vectoriser: TfidfVectorizer | None = None

    def correct(self, texts: Sequence[str], labels: Sequence[str]) -> "SentimentModel":
        """Record analysts' labels; with two or more labels seen, learn from them."""
        for raw, label in zip(texts, labels, strict=True):
            if label not in LABELS:
                raise ValueError(f"Unknown sentiment {label!r}; use one of {', '.join(LABELS)}.")
            self._corrected[_key(raw)] = label
        if len(set(self._corrected.values())) >= 2:
            self._fit_learned()
        return self

    def _fit_learned(self) -> None:
        texts = list(self._corrected)
        self._vectoriser = TfidfVectorizer(analyzer=text_words.term_keys, sublinear_tf=True)
        matrix = self._vectoriser.fit_transform(texts)
        labels = [self._corrected[t] for t in texts]
        self._learned = LogisticRegression(C=4.0, class_weight="balanced", max_iter=1000)
        self._learned.fit(matrix, labels)

    def predict(
        self, texts: Sequence[str], *, asked_what_could_be_better: bool | Sequence[bool] = False
    ) -> list[Sentiment]:
        """A sentiment per text; the flag (one for all, or one per text) names the question."""
        flags = _per_text(asked_what_could_be_better, len(texts))
        cache: dict[tuple[str, bool], Sentiment] = {}
        found = []
        for raw, flag in zip(texts, flags, strict=True):
            # Keyed with punctuation kept: emoji-only answers differ only in it.
            key = (text_words.normalise(raw), flag)
            if key not in cache:
                cache[key] = self._one(raw, _key(raw), flag)
            found.append(cache[key])
        return found

    def _one(self, raw: str, normalised: str, flag: bool) -> Sentiment:
        if normalised in self._corrected:
            label = self._corrected[normalised]
            return Sentiment(
                label, {"negative": -1.0, "neutral": 0.0, "positive": 1.0}[label], "corrected"
            )
        score = rule_score(raw, asked_what_could_be_better=flag)
        if self._learned is None:
            return Sentiment(label_for(score), round(score, 3), "rules")
        return self._blended(normalised, score)

    def _blended(self, normalised: str, score: float) -> Sentiment:
        probabilities = dict(
            zip(
                self._learned.classes_,
                self._learned.predict_proba(self._vectoriser.transform([normalised]))[0],
                strict=True,
            )
        )
        learned = probabilities.get("positive", 0.0) - probabilities.get("negative", 0.0)
        trust = len(self._corrected) / (len(self._corrected) + CORRECTIONS_FOR_FULL_TRUST / 2)
        blended = (1 - trust) * score + trust * learned
        return Sentiment(label_for(blended), round(blended, 3), "learned")


def _key(text: str) -> str:
    # Corrections match however the answer was punctuated: "It is sick!" and "it is sick".
    return _PUNCTUATION.sub("", text_words.normalise(text)).strip()


def _per_text(flag: bool | Sequence[bool], count: int) -> list[bool]:
    if isinstance(flag, bool | np.bool_):
        return [bool(flag)] * count
    return [bool(f) for f in flag]


def sentiment_labels(texts: Sequence[str], **options) -> list[str]:
    return [s.label for s in SentimentModel().predict(texts, **options)]
