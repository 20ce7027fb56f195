"""Codebook coding: analysts code some answers by hand, a classifier suggests codes for the rest.

Each code's description and example phrases are training documents too, so suggestions exist
before anyone has coded an answer; every hand-coded answer then sharpens them. Answers may have
several codes (one logistic regression per code). The classifier asks next for the answers it
is least sure of, where a hand code teaches it most.
"""

import csv
import json
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from analysis import text as text_words
from analysis.codebook import SAFEGUARDING_CODEBOOK

SUGGEST_THRESHOLD = 0.5  # a second or third code is suggested only when this likely
CODEBOOK_EXAMPLE_WEIGHT = 2.0  # an example phrase counts as much as this many coded answers


class CodebookError(ValueError):
    """A codebook file that cannot be read as a codebook."""


@dataclass(frozen=True)
class Code:
    key: str
    name: str
    description: str = ""
    examples: tuple[str, ...] = ()

    def training_texts(self) -> list[str]:
        return [t for t in (self.description, *self.examples) if t]


@dataclass(frozen=True)
class Codebook:
    codes: tuple[Code, ...]

    def keys(self) -> list[str]:
        return [code.key for code in self.codes]

    def without(self, keys: Collection[str]) -> "Codebook":
        return Codebook(tuple(code for code in self.codes if code.key not in keys))

    def with_keys(self, keys: Collection[str]) -> "Codebook":
        """The codebook plus a bare code for every key an analyst used that it lacks."""
        known = set(self.keys())
        extra = tuple(Code(key, key) for key in sorted(set(keys) - known))
        return Codebook(self.codes + extra)


def default_codebook() -> Codebook:
    return codebook_from_records(SAFEGUARDING_CODEBOOK)


def codebook_from_records(records: Sequence[dict]) -> Codebook:
    codes = []
    for record in records:
        key = str(record.get("code") or "").strip()
        if not key:
            raise CodebookError("Every code needs a non-empty 'code'.")
        examples = record.get("examples") or []
        if isinstance(examples, str):
            examples = examples.split(";")
        codes.append(
            Code(
                key=key,
                name=str(record.get("name") or key),
                description=str(record.get("description") or ""),
                examples=tuple(e.strip() for e in examples if e.strip()),
            )
        )
    if not codes:
        raise CodebookError("The codebook has no codes.")
    return Codebook(tuple(codes))


def load_codebook(path: str | Path) -> Codebook:
    """A codebook from JSON (a list of objects) or CSV (columns code, name, description,
    examples with examples separated by ';')."""
    path = Path(path)
    try:
        if path.suffix.lower() == ".json":
            records = json.loads(path.read_text(encoding="utf-8"))
        else:
            with path.open(newline="", encoding="utf-8-sig") as handle:
                records = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, csv.Error) as error:
        raise CodebookError(f"Cannot read the codebook {path}: {error}") from error
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise CodebookError("A JSON codebook must be a list of objects with a 'code' each.")
    return codebook_from_records(records)


def parse_codes(cell: object) -> list[str]:
    """Codes from a spreadsheet cell such as "school; bullying"; blank means not coded yet."""
    if cell is None or (isinstance(cell, float) and np.isnan(cell)):
        return []
    return [part.strip() for part in str(cell).replace(",", ";").split(";") if part.strip()]


@dataclass(frozen=True)
class CodeSuggestion:
    codes: list[str]
    confidence: float  # probability of the most likely suggested code


@dataclass
class TrainingSet:
    """Distinct (text, codes) pairs with how often each occurred, for weighted fitting."""

    texts: list[str] = field(default_factory=list)
    labels: list[frozenset[str]] = field(default_factory=list)
    weights: list[float] = field(default_factory=list)

    def add(self, text: str, codes: Collection[str], weight: float) -> None:
        self.texts.append(text)
        self.labels.append(frozenset(codes))
        self.weights.append(weight)


def _deduplicated(texts: Sequence[str], codes: Sequence[Collection[str]]) -> TrainingSet:
    counts: dict[tuple[str, frozenset[str]], int] = {}
    for raw, row_codes in zip(texts, codes, strict=True):
        key = (raw, frozenset(row_codes))
        counts[key] = counts.get(key, 0) + 1
    merged: dict[tuple[str, frozenset[str]], list] = {}
    for (raw, row_codes), count in counts.items():
        entry = merged.setdefault((text_words.normalise(raw), row_codes), [raw, 0])
        entry[1] += count
    training = TrainingSet()
    for (_, row_codes), (raw, count) in merged.items():
        # A repeated answer adds little that one copy does not; full counts would also let
        # "nothing" x 500 swamp the fit and slow the solver.
        training.add(raw, row_codes, 1.0 + float(np.log(count)))
    return training


