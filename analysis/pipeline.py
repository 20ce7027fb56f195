"""The whole text analysis of a set of answers: themes, codes, sentiment, concerns, redaction.

Works on plain lists (analyse_texts) or a pandas DataFrame (analyse_frame, for notebooks) and
needs no database. Every step works on distinct normalised answers and maps back to rows, as
surveys repeat short answers thousands of times.
"""

import time
from collections.abc import Callable, Collection, Sequence
from dataclasses import asdict, dataclass, field

import numpy as np

from analysis.codebook import OTHER_CODE
from analysis.coding import (
    Codebook,
    CodeClassifier,
    CodeSuggestion,
    default_codebook,
    parse_codes,
)
from analysis.concerns import detect_concerns
from analysis.redact import Redactor
from analysis.sentiment import SentimentModel
from analysis.suppression import Cell, suppress_table, theme_label_shown
from analysis.text import is_non_answer
from analysis.themes import NON_ANSWER_THEME, Theme, UniqueTexts, discover_themes

Progress = Callable[[str], None]


@dataclass(frozen=True)
class AnswerResult:
    id: str
    theme: int
    codes: list[str]
    code_confidence: float  # 1.0 for codes an analyst gave
    coded_by_hand: bool
    sentiment: str
    concern: bool
    redacted_text: str


@dataclass
class AnalysisResult:
    answers: list[AnswerResult]
    themes: list[Theme]
    summary: dict = field(default_factory=dict)


class _Timer:
    def __init__(self, progress: Progress):
        self.progress = progress
        self.seconds: dict[str, float] = {}

    def step(self, name: str, work: Callable):
        self.progress(f"{name}...")
        started = time.perf_counter()
        result = work()
        self.seconds[name] = round(time.perf_counter() - started, 3)
        return result


def analyse_texts(
    texts: Sequence[str],
    *,
    ids: Sequence[str] | None = None,
    given_codes: Sequence[Sequence[str]] | None = None,
    codebook: Codebook | None = None,
    n_themes: int | None = None,
    progress: Progress | None = None,
    random_state: int = 0,
    given_sentiments: Sequence[str | None] | None = None,
    extra_names: Sequence[str] = (),
    retired_codes: Collection[str] = (),
) -> AnalysisResult:
    """Analyse answers; given_codes holds an analyst's codes per row (empty when uncoded),
    given_sentiments their corrected sentiment (None when not corrected), extra_names more
    names to redact (such as the settings answers came from). Retired codes stay on the rows
    given them but teach nothing, so they are never suggested."""
    say = progress or (lambda message: None)
    texts = ["" if t is None else str(t) for t in texts]
    ids = [str(i) for i in ids] if ids is not None else [str(n + 1) for n in range(len(texts))]
    given = [list(c) for c in given_codes] if given_codes is not None else [[] for _ in texts]
    teaching = [[code for code in row if code not in retired_codes] for row in given]
    codebook = (codebook or default_codebook()).without(retired_codes)
    timer = _Timer(say)
    unique = timer.step("distinct answers", lambda: UniqueTexts.from_texts(texts))
    redactor = Redactor(extra_names=extra_names)
    redacted = timer.step("redaction", lambda: redactor.redact_many(unique.texts))
    # Themes are found in redacted text, so no name can surface in a label or a quote.
    redacted_rows = [redacted[position] for position in unique.row_to_unique]
    themes = timer.step(
        "themes",
        lambda: discover_themes(
            redacted_rows, n_themes=n_themes, random_state=random_state, progress=say
        ),
    )
    classifier = CodeClassifier(codebook, random_state=random_state)
    timer.step("training codes", lambda: _train(classifier, texts, teaching))
    suggestions = timer.step("suggesting codes", lambda: classifier.suggest(unique.texts))
    sentiment_model = _corrected_sentiment(texts, given_sentiments)
    sentiments = timer.step("sentiment", lambda: sentiment_model.predict(unique.texts))
    non_answers = [is_non_answer(t) for t in unique.texts]
    concerns = timer.step("concerns", lambda: [bool(detect_concerns(t)) for t in unique.texts])
    answers = []
    for row, position in enumerate(unique.row_to_unique):
        suggestion = suggestions[position]
        # Answers the themes put with "nothing to change" are coded the same way.
        if non_answers[position] or themes.assignments[row] == NON_ANSWER_THEME:
            suggestion = CodeSuggestion([OTHER_CODE], 1.0)
        by_hand = bool(given[row])
        answers.append(
            AnswerResult(
                id=ids[row],
                theme=int(themes.assignments[row]),
                codes=given[row] if by_hand else suggestion.codes,
                code_confidence=1.0 if by_hand else suggestion.confidence,
                coded_by_hand=by_hand,
                sentiment=sentiments[position].label,
                concern=concerns[position],
                redacted_text=redacted[position],
            )
        )
    summary = _summary(answers, themes, unique, classifier, n_themes, timer.seconds)
    summary["hand_code_agreement"] = timer.step(
        "checking suggestions",
        lambda: hand_code_agreement(texts, teaching, codebook, random_state),
    )
    return AnalysisResult(answers=answers, themes=themes.themes, summary=summary)


