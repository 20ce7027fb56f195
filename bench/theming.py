"""Benchmark of the text analysis on the NHS Friends and Family Test development set.

Measures theme discovery against the human labels (NMI, ARI), codebook coding macro-F1 with 20%
and 80% of rows hand-coded (5-fold, the set's 9 major labels as the codebook), three-class
sentiment macro-F1 against `criticality` with no training on the set, coding speed on new
answers, and the whole pipeline on 557,000 answers resampled from the set (time, peak memory).
Nothing is fitted to this data and shipped. Prints figures; the last line is one JSON object.

Run: .venv/bin/python bench/theming.py [--data PATH] [--big-rows N] [--skip-big] [--seeds N]
"""

import argparse
import json
import resource
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import adjusted_rand_score, f1_score, normalized_mutual_info_score
from sklearn.model_selection import StratifiedKFold

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.coding import Code, Codebook, CodeClassifier  # noqa: E402
from analysis.pipeline import analyse_frame  # noqa: E402
from analysis.sentiment import SentimentModel, _vader, label_for  # noqa: E402
from analysis.themes import discover_themes  # noqa: E402

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared/data/nhs_fft_phase1/feedback.csv"
IMPROVEMENT_QUESTION = "Trust C - Q2"  # "what could be better?"; the other two ask "why?"


def load(path: Path) -> pd.DataFrame:
    frame = pd.read_csv(path)
    frame["feedback"] = frame["feedback"].fillna("").astype(str)
    return frame


def discovery(frame: pd.DataFrame, seeds: int = 1) -> dict:
    """Agreement of the discovered themes with the labels; random_state 0 is the headline."""
    started = time.perf_counter()
    result = discover_themes(frame["feedback"].tolist())
    nmi = normalized_mutual_info_score(frame["label"], result.assignments)
    found = {
        "nmi": round(nmi, 3),
        "ari": round(adjusted_rand_score(frame["label"], result.assignments), 3),
        "themes_chosen": result.n_themes,
        "discovery_s": round(time.perf_counter() - started, 2),
    }
    if seeds > 1:
        # k-means moves with its seed by about +-0.01 NMI: a change smaller than that is noise.
        scores = [nmi]
        for seed in range(1, seeds):
            again = discover_themes(frame["feedback"].tolist(), random_state=seed)
            scores.append(normalized_mutual_info_score(frame["label"], again.assignments))
        found.update(
            nmi_seeds=seeds,
            nmi_seed_mean=round(float(np.mean(scores)), 3),
            nmi_seed_min=round(float(np.min(scores)), 3),
            nmi_seed_max=round(float(np.max(scores)), 3),
        )
    return found


def coding_f1(frame: pd.DataFrame, coded_share: str) -> float:
    """Macro-F1 of the top suggested code; '80': train on 4 folds, '20': train on 1 fold."""
    texts, labels = frame["feedback"].tolist(), frame["label"].to_numpy()
    codebook = Codebook(tuple(Code(key, key) for key in sorted(set(labels))))
    scores = []
    folds = StratifiedKFold(5, shuffle=True, random_state=0).split(texts, labels)
    for train, test in folds:
        if coded_share == "20":
            train, test = test, train
        model = CodeClassifier(codebook).fit(
            [texts[i] for i in train], [[labels[i]] for i in train]
        )
        best = model.probabilities([texts[i] for i in test]).argmax(axis=1)
        scores.append(f1_score(labels[test], np.array(model.codes)[best], average="macro"))
    return round(float(np.mean(scores)), 3)


def coding_speed(frame: pd.DataFrame) -> float:
    """New answers coded per second by a classifier trained on 80% (every row, no dedup)."""
    texts, labels = frame["feedback"].tolist(), frame["label"].tolist()
    model = CodeClassifier(Codebook(tuple(Code(k, k) for k in sorted(set(labels)))))
    model.fit(
        texts[::5] + texts[1::5] + texts[2::5] + texts[3::5],
        [[x] for x in labels[::5]]
        + [[x] for x in labels[1::5]]
        + [[x] for x in labels[2::5]]
        + [[x] for x in labels[3::5]],
    )
    started = time.perf_counter()
    model.suggest(texts)
    return round(len(texts) / (time.perf_counter() - started))