class CodeClassifier:
    """Suggests codes from a codebook, trained on its examples and on hand-coded answers."""

    def __init__(
        self,
        codebook: Codebook | None = None,
        *,
        random_state: int = 0,
        c: float = 2.0,
        characters: bool = True,
    ):
        self.codebook = codebook or default_codebook()
        self.characters = characters
        self.random_state = random_state
        self.c = c
        self.codes: list[str] = []
        self._models: list[LogisticRegression | float] = []

    def fit(
        self, texts: Sequence[str] = (), codes: Sequence[Collection[str]] = ()
    ) -> "CodeClassifier":
        """Train on hand-coded answers (each with one or more codes) plus the codebook."""
        self.codebook = self.codebook.with_keys({c for row in codes for c in row})
        training = _deduplicated(texts, codes)
        for code in self.codebook.codes:
            for example in code.training_texts():
                training.add(example, {code.key}, CODEBOOK_EXAMPLE_WEIGHT)
        matrix = self._fit_features(training.texts)
        weights = np.asarray(training.weights)
        self.codes = [key for key in self.codebook.keys() if _has_examples(key, training)]  # noqa: SIM118
        self._models = [self._fit_code(matrix, training, code, weights) for code in self.codes]
        return self

    def _fit_code(self, matrix, training: TrainingSet, code: str, weights: np.ndarray):
        target = np.array([code in labels for labels in training.labels], dtype=int)
        if target.min() == target.max():
            return float(target[0])  # every training text has it, or none: a constant
        model = LogisticRegression(
            C=self.c, class_weight="balanced", solver="liblinear", random_state=self.random_state
        )
        return model.fit(matrix, target, sample_weight=weights)

    def _fit_features(self, texts: Sequence[str]) -> sparse.csr_matrix:
        # Words (stems, negations, pairs) carry meaning; character pieces catch misspellings
        # ("bulied", "skool") that children type and word features would miss.
        self._words = TfidfVectorizer(
            analyzer=_word_features, sublinear_tf=True, min_df=1, dtype=np.float32
        )
        self._chars = TfidfVectorizer(
            analyzer="char_wb",
            ngram_range=(3, 5),
            lowercase=False,
            sublinear_tf=True,
            min_df=2 if len(texts) >= 50 else 1,
            max_features=30_000,
            dtype=np.float32,
        )
        texts = [text_words.normalise(t) for t in texts]
        words = self._words.fit_transform(texts)
        if not self.characters:
            return words
        return sparse.hstack([words, 0.5 * self._chars.fit_transform(texts)], format="csr")

    def _features(self, texts: Sequence[str]) -> sparse.csr_matrix:
        # Normalised once here for both kinds of feature: it is most of the cost per answer.
        texts = [text_words.normalise(t) for t in texts]
        words = self._words.transform(texts)
        if not self.characters:
            return words
        return sparse.hstack([words, 0.5 * self._chars.transform(texts)], format="csr")

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        """One column per code in self.codes: how likely each text has that code."""
        if not self.codes:
            raise ValueError("Fit the classifier first.")
        if not len(texts):
            return np.zeros((0, len(self.codes)))
        matrix = self._features(texts)
        columns = [
            np.full(len(texts), model)
            if isinstance(model, float)
            else model.predict_proba(matrix)[:, 1]
            for model in self._models
        ]
        return np.column_stack(columns) if columns else np.zeros((len(texts), 0))

    def suggest(self, texts: Sequence[str], *, threshold: float = SUGGEST_THRESHOLD):
        """The most likely code for each text, plus any other code at least threshold likely."""
        return [self._suggestion(row, threshold) for row in self.probabilities(texts)]

    def _suggestion(self, row: np.ndarray, threshold: float) -> CodeSuggestion:
        order = np.argsort(-row, kind="stable")
        chosen = [order[0]] + [i for i in order[1:] if row[i] >= threshold]
        return CodeSuggestion([self.codes[i] for i in chosen], round(float(row[order[0]]), 3))

    def least_certain(self, texts: Sequence[str], count: int = 10) -> list[int]:
        """Positions of the texts whose codes the classifier is least sure of, surest last."""
        probabilities = self.probabilities(texts)
        # Closeness of every code's probability to a coin toss; the closest code decides.
        doubt = 1 - 2 * np.abs(probabilities - 0.5).min(axis=1)
        unique_first: dict[str, int] = {}
        for position in np.argsort(-doubt, kind="stable"):
            unique_first.setdefault(text_words.normalise(texts[position]), int(position))
            if len(unique_first) == count:
                break
        return list(unique_first.values())


def _probability(model: LogisticRegression | float, matrix: sparse.csr_matrix) -> np.ndarray:
    if isinstance(model, float):
        return np.full(matrix.shape[0], model)
    return model.predict_proba(matrix)[:, 1]


def _word_features(text: str) -> list[str]:
    keys = text_words.term_keys(text, normalised=True)
    return keys + [f"{a} {b}" for a, b in zip(keys, keys[1:], strict=False)]


def _has_examples(code: str, training: TrainingSet) -> bool:
    return any(code in labels for labels in training.labels)
