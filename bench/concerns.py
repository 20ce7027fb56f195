#!/usr/bin/env python
"""Concern detector benchmark: recall, precision and speed on the labelled statements.

    .venv/bin/python bench/concerns.py [--texts 200000] [--show dev|holdout4|all]

Reads tests/analysis/concern_statements.csv (text, category, split; an empty category means "no
concern"). A positive counts as found when the detector flags it at all, since every flagged
answer is read by a person; it counts as rightly placed when its labelled category is among the
matches. Precision is the share of flagged statements that are labelled positive. The rules are
tuned on the dev rows. The holdout4 rows were written before the rules they are measured against
and are never used to tune them, so their figures are the honest ones; once a held-out split has
been looked at it joins dev and a fresh one is written. Speed is measured over the statements
repeated to --texts texts.

The LAST line of stdout is one JSON object with the figures.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
if str(BASE_DIR) not in sys.path:
    sys.path.insert(0, str(BASE_DIR))

from analysis.concerns import CATEGORIES, detect_concerns  # noqa: E402  (standard library only)

STATEMENTS = BASE_DIR / "tests" / "analysis" / "concern_statements.csv"
SPLITS = ("dev", "holdout4")
HELD_OUT = "holdout4"


@dataclass(frozen=True)
class Statement:
    text: str
    category: str  # "" for no concern
    split: str
    found: tuple[str, ...]  # categories the detector reported

    @property
    def flagged(self) -> bool:
        return bool(self.found)


@dataclass(frozen=True)
class Scores:
    positives: int
    negatives: int
    found: int  # positives flagged at all
    placed: int  # positives flagged with their labelled category
    false_alarms: int  # negatives flagged

    @property
    def recall(self) -> float:
        return self.found / self.positives if self.positives else float("nan")

    @property
    def category_accuracy(self) -> float:
        return self.placed / self.positives if self.positives else float("nan")

    @property
    def precision(self) -> float:
        flagged = self.found + self.false_alarms
        return self.found / flagged if flagged else float("nan")


def load() -> list[Statement]:
    with STATEMENTS.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return [
        Statement(
            row["text"],
            row["category"],
            row["split"],
            tuple(m.category for m in detect_concerns(row["text"])),
        )
        for row in rows
    ]


def score(statements: list[Statement]) -> Scores:
    positives = [s for s in statements if s.category]
    negatives = [s for s in statements if not s.category]
    return Scores(
        positives=len(positives),
        negatives=len(negatives),
        found=sum(s.flagged for s in positives),
        placed=sum(s.category in s.found for s in positives),
        false_alarms=sum(s.flagged for s in negatives),
    )


def texts_per_second(texts: list[str], total: int) -> float:
    repeated = (texts * (total // len(texts) + 1))[:total]
    start = time.perf_counter()
    for text in repeated:
        detect_concerns(text)
    return total / (time.perf_counter() - start)


def print_scores(statements: list[Statement]) -> None:
    print(f"{'split':<8} {'pos':>4} {'neg':>4} {'recall':>7} {'placed':>7} {'precision':>9}")
    for name in (*SPLITS, "all"):
        part = [s for s in statements if name in ("all", s.split)]
        sc = score(part)
        print(
            f"{name:<8} {sc.positives:>4} {sc.negatives:>4} {sc.recall:>7.3f}"
            f" {sc.category_accuracy:>7.3f} {sc.precision:>9.3f}"
        )
    print()
    heads = "".join(f" {split + ' recall':>16}" for split in SPLITS)
    print(f"{'category':<17}{heads} {'placed (all)':>13}")
    by_category = defaultdict(list)
    for s in statements:
        by_category[s.category].append(s)
    for category in CATEGORIES:
        part = by_category[category]
        cells = []
        for split in SPLITS:
            sc = score([s for s in part if s.split == split])
            cells.append(f" {f'{sc.found}/{sc.positives} {sc.recall:.2f}':>16}")
        placed = score(part)
        print(
            f"{category:<17}{''.join(cells)}"
            f" {placed.placed:>4}/{placed.positives} {placed.category_accuracy:.2f}"
        )


def print_errors(statements: list[Statement], split: str) -> None:
    part = [s for s in statements if split in ("all", s.split)]
    print(f"\nMissed positives ({split}):")
    for s in part:
        if s.category and not s.flagged:
            print(f"  [{s.category}] {s.text}")
    print(f"\nPositives flagged under another category only ({split}):")
    for s in part:
        if s.category and s.flagged and s.category not in s.found:
            print(f"  [{s.category} -> {','.join(s.found)}] {s.text}")
    print(f"\nFalse alarms ({split}):")
    for s in part:
        if not s.category and s.flagged:
            print(f"  [{','.join(s.found)}] {s.text}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--texts", type=int, default=200_000, help="texts for the speed run")
    parser.add_argument(
        "--show", choices=(*SPLITS, "all"), help="list misses and false alarms of a split"
    )
    args = parser.parse_args()

    statements = load()
    print_scores(statements)
    if args.show:
        print_errors(statements, args.show)
    speed = texts_per_second([s.text for s in statements], args.texts) if args.texts else 0.0
    print(f"\nspeed: {speed:,.0f} texts/s over {args.texts:,} texts")

    whole = score(statements)
    dev = score([s for s in statements if s.split == "dev"])
    held_out = score([s for s in statements if s.split == HELD_OUT])
    figures = {
        "recall": whole.recall,
        "precision": whole.precision,
        "category_accuracy": whole.category_accuracy,
        "dev_recall": dev.recall,
        "dev_precision": dev.precision,
        f"{HELD_OUT}_recall": held_out.recall,
        f"{HELD_OUT}_precision": held_out.precision,
        f"{HELD_OUT}_category_accuracy": held_out.category_accuracy,
        "statements": len(statements),
        "texts_per_s": round(speed),
    }
    print(json.dumps({k: round(v, 4) if isinstance(v, float) else v for k, v in figures.items()}))


if __name__ == "__main__":
    main()
