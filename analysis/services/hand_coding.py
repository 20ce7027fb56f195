"""An analyst's own codes and sentiment for an answer."""

from django.utils import timezone

from analysis.models import HandCoding
from surveys.models import Answer


def hand_code(*, answer: Answer, codes: list[str], sentiment: str, by) -> HandCoding:
    """Record an analyst's codes for an answer; the next run trains on them."""
    coding, _created = HandCoding.objects.update_or_create(
        answer=answer,
        defaults={
            "codes": codes,
            "sentiment": sentiment,
            "coded_by": by,
            "coded_at": timezone.now(),
        },
    )
    return coding
