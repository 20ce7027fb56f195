"""A learned second opinion for the concern rules, for wordings no rule was written for.

The rules miss new ways of saying things: a vague word for self-harm, a euphemism for sexual
abuse, exploitation or a threat in plain words, an adult describing risk to a child. This model
is naive Bayes over the words, word pairs and character n-grams of the labelled statements in
analysis/data/concern_training.csv: each feature carries the log-odds that a statement holding it
is a concern rather than a harmless answer. A text is scored by its most worrying sentence.

It is only asked when no rule matches, so its threshold is chosen for the pair, by
cross-validation over the training concerns the rules were not written for (source "written";
"dev" rows are the rules' own tuning statements, which they all find): the highest score at which
rules or model together still find TARGET_RECALL of them. Those concerns were written to beat
the rules and are the hardest there are, so reaching the last few of them also flags many
everyday answers, and each false alarm stops a child with a help page and lands on a
safeguarding lead. So the everyday answers in the file (source "ordinary": what children, young
people and families say about their lives and services, with no look-alikes) set a budget: the
threshold rises until at most FALSE_ALARM_BUDGET of them are flagged out of fold, but never past
the score at which recall falls to RECALL_FLOOR. With the file as it is the floor decides: at
0.95 recall about one ordinary answer in nine is still flagged out of fold (one in five or six
at 0.97), as the last hard concerns share their words with everyday life. One-word answers,
and answers made only of function words ("no I don't think so"), are left to the rules.

Standard library only and trained on first use, once per process, in about a second: no model
file to rebuild, download or unpickle.
"""

import csv
import math
import random
import re
import threading
from collections import Counter
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from analysis.concerns.categories import CATEGORIES, ConcernMatch
from analysis.concerns.rules import rule_matches

TRAINING_FILE = Path(__file__).resolve().parent.parent / "data" / "concern_training.csv"
TARGET_RECALL = 0.97  # rules or model, out of fold, over the concerns the rules never saw
FALSE_ALARM_BUDGET = 0.05  # of the ordinary answers the model may flag, out of fold
RECALL_FLOOR = 0.95  # the product's requirement: the budget may not take recall below it
FOLDS = 5
REPEATS = 5  # dealings of the folds
SMOOTHING = 0.1  # added to every count, so a feature seen on one side only has finite odds
MIN_STATEMENTS = 2  # a feature found in fewer training statements is noise
# A word's character n-grams overlap, and naive Bayes would count each as fresh evidence;
# together they should weigh about as much as the word itself.
CHAR_WEIGHT = 0.15
CHAR_LENGTHS = range(2, 6)  # within one word padded with spaces, so misspellings share some
WINDOW = 30  # words scored together at most, for a long answer with no full stops
PHRASE_WORDS = 5
MIN_WORDS = 2  # one word alone is a keyword, and keywords are the rules' work
FALLBACK_CHARS = 60
CACHED_WORDS = 50_000  # answers repeat their words; bounded, as answers never stop coming

# Words and fillers that carry no topic. An answer made only of these ("no I don't think so",
# "all of it") gives the model nothing to judge, and such answers are among the commonest of
# all: the rules still read them.
_FUNCTION_WORDS = """
    a an the and or but so if then than as of at by for from in into on onto to with without
    about over under up down out off i me my mine myself you your yours he him his she her hers
    it its we us our ours they them their theirs this that these those there here theres
    am is are was were be been being do does did done doing have has had having will would
    shall should can could may might must not no nor nothing none nope nah dont doesnt didnt
    isnt arent wasnt werent havent hasnt wont cant couldnt wouldnt shouldnt im ive id ill
    all any anything everything some something much many more most lot lots very really just
    quite too also only else even still know think sure idea guess maybe perhaps yes yeah ok
    okay fine well like thanks thank please sorry um erm what who when where why how which
    honest honestly tbh basically literally actually probably anyway
    """
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS.split())

_NEGATIONS = """
    not no never nothing nobody none nowhere neither nor cannot dont doesnt didnt isnt arent
    wasnt werent havent hasnt hadnt wont cant couldnt wouldnt shouldnt aint
    """
NEGATIONS = frozenset(_NEGATIONS.split())
_CLAUSE_END = re.compile(r"[.,!?;:\n]")
_SENTENCE_END = re.compile(r"[.!?;\n]")
_TOKEN = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")
_APOSTROPHES = str.maketrans("", "", "'\u2019")
_STRETCH = re.compile(r"(\w)\1{2,}")  # "soooo" meets "soo"; real doubles stay


@dataclass(frozen=True)
class _Word:
    start: int  # where it is in the text as written
    end: int
    own: tuple[str, ...]  # the word and its character n-grams, each once
    pair: str  # the word with the one before it; "" for the first word of a sentence
    opens_sentence: bool


