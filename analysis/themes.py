"""Theme discovery: group free-text answers into themes nobody had to define beforehand.

Answers are deduplicated on their normalised text first (surveys repeat "nothing" and "my
friends" thousands of times), described by TF-IDF over stems, negated words and collocated
phrases, words early in an answer weighing more, reduced with truncated SVD and joined with word
vectors learnt from the answers themselves (so "nurse" and "doctor" count as near), then
clustered with k-means weighted by how often each text occurred. Non-answers ("nothing", "don't
know", "n/a") and answers saying only that nothing needs changing ("can't fault it, the staff
were lovely") form theme 0 of their own so they do not blur real themes. The number of themes is
chosen by silhouette unless the analyst gives one.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

import numpy as np
from scipy import sparse
from sklearn.cluster import KMeans, MiniBatchKMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import silhouette_score
from sklearn.preprocessing import normalize

from analysis import text as text_words
from analysis.sentiment import POSITIVE_FROM, rule_score

NON_ANSWER_THEME = 0
NON_ANSWER_LABEL = "Nothing to change, or no answer (nothing, don't know, n/a)"
OTHER_LABEL = "Other answers (sharing no words with the rest)"
QUOTES_PER_THEME = 3
MIN_QUOTE_GROUP = 5  # a theme smaller than this shows no quotes: small groups stay private
SVD_DIMENSIONS = 100
WORD_DIMENSIONS = 200  # of the word vectors learnt from the answers themselves
CONTEXT_WORDS = 2000  # most common words that words are described by; bounds memory
CONTEXT_SMOOTHING = 0.75  # damps rare contexts, whose PMI is otherwise inflated
SILHOUETTE_SAMPLE = 2000  # points k is chosen on; the final clustering uses all of them
PARSIMONY = 0.9  # the fewest themes scoring at least this share of the best silhouette win
QUOTE_MAX_CHARS = 240
EVALUATIVE_WEIGHT = 0.3
# An answer leads with its point: a term's weight is 1 / (1 + position / this), position counted
# in content words from the start, so the sixth word counts half as much as the first.
POSITION_HALF_WEIGHT = 5
MINIBATCH_ABOVE = 20_000  # unique texts beyond which full k-means is too slow for one run

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Theme:
    id: int
    label: str
    size: int  # answers, counting repeats
    share: float  # of all answers
    top_terms: list[str]
    quotes: list[str]  # redacted; empty when the theme is too small to quote
    stability: float  # 0 to 1: overlap with its best match when clustered again on a resample
    is_non_answer: bool = False


@dataclass
class ThemeResult:
    assignments: np.ndarray  # theme id for each input text
    themes: list[Theme]
    n_themes: int  # discovered themes, not counting the non-answer group
    chosen_automatically: bool
    silhouette_by_k: dict[int, float] = field(default_factory=dict)


@dataclass
class UniqueTexts:
    """Distinct normalised answers, how often each occurred, and where each input row points."""

    texts: list[str]  # one original spelling per distinct answer
    counts: np.ndarray
    row_to_unique: np.ndarray

    @classmethod
    def from_texts(cls, texts: Sequence[str]) -> "UniqueTexts":
        index: dict[str, int] = {}
        by_spelling: dict[str, int] = {}  # exact repeats skip normalising, the slow part
        originals: list[str] = []
        rows = np.empty(len(texts), dtype=np.int64)
        for row, raw in enumerate(texts):
            raw = raw or ""
            position = by_spelling.get(raw)
            if position is None:
                key = text_words.normalise(raw)
                position = index.get(key)
                if position is None:
                    position = index[key] = len(originals)
                    originals.append(raw)
                by_spelling[raw] = position
            rows[row] = position
        counts = np.bincount(rows, minlength=len(originals)) if len(texts) else np.zeros(0, int)
        return cls(originals, counts, rows)


class TermFeatures:
    """TF-IDF over stems, negated words and collocated phrases, with readable names."""

    def __init__(self, texts: Sequence[str], counts: np.ndarray | None = None):
        found = [text_words.terms(t) for t in texts]
        self.surface = text_words.SurfaceForms()
        weights = counts if counts is not None else np.ones(len(texts), dtype=int)
        for terms, weight in zip(found, weights, strict=True):
            self.surface.add(terms, int(weight))
        self._keys = [[term.key for term in terms] for terms in found]
        self.phrases = text_words.collocation_phrases(self._keys)
        self.vectoriser = TfidfVectorizer(
            analyzer=self._analyse, min_df=2 if len(texts) >= 50 else 1, sublinear_tf=True
        )

    def _analyse(self, keys: list[str]) -> list[str]:
        return text_words.with_phrases(keys, self.phrases)

    def fit_transform(self) -> sparse.csr_matrix:
        """The answers' weighted terms; no columns when no term is left to group them by."""
        try:
            matrix = self.vectoriser.fit_transform(self._keys)
        except ValueError:  # no term at all, or none in two answers where that is asked
            return sparse.csr_matrix((len(self._keys), 0))
        matrix = matrix.multiply(self._position_weights(matrix.shape)).tocsr()
        return normalize(matrix @ sparse.diags(self._topic_weights()))

    def _position_weights(self, shape: tuple[int, int]) -> sparse.csr_matrix:
        # Long answers drift from their point into asides ("..., the car park was busy"); the
        # first words say what the answer is about, so each term weighs by where it first comes.
        vocabulary = self.vectoriser.vocabulary_
        rows, columns, positions = [], [], []
        for row, keys in enumerate(self._keys):
            first: dict[str, int] = {}
            for position, key in enumerate(keys):
                first.setdefault(key, position)
            for position, pair in enumerate(zip(keys, keys[1:], strict=False)):
                if pair in self.phrases:
                    first.setdefault(" ".join(pair), position)
            for term, position in first.items():
                column = vocabulary.get(term)
                if column is not None:
                    rows.append(row)
                    columns.append(column)
                    positions.append(position)
        weights = 1 / (1 + np.array(positions, dtype=float) / POSITION_HALF_WEIGHT)
        return sparse.csr_matrix((weights, (rows, columns)), shape=shape)

    def _topic_weights(self) -> np.ndarray:
        # Words that only judge ("good", "lovely", "rubbish") say how, not what about: sentiment
        # reports them, so here they count for little and themes gather around topics.
        judging = {text_words.stem(word) for word in text_words.JUDGING_WORDS}
        return np.array(
            [
                EVALUATIVE_WEIGHT if set(name.replace("not_", "").split(" ")) <= judging else 1.0
                for name in self.names()
            ]
        )

    def names(self) -> np.ndarray:
        return self.vectoriser.get_feature_names_out()


