# Temporary stand-in until the full detector lands.
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class ConcernMatch:
    category: str
    phrase: str


CATEGORIES = {"self_harm": "Self-harm or suicide", "abuse_at_home": "Violence or abuse at home"}
_RULES = {
    "self_harm": re.compile(r"\b(kill myself|hurt myself)\b", re.I),
    "abuse_at_home": re.compile(r"\b(hits me|hurts me)\b", re.I),
}


def detect_concerns(text):
    out = []
    for cat, rx in _RULES.items():
        m = rx.search(text or "")
        if m:
            out.append(ConcernMatch(cat, m.group(0)))
    return out
