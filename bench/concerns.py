#!/usr/bin/env python
"""Concern detector benchmark: recall, precision and speed on the labelled statements.

    .venv/bin/python bench/concerns.py [--texts 200000] [--show dev|<held-out split>|all|ordinary]

Reads tests/analysis/concern_statements.csv (text, category, split, voice; an empty category
means "no concern"). Two methods are scored: the rules alone, and the detector as shipped (the
rules, then the learned second opinion when no rule matches). A positive counts as found when
the method flags it at all, since every flagged answer is read by a person; it counts as rightly
placed when its labelled category is among the matches. Precision is the share of flagged
statements that are labelled positive. The rules are tuned on the dev rows, and the learned
model is trained on them too (analysis/data/concern_training.csv holds them, with statements
written for it). Every other split (holdoutN) was written before the method it is measured
against and is never used to tune it, so its figures are the honest ones; once a held-out split
has been looked at it joins dev and a fresh one is written. The held-out splits record whether a
statement is in a child's or an adult family member's words, and the scores are also given per
voice. tests/analysis/ordinary_answers.csv (text, voice) holds everyday answers with no concern
in them, from children, young people, parents and bereaved families, written with holdout7 and
never used for tuning: the share of them flagged is the false-alarm rate that a child or a
safeguarding lead meets. Speed is measured over the statements repeated to --texts texts, after
the model's first-use training, which is timed on its own.

The LAST line of stdout is one JSON object with the figures: the unprefixed keys are the rules
alone, as before the learned model; `combined_` keys are the detector as shipped.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
if str(BASE_DIR) not in sys.path:
    sys.path.insert(0, str(BASE_DIR))

# Standard library only, like the detector.
from analysis.concerns import CATEGORIES, detect_concerns, learned  # noqa: E402
from analysis.concerns.rules import rule_matches  # noqa: E402

STATEMENTS = BASE_DIR / "tests" / "analysis" / "concern_statements.csv"
ORDINARY = BASE_DIR / "tests" / "analysis" / "ordinary_answers.csv"
METHODS: dict[str, Callable] = {"rules": rule_matches, "combined": detect_concerns}


@dataclass(frozen=True)
class Statement:
    text: str
    category: str  # "" for no concern
    split: str
    voice: str  # "child", "adult" or "" (not recorded)
    found: dict[str, tuple[str, ...]]  # per method, the categories it reported


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
            row["voice"],
            {
                name: tuple(m.category for m in method(row["text"]))
                for name, method in METHODS.items()
            },
        )
        for row in rows
    ]


def load_ordinary() -> list[Statement]:
    """The ordinary answers, as statements with no concern and no split."""
    with ORDINARY.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return [
        Statement(
            row["text"],
            "",
            "",
            row["voice"],
            {
                name: tuple(m.category for m in method(row["text"]))
                for name, method in METHODS.items()
            },
        )
        for row in rows
    ]


def false_alarm_rate(answers: list[Statement], method: str) -> float:
    return sum(bool(s.found[method]) for s in answers) / len(answers)


def score(statements: list[Statement], method: str) -> Scores:
    positives = [s for s in statements if s.category]
    negatives = [s for s in statements if not s.category]
    return Scores(
        positives=len(positives),
        negatives=len(negatives),
        found=sum(bool(s.found[method]) for s in positives),
        placed=sum(s.category in s.found[method] for s in positives),
        false_alarms=sum(bool(s.found[method]) for s in negatives),
    )


def splits(statements: list[Statement]) -> tuple[str, ...]:
    """dev first, then the held-out splits in the file's order."""
    held_out = dict.fromkeys(s.split for s in statements if s.split != "dev")
    return ("dev", *held_out)


def first_use_seconds() -> float:
    start = time.perf_counter()
    learned.model()
    return time.perf_counter() - start