AGREEMENT_MIN_CODED = 10  # fewer hand-coded answers than this say nothing about suggestions
AGREEMENT_MAX_CHECKED = 1500  # enough for a steady figure, quick even for the largest surveys
AGREEMENT_FOLDS = 3


def hand_code_agreement(
    texts: Sequence[str], given: Sequence[Sequence[str]], codebook: Codebook, random_state: int
) -> dict:
    """How often suggestions match analysts' codes on hand-coded answers held out of training.

    The figure analysts watch rise as they code: each held-out answer counts as matched when
    the suggested codes share at least one code with the analyst's.
    """
    coded = [row for row, codes in enumerate(given) if codes]
    if len(coded) < AGREEMENT_MIN_CODED:
        return {"checked": 0, "matched_share": None}
    rng = np.random.default_rng(random_state)
    sample = rng.permutation(coded)[:AGREEMENT_MAX_CHECKED]
    folds = np.array_split(sample, AGREEMENT_FOLDS)
    matched = 0
    for index, held_out in enumerate(folds):
        training = np.concatenate([f for other, f in enumerate(folds) if other != index])
        classifier = CodeClassifier(codebook, random_state=random_state).fit(
            [texts[row] for row in training], [given[row] for row in training]
        )
        suggested = classifier.suggest([texts[row] for row in held_out])
        matched += sum(
            bool(set(s.codes) & set(given[row])) for s, row in zip(suggested, held_out, strict=True)
        )
    return {"checked": int(len(sample)), "matched_share": round(matched / len(sample), 3)}


def _corrected_sentiment(texts, given_sentiments) -> SentimentModel:
    """The sentiment model, taught the analysts' corrections where there are any."""
    model = SentimentModel()
    corrected = [
        (t, label) for t, label in zip(texts, given_sentiments or [], strict=False) if label
    ]
    if corrected:
        model.correct([t for t, _l in corrected], [label for _t, label in corrected])
    return model


def _train(classifier: CodeClassifier, texts: list[str], given: list[list[str]]) -> None:
    coded = [row for row, codes in enumerate(given) if codes]
    classifier.fit([texts[row] for row in coded], [given[row] for row in coded])