def discover_themes(
    texts: Sequence[str],
    *,
    n_themes: int | None = None,
    redact: Callable[[list[str]], list[str]] | None = None,
    random_state: int = 0,
    progress: Progress | None = None,
) -> ThemeResult:
    """Themes for the texts; n_themes fixes how many, otherwise it is chosen by silhouette."""
    say = progress or (lambda message: None)
    unique = UniqueTexts.from_texts(texts)
    non_answer = np.array([says_nothing_to_change(t) for t in unique.texts], dtype=bool)
    real = np.flatnonzero(~non_answer)
    labels = np.full(len(unique.texts), NON_ANSWER_THEME, dtype=np.int64)
    say(f"themes: {len(unique.texts)} distinct answers, {int(non_answer.sum())} non-answers")

    silhouettes: dict[int, float] = {}
    themes: list[Theme] = []
    ungrouped = np.zeros(0, dtype=np.int64)
    if len(real) >= 2:
        features = TermFeatures([unique.texts[i] for i in real], unique.counts[real])
        matrix = features.fit_transform()
        # Answers sharing no word with any other have nothing to be grouped by: k-means would
        # pile them all into one theme and blur it, so they are listed as "other" instead.
        has_words = matrix.getnnz(axis=1) > 0
        if has_words.sum() >= 2:
            ungrouped, real, matrix = real[~has_words], real[has_words], matrix[has_words]
        elif not matrix.shape[1]:
            ungrouped, real = real, real[:0]
    if len(real) >= 2:
        space = _answer_space(matrix, unique.counts[real].astype(float), random_state)
        weights = unique.counts[real].astype(float)
        k, silhouettes = _choose_k(space, weights, n_themes, random_state, say)
        clusters = _cluster(space, weights, k, random_state)
        clusters = _renumber_by_size(clusters, weights)
        labels[real] = clusters + 1
        stability = _stability(space, weights, clusters, k, random_state)
        say(f"themes: {k} themes, labelling")
        themes = [
            _describe(theme, members, matrix, space, weights, features, unique, real, stability)
            for theme, members in _members_by_theme(clusters, k)
        ]
    if len(ungrouped):
        labels[ungrouped] = len(themes) + 1
        themes.append(_other_theme(unique, ungrouped, len(themes) + 1))
    total = max(int(unique.counts.sum()), 1)
    themes = [_non_answer_theme(unique, non_answer, total), *themes]
    themes = [_with_share_and_quotes(t, total, redact) for t in themes]
    return ThemeResult(
        assignments=labels[unique.row_to_unique],
        themes=themes,
        n_themes=len(themes) - 1,
        chosen_automatically=n_themes is None,
        silhouette_by_k=silhouettes,
    )


