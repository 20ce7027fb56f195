"""Safeguarding concern detector for free-text answers: rules, and a learned second opinion for
the wordings no rule was written for.

Answers come from children and young people aged 4 to 25 in England and, in surveys and
practice reviews, from their parents, carers and other family members. A missed disclosure costs
far more than a false alarm, so both favour recall: a flagged answer is only ever read by a
person, never acted on automatically. Pure Python and no database, so it runs anywhere.
"""

from analysis.concerns.categories import CATEGORIES, ConcernMatch
from analysis.concerns.learned import learned_match
from analysis.concerns.rules import rule_matches

__all__ = ["CATEGORIES", "ConcernMatch", "detect_concerns"]


def detect_concerns(text: str) -> list[ConcernMatch]:
    """The rules' matches, at most one per category in CATEGORIES order; when no rule matches,
    the learned model's match if it has one. Empty list when nothing suggests risk."""
    if not text or not text.strip():
        return []
    matches = rule_matches(text)
    if not matches and (match := learned_match(text)):
        matches = [match]
    return matches