@lru_cache(maxsize=CACHED_WORDS)
def _own_features(token: str) -> tuple[str, ...]:
    """The normalised word, marked with "|", then its character n-grams."""
    word = _STRETCH.sub(r"\1\1", token.lower().translate(_APOSTROPHES))
    padded = f" {word} "
    grams = [padded[i : i + n] for n in CHAR_LENGTHS for i in range(len(padded) - n + 1)]
    return tuple(dict.fromkeys([f"|{word}", *grams]))


@lru_cache(maxsize=CACHED_WORDS)
def _negated(own: tuple[str, ...]) -> tuple[str, ...]:
    return (f"|!{own[0][1:]}", *own[1:])


def _words(text: str) -> list[_Word]:
    """The words of a text with their features. A word after a negation, up to the end of the
    clause, is marked as negated ("safe" in "I don't feel safe"), so "safe" alone can count as
    harmless and "nothing makes me feel unsafe" does not read like "I feel unsafe"."""
    words, previous, negating, end = [], "", False, 0
    for m in _TOKEN.finditer(text):
        if _CLAUSE_END.search(text, end, m.start()):
            negating = False
        opens = bool(words) and bool(_SENTENCE_END.search(text, end, m.start()))
        if opens:
            previous = ""
        own = _own_features(m.group())
        word = own[0][1:]
        if negating:
            own = _negated(own)
        pair = f"{previous}{own[0]}" if previous else ""
        words.append(_Word(m.start(), m.end(), own, pair, opens))
        previous, end = own[0], m.end()
        negating = word in NEGATIONS or (negating and word != "but")
    return words


def _is_topic(word: _Word) -> bool:
    return word.own[0].lstrip("|!") not in FUNCTION_WORDS


def _has_topic(words: list[_Word]) -> bool:
    return any(_is_topic(w) for w in words)


def _weight(feature: str) -> float:
    return 1.0 if feature.startswith("|") else CHAR_WEIGHT


class _LogOdds:
    """log((count + SMOOTHING) / (total + 2 SMOOTHING)) for one side over the other, with the
    logarithms of counts worked out once: training asks for hundreds of thousands."""

    def __init__(self, total: int, other_total: int):
        self.logs = [math.log(k + SMOOTHING) for k in range(max(total, other_total) + 1)]
        self.offset = math.log(other_total + 2 * SMOOTHING) - math.log(total + 2 * SMOOTHING)

    def __call__(self, count: int, other_count: int) -> float:
        return self.logs[count] - self.logs[other_count] + self.offset


# --- Scoring -----------------------------------------------------------------------------------


def _contributions(weights: dict[str, float], words: list[_Word], known=None) -> tuple[list, list]:
    """Per word, the evidence of the word itself and of the pair it ends. `known` keeps each
    word's own evidence, worked out once."""
    if known is None:
        own = [sum(weights.get(f, 0.0) for f in w.own) for w in words]
    else:
        own = []
        for w in words:
            evidence = known.get(w.own[0])
            if evidence is None:
                if len(known) >= CACHED_WORDS:
                    known.clear()
                evidence = known[w.own[0]] = sum(weights.get(f, 0.0) for f in w.own)
            own.append(evidence)
    pair = [weights.get(w.pair, 0.0) for w in words]
    return own, pair


def _span_total(own: list, pair: list, start: int, end: int) -> float:
    return sum(own[start:end]) + sum(pair[start + 1 : end])


def _sentences(words: list[_Word]) -> list[tuple[int, int]]:
    starts = [i for i, w in enumerate(words) if i == 0 or w.opens_sentence]
    return list(zip(starts, [*starts[1:], len(words)], strict=True))


def _most_worrying(words: list[_Word], own: list, pair: list) -> tuple[float, slice]:
    """The highest score of a sentence with a topic, and which words it is. Each sentence is
    scored whole, so "not" and "never" count against what they deny and a disclosure among
    ordinary sentences is not diluted by them; a sentence longer than WINDOW words is scored in
    runs of WINDOW words."""
    best, found = -math.inf, slice(0, 0)
    if len(words) < MIN_WORDS:
        return best, found
    for start, end in _sentences(words):
        if not _has_topic(words[start:end]):
            continue
        size = min(WINDOW, end - start)
        for i in range(start, end - size + 1):
            total = _span_total(own, pair, i, i + size)
            if total > best:
                best, found = total, slice(i, i + size)
    return best, found


def _score(weights: dict[str, float], words: list[_Word], known=None) -> float:
    return _most_worrying(words, *_contributions(weights, words, known))[0]


