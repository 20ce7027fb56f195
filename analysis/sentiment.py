"""Sentiment of each answer: negative, neutral or positive, offline.

Starts from the VADER lexicon and rules (shipped inside the vaderSentiment package, nothing
downloaded), then adds what short survey answers need: "nothing", "don't know" and "n/a" are
neutral, or positive when the question asked what could be better; a request for change ("could
be better", "more staff", "waiting too long") is a criticism however politely it is put.
Analysts' corrections count: an answer they corrected keeps their label, and enough corrections
train a classifier that is blended with the rules.
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
CORRECTIONS_FOR_FULL_TRUST = 50  # learned and rule scores weigh equally at half this many

# Asking for change reads as criticism even in positive words: "could be better", "more staff".
_CHANGE_REQUEST = re.compile(
    r"\b(?:could|should|would|needs?|must) (?:be|have been|do|get) (?:a (?:bit|little|lot) )?"
    r"(?:better|more|less|quicker|faster|improved|cleaner)"
    r"|^(?:better|more|less|fewer|quicker|faster|bigger|cleaner|shorter) \w+"
    r"|\b(?:improve|improvement|improved)\b"
    r"|\b(?:more|less|fewer|quicker|faster|shorter) (?!than)\w+"
    r"|\b(?:wait|waiting|waited|delay|delayed|problem|issue|concern)\b"
    r"|\btoo (?:long|slow|late|busy|noisy|loud|hot|cold|small|far|expensive|many|much)\b"
    r"|\b(?:wish|would like|would have liked|would prefer|would have helped)\b"
    r"|\bwould (?:be|have been) (?:great|good|nice|helpful|beneficial|better|useful|lovely)\b"
    r"|\b(?:should|could) have\b|\bshould\b|\bneeds? to\b"
    r"|\b(?:only|one) (?:thing|negative|improvement|complaint|problem)\b"
    r"|\b(?:lack of|not enough|no one|nobody)\b"
)
# "Nothing could be better", "more than happy", "no problem" are praise, not requests.
_PRAISE_NOT_REQUEST = re.compile(
    r"\bnothing (?:could|can|would|should|to improve|needs?)\b"
    r"|\bmore than (?:happy|pleased|helpful)\b"
    r"|\b(?:could|can) not (?:be|have been|ask for|have|fault|think) (?:any )?(?:better|more)?"
    r"|\bno (?:wait|waiting|problem|problems|issue|issues|concerns?)\b"
)
_PUNCTUATION = re.compile(r"[^a-z0-9 ]+")
# A mixed answer is judged clause by clause: any criticism makes it critical.
_CLAUSE_SPLIT = re.compile(r"[.!?;\n]+|\b(?:but|however|although|though|apart from|except)\b")


@dataclass(frozen=True)
class Sentiment:
    label: str  # one of LABELS
    score: float  # -1 to 1
    source: str  # "rules", "learned" or "corrected"


@lru_cache(maxsize=1)
def _vader() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()


def rule_score(text: str, *, asked_what_could_be_better: bool = False) -> float:
    """VADER's compound score adjusted for non-answers and requests for change."""
    if text_words.says_nothing_to_change(text):
        if asked_what_could_be_better:
            return 0.5  # "nothing" to "what could be better?" means content
        if text_words.is_non_answer(text):
            return 0.0
    clauses = [c.strip() for c in _CLAUSE_SPLIT.split(text_words.normalise(text)) if c.strip()]
    critical = [score for score in map(_clause_score, clauses) if score <= NEGATIVE_BELOW]
    if critical:
        return float(np.clip(min(critical), -1.0, 1.0))
    return _vader().polarity_scores(str(text or ""))["compound"]


def _clause_score(clause: str) -> float:
    compound = _vader().polarity_scores(clause)["compound"]
    if _CHANGE_REQUEST.search(clause) and not _PRAISE_NOT_REQUEST.search(clause):
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
            key = (_key(raw), flag)
            if key not in cache:
                cache[key] = self._one(raw, key[0], flag)
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
