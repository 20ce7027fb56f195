"""How many free-text answers a second analysis.redact.Redactor.redact_many gets through.

Makes its own synthetic child-style answers (no real data): the short repeated replies real
surveys get, ordinary sentences, some naming a person, a few with a number, link or handle.
texts_per_s is for redact_many over all answers (repeats are redacted once);
unique_texts_per_s is for each distinct answer redacted once, the slower case.
The last stdout line is one JSON object.

    .venv/bin/python bench/redaction.py [--n 200000] [--seed 1]
"""

import argparse
import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.redact import Redactor  # noqa: E402

SHORT = [
    "nothing", "idk", "no", "yes", "not sure", "nothing really", "its fine", "n/a", "none",
    "dont know", "ok", "good", "nope", "no comment", "everything", "more clubs", "be kinder",
]  # fmt: skip
OPENERS = [
    "I feel safe at school because",
    "i dont like it when",
    "What would help is if",
    "sometimes at home",
    "My favourite thing is that",
    "it would be better if",
    "I will tell my teacher when",
    "I hope that",
    "in May we had a trip and",
    "the worst thing is",
    "i feel unsafe when",
    "I would change it so",
    "at the youth club",
    "Online",
]
MIDDLES = [
    "the teachers listen to us",
    "people are mean on the bus",
    "we get to play football at lunch",
    "there is nobody to talk to",
    "the toilets are dirty and smell",
    "my mum works late so i look after my brother",
    "older kids vape near the park",
    "i get 10/10 on my spellings",
    "we finish at 3pm on fridays",
    "it costs £5 to go to the youth club",
    "people say horrible things on snapchat",
    "the buses are late and it gets dark",
    "we had more time to talk to someone",
    "my friends are there for me",
    "there were more things to do in the holidays",
    "adults actually listened to what we say",
]
WITH_NAME = ["my friend {name} helps me", "{name} was mean to me at break", "{Name}'s mum shouts"]
DETAILS = [
    "my number is 07700 900{n:03d}",
    "add me on snap {name}_{n}",
    "email me {name}{n}@gmail.com",
    "follow @{name}.{n}",
    "look at tiktok.com/@{name}{n}",
    "I live near M{d} {d}AE",
    "me and XXXX go to Oakfield Academy",
]
NAMES = ["olivia", "jayden", "aisha", "mohammed", "ruby", "will", "grace", "oliver", "amelia"]


def answer(rng: random.Random) -> str:
    """One answer: a quarter stock replies, the rest one or two clauses; some name a person
    (about one in ten) or give a contact detail (about one in twenty-five)."""
    if rng.random() < 0.25:
        short = rng.choice(SHORT)
        return rng.choice([short, short.capitalize(), short + ".", short.upper()])
    name = rng.choice(NAMES)
    fill = {"name": name, "Name": name.title(), "n": rng.randrange(1000), "d": rng.randrange(10)}
    middles = WITH_NAME if rng.random() < 0.1 else MIDDLES
    parts = [rng.choice(OPENERS), rng.choice(middles).format(**fill)]
    if rng.random() < 0.4:
        parts.append("and " + rng.choice(MIDDLES))
    if rng.random() < 0.04:
        parts.append(rng.choice(DETAILS).format(**fill))
    return " ".join(parts) + rng.choice([".", "", "!", " 😊", "..."])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    texts = [answer(rng) for _ in range(args.n)]
    redactor = Redactor(extra_names=["Oakfield Academy", "St Mary's Primary"])
    redactor.redact_many(texts[:1000])

    # CPU time of this process: "on one core", whatever else the machine is doing.
    wall, cpu = time.perf_counter(), time.process_time()
    redactor.redact_many(texts)
    many_s, many_wall = time.process_time() - cpu, time.perf_counter() - wall

    unique = list(dict.fromkeys(texts))
    cpu = time.process_time()
    for text in unique:
        redactor.redact(text)
    unique_s = time.process_time() - cpu

    print(f"redact_many: {args.n} answers in {many_s:.2f} s CPU ({many_wall:.2f} s wall)")
    print(f"redact, each distinct answer once: {len(unique)} in {unique_s:.2f} s CPU")
    figures = {
        "texts_per_s": round(args.n / many_s),
        "n": args.n,
        "unique_texts_per_s": round(len(unique) / unique_s),
        "unique_n": len(unique),
        "wall_texts_per_s": round(args.n / many_wall),
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