# --- Training ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Statement:
    text: str
    words: list[_Word]
    features: frozenset[str]
    category: str  # "" for a harmless one
    rules_saw: bool  # one of the statements the rules were tuned on
    ruled: bool | None  # whether the rules find it; None where they were tuned on it
    ordinary: bool  # an everyday answer, not written to look like a concern

    @classmethod
    def of(cls, row: dict) -> "_Statement":
        words = _words(row["text"])
        features = frozenset(f for w in words for f in (*w.own, w.pair) if f)
        rules_saw = row["source"] == "dev"
        # The rules are slow next to counting: only asked about the concerns they never saw.
        ruled = None if rules_saw or not row["category"] else bool(rule_matches(row["text"]))
        ordinary = row["source"] == "ordinary"
        return cls(row["text"], words, features, row["category"], rules_saw, ruled, ordinary)


@dataclass(frozen=True)
class _Counts:
    """How many concerns and harmless statements there are, and how many of each hold a
    feature."""

    concerns: int
    harmless: int
    in_concerns: Counter
    in_harmless: Counter

    @classmethod
    def of(cls, statements: list[_Statement], only=None) -> "_Counts":
        """Counted over every feature, or only over those in `only`."""
        in_concerns, in_harmless = Counter(), Counter()
        for s in statements:
            features = s.features if only is None else s.features & only
            (in_concerns if s.category else in_harmless).update(features)
        concerns = sum(bool(s.category) for s in statements)
        return cls(concerns, len(statements) - concerns, in_concerns, in_harmless)

    def weights(self, without: list[_Statement] = (), only=None) -> dict[str, float]:
        """Per feature (or per feature in `only`), its weighted log-odds of a concern; leaving
        some statements out, as cross-validation does, without copying the counts."""
        held = _Counts.of(list(without), only)
        odds = _LogOdds(self.concerns - held.concerns, self.harmless - held.harmless)
        concerns, harmless = self.in_concerns, self.in_harmless
        weights = {}
        for feature in concerns.keys() | harmless.keys() if only is None else only:
            c = concerns[feature] - held.in_concerns[feature]
            h = harmless[feature] - held.in_harmless[feature]
            if c + h >= MIN_STATEMENTS:
                weights[feature] = _weight(feature) * odds(c, h)
        return weights


def _category_weights(
    statements: list[_Statement], in_concerns: Counter
) -> dict[str, tuple[float, ...]]:
    """Per feature, in CATEGORIES order, the log-odds that a concern holding it is of that
    category rather than another, given how many concerns hold each. Features of fewer than
    MIN_STATEMENTS concerns say nothing."""
    concerns = [s for s in statements if s.category]
    sizes = Counter(s.category for s in concerns)
    holding = [Counter() for _ in CATEGORIES]
    index = {category: i for i, category in enumerate(CATEGORIES)}
    for s in concerns:
        holding[index[s.category]].update(s.features)
    odds = [_LogOdds(sizes[c], len(concerns) - sizes[c]) for c in CATEGORIES]
    weights = {}
    for feature, count in in_concerns.items():
        if count >= MIN_STATEMENTS:
            weight = _weight(feature)
            weights[feature] = tuple(
                weight * o(column[feature], count - column[feature])
                for o, column in zip(odds, holding, strict=True)
            )
    return weights


def _out_of_fold_scores(
    statements: list[_Statement], counts: _Counts, seed: int, ordinary: bool
) -> tuple[list, list]:
    """From models trained without their fold: the scores of the concerns the rules were not
    tuned on and do not find, and, if asked, those of the ordinary answers. Folds are dealt from
    a seeded shuffle, concerns first, so each holds a fifth of either kind and the result is the
    same every time."""
    rng = random.Random(seed)
    concerns = [i for i, s in enumerate(statements) if s.category]
    harmless = [i for i, s in enumerate(statements) if not s.category]
    dealt = rng.sample(concerns, len(concerns)) + rng.sample(harmless, len(harmless))
    missed, answered = [], []
    for fold in range(FOLDS):
        held_out = [statements[i] for i in dealt[fold::FOLDS]]
        hard = [s for s in held_out if s.category and not s.rules_saw and not s.ruled]
        answers = [s for s in held_out if s.ordinary] if ordinary else []
        needed = set().union(*(s.features for s in hard + answers))
        weights, known = counts.weights(without=held_out, only=needed), {}
        missed += [_score(weights, s.words, known) for s in hard]
        answered += [_score(weights, s.words, known) for s in answers]
    return missed, answered


def _recall_threshold(scores: list, unseen: int, missed: int, recall: float) -> float:
    """The highest of the pooled scores at which rules or model find `recall` of the unseen
    concerns, the rules finding all but `missed` of them."""
    needed = math.ceil(recall * unseen) - (unseen - missed)
    if needed <= 0:
        return math.inf
    return scores[min(needed, missed) * REPEATS - 1]