def _summary(answers, themes, unique, classifier, n_themes, seconds) -> dict:
    def count(values) -> dict[str, int]:
        keys, counts = np.unique(np.asarray(values, dtype=str), return_counts=True)
        return {str(k): int(c) for k, c in zip(keys, counts, strict=True)}

    return {
        "counts": {
            "answers": len(answers),
            "distinct_answers": len(unique.texts),
            "coded_by_hand": sum(a.coded_by_hand for a in answers),
            "concerns": sum(a.concern for a in answers),
            "themes": themes.n_themes,
            "sentiment": count([a.sentiment for a in answers]),
            "codes": count([c for a in answers for c in a.codes]),
        },
        "parameters": {
            "n_themes": n_themes,
            "n_themes_chosen_automatically": themes.chosen_automatically,
            "silhouette_by_k": themes.silhouette_by_k,
            "codes": classifier.codes,
        },
        "timings_s": {**seconds, "total": round(sum(seconds.values()), 3)},
    }


# --- DataFrames, for notebooks -----------------------------------------------------------------


def analyse_frame(
    df,
    *,
    text_column: str,
    id_column: str | None = None,
    codes_column: str | None = None,
    codebook: Codebook | None = None,
    n_themes: int | None = None,
    progress: Progress | None = None,
    min_group: int | None = None,
):
    """(answers, themes, summary) for a DataFrame: two DataFrames and a dict. With min_group,
    themes of fewer answers are shown as small in the themes' frame (see themes_frame)."""
    import pandas as pd

    for column in (text_column, id_column, codes_column):
        if column is not None and column not in df.columns:
            raise KeyError(
                f"No column {column!r}; the columns are {', '.join(map(str, df.columns))}."
            )
    texts = df[text_column].where(df[text_column].notna(), "").astype(str).tolist()
    ids = df[id_column].astype(str).tolist() if id_column else None
    given = [parse_codes(cell) for cell in df[codes_column]] if codes_column else None
    result = analyse_texts(
        texts, ids=ids, given_codes=given, codebook=codebook, n_themes=n_themes, progress=progress
    )
    summary = result.summary
    if min_group is not None:
        summary = {**summary, "min_group": min_group}
    themes = themes_frame(result.themes, pd, min_group=min_group)
    return answers_frame(result.answers, pd), themes, summary


def answers_frame(answers: list[AnswerResult], pd):
    rows = [
        {
            "id": a.id,
            "theme": a.theme,
            "codes": ";".join(a.codes),
            "code_confidence": a.code_confidence,
            "sentiment": a.sentiment,
            "concern": "true" if a.concern else "false",
            "redacted_text": a.redacted_text,
        }
        for a in answers
    ]
    columns = ["id", "theme", "codes", "code_confidence", "sentiment", "concern", "redacted_text"]
    return pd.DataFrame(rows, columns=columns)


def themes_frame(themes: list[Theme], pd, *, min_group: int | None = None):
    """One row per theme. With min_group, a theme of fewer answers is not named and neither
    quoted nor described by its words, as on the service's pages, and its size and share are
    suppressed, with other sizes hidden too where the total would give a small one away."""
    sizes = _sizes_shown([theme.size for theme in themes], min_group)
    rows = []
    for theme, size in zip(themes, sizes, strict=True):
        row = asdict(theme)
        small = min_group is not None and theme.size < min_group
        rows.append(
            {
                "theme": row["id"],
                "label": theme_label_shown(
                    row["label"], row["size"], min_group, is_non_answer=theme.is_non_answer
                )
                if small
                else row["label"],
                "size": str(size) if size.suppressed else size.value,
                "share": "" if size.suppressed else row["share"],
                "top_terms": "" if small else "; ".join(row["top_terms"]),
                "quotes": "" if small else " | ".join(row["quotes"]),
                "stability": row["stability"],
            }
        )
    columns = ["theme", "label", "size", "share", "top_terms", "quotes", "stability"]
    return pd.DataFrame(rows, columns=columns)


def _sizes_shown(sizes: list[int], min_group: int | None) -> list[Cell]:
    """The themes' sizes, as one column whose total (every answer) is known."""
    if min_group is None:
        return [Cell(size, False) for size in sizes]
    return [row[0] for row in suppress_table([[n] for n in sizes] + [[sum(sizes)]], min_group)][:-1]
