"""What the concern detector reports: a category and the words that suggested it."""

from dataclasses import dataclass


@dataclass(frozen=True)
class ConcernMatch:
    category: str  # one of CATEGORIES keys
    phrase: str  # the words that suggested it, as written


CATEGORIES: dict[str, str] = {
    "self_harm": "Self-harm or suicide",
    "abuse_at_home": "Violence or abuse at home",
    "sexual_abuse": "Sexual abuse",
    "exploitation": "Exploitation or grooming",
    "neglect": "Neglect or basic needs",
    "bullying_threats": "Bullying with threats or violence",
    "feeling_unsafe": "Feeling unsafe",
    "other_harm": "Other harm",
}