def _threshold(statements: list[_Statement], counts: _Counts) -> float:
    """The highest score at which rules or model find TARGET_RECALL of the concerns the rules
    were not tuned on, raised as far as needed to flag at most FALSE_ALARM_BUDGET of the
    ordinary answers but never past the score for RECALL_FLOOR; all measured out of fold. The
    folds are dealt REPEATS times and the concerns' scores pooled, as the few of them near the
    threshold make one dealing noisy; the ordinary answers are many, and one dealing will do."""
    unseen = [s for s in statements if s.category and not s.rules_saw]
    missed = sum(s.ruled is False for s in unseen)
    dealings = [_out_of_fold_scores(statements, counts, seed, seed == 0) for seed in range(REPEATS)]
    scores = sorted((x for concerns, _ in dealings for x in concerns), reverse=True)
    target = _recall_threshold(scores, len(unseen), missed, TARGET_RECALL)
    floor = _recall_threshold(scores, len(unseen), missed, RECALL_FLOOR)
    answers = sorted((x for _, ordinary in dealings for x in ordinary), reverse=True)
    allowed = math.floor(FALSE_ALARM_BUDGET * len(answers))
    if allowed >= len(answers):
        return target
    within_budget = math.nextafter(answers[allowed], math.inf)
    return min(floor, max(target, within_budget))


def read_training(path: Path = TRAINING_FILE) -> list[dict]:
    """Rows of a CSV with text, category (empty for no concern) and source ("dev" for the
    rules' tuning statements, "ordinary" for everyday answers, "written" for the rest)."""
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    unknown = {row["category"] for row in rows} - set(CATEGORIES) - {""}
    if unknown:
        raise ValueError(f"{path.name}: unknown categories {sorted(unknown)}")
    if {row["source"] for row in rows} - {"dev", "written", "ordinary"}:
        raise ValueError(f"{path.name}: source must be dev, written or ordinary")
    if any(row["category"] for row in rows if row["source"] == "ordinary"):
        raise ValueError(f"{path.name}: an ordinary answer cannot be a concern")
    return rows


# --- The model ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Model:
    weights: dict[str, float]  # feature -> weighted log-odds of a concern
    categories: dict[str, tuple[float, ...]]  # feature -> weighted log-odds per category
    threshold: float
    known: dict[str, float] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def train(cls, rows: list[dict]) -> "Model":
        statements = [_Statement.of(row) for row in rows]
        counts = _Counts.of(statements)
        return cls(
            counts.weights(),
            _category_weights(statements, counts.in_concerns),
            _threshold(statements, counts),
        )

    def score(self, text: str) -> float:
        """How much the text's most worrying sentence reads like a concern; -inf without a topic."""
        return _score(self.weights, _words(text))

    def match(self, text: str) -> ConcernMatch | None:
        words = _words(text)
        if not _has_topic(words):
            return None
        own, pair = _contributions(self.weights, words, self.known)
        score, window = _most_worrying(words, own, pair)
        if score < self.threshold:
            return None
        return ConcernMatch(
            self._category(words[window]), _phrase(text, words[window], own[window], pair[window])
        )

    def _category(self, words: list[_Word]) -> str:
        totals = [0.0] * len(CATEGORIES)
        for w in words:
            for feature in (*w.own, w.pair):
                for i, odds in enumerate(self.categories.get(feature, ())):
                    totals[i] += odds
        return max(zip(totals, CATEGORIES, strict=True), key=lambda pair: pair[0])[1]


def _phrase(text: str, words: list[_Word], own: list, pair: list) -> str:
    """As written: the most telling word that carries a topic, in the run of at most
    PHRASE_WORDS words around it with the most evidence, trimmed of bare function words. The
    start of the text when no such word has any evidence."""
    telling = [i for i, w in enumerate(words) if _is_topic(w) and own[i] > 0]
    if not telling:
        return text.strip()[:FALLBACK_CHARS].rstrip()
    key = max(telling, key=own.__getitem__)
    spans = [
        (i, j)
        for i in range(max(0, key - PHRASE_WORDS + 1), key + 1)
        for j in range(key + 1, min(i + PHRASE_WORDS, len(words)) + 1)
    ]
    start, end = max(spans, key=lambda span: _span_total(own, pair, *span))
    while start < key and not _is_topic(words[start]):
        start += 1
    while end - 1 > key and not _is_topic(words[end - 1]):
        end -= 1
    return text[words[start].start : words[end - 1].end]


_lock = threading.Lock()


@cache
def _trained(path: Path) -> Model:
    return Model.train(read_training(path))


def model() -> Model:
    """The model trained on TRAINING_FILE, once per process."""
    with _lock:
        return _trained(TRAINING_FILE)


def learned_match(text: str) -> ConcernMatch | None:
    """The model's match for a text, or None when it scores below the threshold."""
    return model().match(text)