def says_nothing_to_change(text: str) -> bool:
    """A non-answer, or an opening such as "nothing" or "can't fault it" followed only by praise.

    "Nothing, the staff were lovely" says nothing needs changing; "nothing, but the buses are
    late", "nothing to do" and "nothing, my dad hits me" say something, so they are themed.
    """
    if text_words.says_nothing_to_change(text):
        return True
    rest = text_words.after_nothing_to_change(text)
    return rest is not None and (not rest or rule_score(rest) >= POSITIVE_FROM)


# --- Clustering --------------------------------------------------------------------------------


def _answer_space(matrix: sparse.csr_matrix, weights: np.ndarray, random_state: int):
    """Latent topics side by side with averaged word vectors, each half centred, unit length."""
    topics = _reduce(matrix, random_state)
    words = _word_vectors(matrix, weights, random_state)
    if words is None:
        return topics
    return normalize(np.hstack([_centred(topics, weights), _centred(matrix @ words, weights)]))


def _centred(space: np.ndarray, weights: np.ndarray) -> np.ndarray:
    # What every answer shares (praise, thanks) is taken away, so long answers that touch many
    # topics stop gathering into one catch-all theme near the middle.
    space = normalize(space)
    return normalize(space - np.average(space, axis=0, weights=weights))


def _word_vectors(matrix, weights, random_state) -> np.ndarray | None:
    """Word vectors from the answers: SVD of positive PMI between words in the same answer.

    Words that keep the same company ("nurse", "doctor", "staff") end up close although they
    rarely share an answer, which TF-IDF alone cannot see.
    """
    present = (matrix > 0).astype(np.float64)
    frequency = np.asarray(present.T @ weights).ravel()
    contexts = np.sort(np.argsort(-frequency, kind="stable")[:CONTEXT_WORDS])
    dimensions = min(WORD_DIMENSIONS, len(contexts) - 1, matrix.shape[1] - 1)
    if dimensions < 2:
        return None
    together = sparse.csr_matrix(present.T @ sparse.diags(weights) @ present[:, contexts])
    itself = sparse.csr_matrix(
        (frequency[contexts], (contexts, np.arange(len(contexts)))), shape=together.shape
    )
    together = (together - itself).tocoo()
    together = sparse.coo_matrix(
        (together.data, (together.row, together.col)), shape=together.shape
    )
    keep = together.data > 0
    rows, cols, counts = together.row[keep], together.col[keep], together.data[keep]
    word_totals = np.bincount(rows, weights=counts, minlength=together.shape[0])
    context_totals = np.bincount(cols, weights=counts, minlength=together.shape[1])
    smoothed = context_totals**CONTEXT_SMOOTHING
    smoothed /= smoothed.sum()
    pmi = np.log(counts * 1.0 / (word_totals[rows] * smoothed[cols]))
    positive = pmi > 0
    ppmi = sparse.csr_matrix(
        (pmi[positive], (rows[positive], cols[positive])), shape=together.shape
    )
    if ppmi.nnz == 0:
        return None
    svd = TruncatedSVD(n_components=dimensions, random_state=random_state)
    return normalize(svd.fit_transform(ppmi))


def _reduce(matrix: sparse.csr_matrix, random_state: int) -> np.ndarray:
    """Latent semantic space: SVD then unit length, so k-means groups by cosine similarity."""
    dimensions = min(SVD_DIMENSIONS, matrix.shape[1] - 1, matrix.shape[0] - 1)
    if dimensions < 2:
        return normalize(matrix.toarray())
    svd = TruncatedSVD(n_components=dimensions, random_state=random_state)
    return normalize(svd.fit_transform(matrix))


def _cluster(space: np.ndarray, weights: np.ndarray, k: int, random_state: int) -> np.ndarray:
    if len(space) > MINIBATCH_ABOVE:
        model = MiniBatchKMeans(k, random_state=random_state, n_init=3, batch_size=4096)
    else:
        model = KMeans(k, random_state=random_state, n_init=3)
    return model.fit_predict(space, sample_weight=weights)