def three_classes(criticality: pd.Series) -> pd.Series:
    """-5..-1 negative, 1 neutral, 2..5 positive; 0 and junk dropped (see README of bench)."""
    return pd.Series(
        np.where(criticality < 0, "negative", np.where(criticality == 1, "neutral", "positive")),
        index=criticality.index,
    )


def sentiment(frame: pd.DataFrame) -> dict:
    graded = frame[frame["criticality"].astype(str).str.fullmatch(r"-?[1-5]")].copy()
    truth = three_classes(graded["criticality"].astype(int))
    texts = graded["feedback"].tolist()
    asked = (graded["question"] == IMPROVEMENT_QUESTION).tolist()
    ours = [s.label for s in SentimentModel().predict(texts, asked_what_could_be_better=asked)]
    blind = [s.label for s in SentimentModel().predict(texts)]
    lexicon = [label_for(_vader().polarity_scores(t)["compound"]) for t in texts]
    # With 0 kept as neutral (Trust B gives 0 to every uncritical answer, praise included).
    with_zero = frame[frame["criticality"].astype(str).str.fullmatch(r"-?[0-5]")]
    zero_truth = (
        with_zero["criticality"]
        .astype(int)
        .map(lambda c: "negative" if c < 0 else "neutral" if c == 0 else "positive")
    )
    zero_ours = SentimentModel().predict(
        with_zero["feedback"].tolist(),
        asked_what_could_be_better=(with_zero["question"] == IMPROVEMENT_QUESTION).tolist(),
    )
    return {
        "sentiment_rows": len(graded),
        "sentiment_classes": truth.value_counts().to_dict(),
        "sentiment_macro_f1": round(f1_score(truth, ours, average="macro"), 3),
        "sentiment_macro_f1_without_question": round(f1_score(truth, blind, average="macro"), 3),
        "sentiment_macro_f1_plain_vader": round(f1_score(truth, lexicon, average="macro"), 3),
        "sentiment_macro_f1_zero_as_neutral": round(
            f1_score(zero_truth, [s.label for s in zero_ours], average="macro"), 3
        ),
    }


def big_ask(frame: pd.DataFrame, rows: int) -> dict:
    """The whole pipeline on `rows` answers resampled from the set, 20% of them hand-coded."""
    rng = np.random.default_rng(0)
    big = frame.iloc[rng.integers(0, len(frame), size=rows)].reset_index(drop=True)
    big["id"] = np.arange(rows).astype(str)
    big["codes"] = np.where(rng.random(rows) < 0.2, big["label"], "")
    started = time.perf_counter()
    answers, themes, summary = analyse_frame(
        big, text_column="feedback", id_column="id", codes_column="codes"
    )
    seconds = time.perf_counter() - started
    assert len(answers) == rows
    return {
        "big_rows": rows,
        "big_distinct": summary["counts"]["distinct_answers"],
        "big_ask_s": round(seconds, 1),
        "big_timings_s": summary["timings_s"],
    }


def peak_mb() -> float:
    # ru_maxrss is in kilobytes on Linux.
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--big-rows", type=int, default=557_000)
    parser.add_argument("--skip-big", action="store_true", help="leave out the big ask")
    parser.add_argument(
        "--seeds", type=int, default=1, help="also run discovery with random_state 1..N-1"
    )
    args = parser.parse_args()
    frame = load(args.data)
    figures: dict = {"rows": len(frame)}
    steps = [
        ("discovery", lambda: discovery(frame, args.seeds)),
        ("coding 80%", lambda: {"macro_f1_80": coding_f1(frame, "80")}),
        ("coding 20%", lambda: {"macro_f1_20": coding_f1(frame, "20")}),
        ("sentiment", lambda: sentiment(frame)),
        ("speed", lambda: {"texts_per_s": coding_speed(frame)}),
    ]
    if not args.skip_big:
        steps.append(("big ask", lambda: big_ask(frame, args.big_rows)))
    for name, step in steps:
        started = time.perf_counter()
        found = step()
        print(f"{name:<12} {time.perf_counter() - started:6.1f}s  {found}", flush=True)
        figures.update(found)
    figures["peak_mb"] = peak_mb()
    keys = ["macro_f1_80", "macro_f1_20", "nmi", "ari", "sentiment_macro_f1", "texts_per_s"]
    last = {key: figures.get(key) for key in [*keys, "big_ask_s", "peak_mb"]}
    print(json.dumps(figures))
    print(json.dumps(last))


if __name__ == "__main__":
    main()