def texts_per_second(texts: list[str], total: int, method: Callable) -> float:
    repeated = (texts * (total // len(texts) + 1))[:total]
    start = time.perf_counter()
    for text in repeated:
        method(text)
    return total / (time.perf_counter() - start)


def print_scores(statements: list[Statement]) -> None:
    print(
        f"{'split':<15} {'pos':>4} {'neg':>4}"
        + "".join(f" {m + ' recall':>16} {'placed':>7} {'precision':>9}" for m in METHODS)
    )
    parts = [
        (name, [s for s in statements if name in ("all", s.split)]) for name in splits(statements)
    ]
    for split in splits(statements)[1:]:
        for voice in ("child", "adult"):
            part = [s for s in statements if s.split == split and s.voice == voice]
            if part:
                parts.append((f"{split} {voice}", part))
    parts.append(("all", statements))
    for name, part in parts:
        cells = ""
        for method in METHODS:
            sc = score(part, method)
            cells += f" {sc.recall:>16.3f} {sc.category_accuracy:>7.3f} {sc.precision:>9.3f}"
        sc = score(part, "rules")
        print(f"{name:<15} {sc.positives:>4} {sc.negatives:>4}{cells}")
    print()
    heads = "".join(f" {split + ' recall':>16}" for split in splits(statements))
    print(f"combined\n{'category':<17}{heads} {'placed (all)':>13}")
    by_category = defaultdict(list)
    for s in statements:
        by_category[s.category].append(s)
    for category in CATEGORIES:
        part = by_category[category]
        cells = []
        for split in splits(statements):
            sc = score([s for s in part if s.split == split], "combined")
            cells.append(f" {f'{sc.found}/{sc.positives} {sc.recall:.2f}':>16}")
        placed = score(part, "combined")
        print(
            f"{category:<17}{''.join(cells)}"
            f" {placed.placed:>4}/{placed.positives} {placed.category_accuracy:.2f}"
        )


def print_ordinary(answers: list[Statement]) -> None:
    print(
        f"\n{'ordinary answers':<15} {'n':>4}" + "".join(f" {m + ' flagged':>16}" for m in METHODS)
    )
    for voice in ("child", "adult", "all"):
        part = [s for s in answers if voice in ("all", s.voice)]
        cells = ""
        for method in METHODS:
            flagged = sum(bool(s.found[method]) for s in part)
            cells += f" {f'{flagged} {false_alarm_rate(part, method):.3f}':>16}"
        print(f"{voice:<15} {len(part):>4}{cells}")


def print_ordinary_errors(answers: list[Statement]) -> None:
    print("\nOrdinary answers flagged ('learned' where no rule matched):")
    for s in answers:
        if s.found["combined"]:
            by = "rules" if s.found["rules"] else "learned"
            print(f"  [{','.join(s.found['combined'])} by {by}] {s.text}")


def print_errors(statements: list[Statement], split: str) -> None:
    part = [s for s in statements if split in ("all", s.split)]
    print(f"\nMissed positives ({split}):")
    for s in part:
        if s.category and not s.found["combined"]:
            print(f"  [{s.category}] {s.text}")
    print(f"\nPositives flagged under another category only ({split}):")
    for s in part:
        if s.category and s.found["combined"] and s.category not in s.found["combined"]:
            print(f"  [{s.category} -> {','.join(s.found['combined'])}] {s.text}")
    print(f"\nFalse alarms ({split}; 'learned' where no rule matched):")
    for s in part:
        if not s.category and s.found["combined"]:
            by = "rules" if s.found["rules"] else "learned"
            print(f"  [{','.join(s.found['combined'])} by {by}] {s.text}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--texts", type=int, default=200_000, help="texts for the speed run")
    parser.add_argument("--show", metavar="SPLIT", help="list misses and false alarms of a split")
    args = parser.parse_args()

    training_s = first_use_seconds()
    statements = load()
    answers = load_ordinary()
    if args.show and args.show not in (*splits(statements), "all", "ordinary"):
        parser.error(f"--show: one of {', '.join((*splits(statements), 'all', 'ordinary'))}")
    print_scores(statements)
    print_ordinary(answers)
    if args.show == "ordinary":
        print_ordinary_errors(answers)
    elif args.show:
        print_errors(statements, args.show)
    texts = [s.text for s in statements]
    speeds = {
        name: texts_per_second(texts, args.texts, method) if args.texts else 0.0
        for name, method in METHODS.items()
    }
    print(f"\nfirst-use training of the learned model: {training_s:.2f} s")
    for name, speed in speeds.items():
        print(f"speed ({name}): {speed:,.0f} texts/s over {args.texts:,} texts")

    figures = {}
    for prefix, method in (("", "rules"), ("combined_", "combined")):
        whole = score(statements, method)
        dev = score([s for s in statements if s.split == "dev"], method)
        figures |= {
            f"{prefix}recall": whole.recall,
            f"{prefix}precision": whole.precision,
            f"{prefix}category_accuracy": whole.category_accuracy,
            f"{prefix}dev_recall": dev.recall,
            f"{prefix}dev_precision": dev.precision,
        }
        for split in splits(statements)[1:]:
            held_out = score([s for s in statements if s.split == split], method)
            figures[f"{prefix}{split}_recall"] = held_out.recall
            figures[f"{prefix}{split}_precision"] = held_out.precision
            figures[f"{prefix}{split}_category_accuracy"] = held_out.category_accuracy
        figures[f"{prefix}ordinary_false_alarm_rate"] = false_alarm_rate(answers, method)
    figures |= {
        "statements": len(statements),
        "ordinary_answers": len(answers),
        "texts_per_s": round(speeds["combined"]),
        "rules_texts_per_s": round(speeds["rules"]),
        "first_use_training_s": training_s,
    }
    print(json.dumps({k: round(v, 4) if isinstance(v, float) else v for k, v in figures.items()}))


if __name__ == "__main__":
    main()