def _candidate_ks(n_points: int) -> list[int]:
    # Analysts read about five to twenty themes; fewer points cannot support that many.
    upper = min(15, max(2, n_points // 4))
    lower = min(5, upper)
    return list(range(lower, upper + 1))


def _choose_k(space, weights, n_themes, random_state, say) -> tuple[int, dict[int, float]]:
    if n_themes is not None:
        return max(1, min(n_themes, len(space))), {}
    rng = np.random.default_rng(random_state)
    size = min(SILHOUETTE_SAMPLE, len(space))
    sample = np.sort(rng.choice(len(space), size=size, replace=False))
    scores: dict[int, float] = {}
    for k in _candidate_ks(len(space)):
        say(f"themes: trying {k} themes")
        model = KMeans(k, random_state=random_state, n_init=1)
        clusters = model.fit_predict(space[sample], sample_weight=weights[sample])
        if not 2 <= len(set(clusters)) < len(sample):
            continue  # the silhouette needs two themes, and fewer themes than answers
        score = silhouette_score(space[sample], clusters, metric="cosine")
        scores[k] = round(float(score), 4)
    if not scores:
        return 1, scores
    # Silhouette keeps creeping up with k on short texts; analysts read fewer themes better.
    best = max(scores.values())
    # Within (1 - PARSIMONY) of the best, measured so a negative best score still qualifies.
    good_enough = best - (1 - PARSIMONY) * abs(best)
    return min(k for k, score in scores.items() if score >= good_enough), scores


def _renumber_by_size(clusters: np.ndarray, weights: np.ndarray) -> np.ndarray:
    sizes = np.bincount(clusters, weights=weights)
    order = np.argsort(-sizes, kind="stable")
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    return rank[clusters]


def _members_by_theme(clusters: np.ndarray, k: int):
    for theme in range(k):
        members = np.flatnonzero(clusters == theme)
        if len(members):
            yield theme + 1, members


def _stability(space, weights, clusters, k, random_state) -> dict[int, float]:
    """Per theme, the best Jaccard overlap with a clustering of a resample under another seed."""
    rng = np.random.default_rng(random_state + 1)
    resample = np.unique(rng.choice(len(space), size=len(space), replace=True))
    if len(resample) < k:
        return {}
    again = _cluster(space[resample], weights[resample], k, random_state + 1)
    scores = {}
    for theme in range(k):
        mine = set(resample[clusters[resample] == theme])
        if not mine:
            continue
        best = max(
            len(mine & set(resample[again == other])) / len(mine | set(resample[again == other]))
            for other in range(k)
        )
        scores[theme + 1] = round(best, 3)
    return scores


# --- Describing themes -------------------------------------------------------------------------


def _describe(theme, members, matrix, space, weights, features, unique, real, stability) -> Theme:
    top_terms = _top_terms(matrix, members, weights, features)
    return Theme(
        id=theme,
        label=", ".join(top_terms[:3]) or f"Theme {theme}",
        size=int(weights[members].sum()),
        share=0.0,
        top_terms=top_terms,
        quotes=_representative(space, members, unique, real),
        stability=stability.get(theme, 0.0),
    )


def _top_terms(matrix, members, weights, features, count: int = 8) -> list[str]:
    """Terms weighing most in the theme relative to all answers; phrases lead when they tie."""
    inside = np.asarray(matrix[members].T @ weights[members]).ravel() / weights[members].sum()
    overall = np.asarray(matrix.T @ weights).ravel() / weights.sum()
    score = inside - 0.5 * overall
    names = features.names()
    chosen: list[str] = []
    for index in np.argsort(-score):
        if score[index] <= 0 or len(chosen) == count:
            break
        readable = features.surface.readable(names[index])
        if not any(readable in other or other in readable for other in chosen):
            chosen.append(readable)
    return chosen


def _representative(space, members, unique, real, limit: int = 12) -> list[str]:
    """Distinct answers nearest the theme's centre, preferring ones of a few words or more."""
    centre = space[members].mean(axis=0)
    order = members[np.argsort(-(space[members] @ centre))]
    picked = [unique.texts[real[i]] for i in order[: limit * 4]]
    picked = [t for t in picked if len(t) <= QUOTE_MAX_CHARS][:limit] or picked[:limit]
    fuller = [t for t in picked if len(t.split()) >= 3]
    return (fuller + [t for t in picked if t not in fuller])[:QUOTES_PER_THEME]


def _non_answer_theme(unique: UniqueTexts, non_answer: np.ndarray, total: int) -> Theme:
    members = np.flatnonzero(non_answer)
    common = members[np.argsort(-unique.counts[members], kind="stable")]
    return Theme(
        id=NON_ANSWER_THEME,
        label=NON_ANSWER_LABEL,
        size=int(unique.counts[members].sum()),
        share=0.0,
        top_terms=[text_words.normalise(unique.texts[i]) or "(blank)" for i in common[:8]],
        quotes=[unique.texts[i] for i in common[:QUOTES_PER_THEME] if unique.texts[i].strip()],
        stability=1.0,
        is_non_answer=True,
    )


def _other_theme(unique: UniqueTexts, members: np.ndarray, number: int) -> Theme:
    common = members[np.argsort(-unique.counts[members], kind="stable")]
    return Theme(
        id=number,
        label=OTHER_LABEL,
        size=int(unique.counts[members].sum()),
        share=0.0,
        top_terms=[],
        quotes=[unique.texts[i] for i in common[:QUOTES_PER_THEME]],
        stability=0.0,
    )


def _with_share_and_quotes(theme: Theme, total: int, redact) -> Theme:
    quotes = theme.quotes if theme.size >= MIN_QUOTE_GROUP else []
    if redact and quotes:
        quotes = list(redact(quotes))
    return replace(theme, share=round(theme.size / total, 4), quotes=quotes)
