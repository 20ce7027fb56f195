"""What the projector shows for the current question: counts per choice, or nothing while too
few have answered to keep anyone from being singled out."""

from dataclasses import dataclass

from django.conf import settings

from engage.models import LiveSession, LiveTextAnswer
from surveys.forms import choice_items
from surveys.models import Answer, Concern


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    percent: int


@dataclass(frozen=True)
class Results:
    answered: int
    bars: list[Bar]

    def too_few(self) -> bool:
        return self.answered < settings.SMALL_NUMBER_THRESHOLD


def session_answers(session: LiveSession):
    """Answers given in the session to its current question."""
    return Answer.objects.filter(
        response__live_participant__session=session, question_id=session.question_id
    )


def question_results(session: LiveSession, language: str) -> Results:
    """Counts per choice among those who answered (skips and "rather not say" not counted)."""
    values = [
        value
        for value in session_answers(session).values_list("value", flat=True)
        if value not in (None, "", [])
    ]
    items = choice_items(session.question, session.band, language)
    counts = {item.value: 0 for item in items}
    for value in values:
        for picked in value if isinstance(value, list) else [value]:
            if str(picked) in counts:
                counts[str(picked)] += 1
    answered = len(values)
    if answered < settings.SMALL_NUMBER_THRESHOLD:
        return Results(answered, [])
    bars = [
        Bar(item.label, counts[item.value], round(100 * counts[item.value] / answered))
        for item in items
    ]
    return Results(answered, bars)


def wall_texts(session: LiveSession) -> list[str]:
    """Approved free text for the current question, oldest first."""
    return list(
        LiveTextAnswer.objects.approved()
        .filter(session=session, answer__question_id=session.question_id)
        .exclude(answer__concerns__isnull=False)
        .values_list("answer__text", flat=True)
    )


def presenter_stamp(session: LiveSession) -> str:
    """Changes whenever anything the projector shows changes."""
    answered = session_answers(session).count()
    shown = LiveTextAnswer.objects.approved().filter(session=session).count()
    return f"{participant_stamp(session)}:{answered}:{shown}"


def participant_stamp(session: LiveSession) -> str:
    return f"{session.status}:{session.question_id}:{session.question_state}"


def session_concerns(session: LiveSession):
    """Concerns raised by answers in the session, for the officer's eyes only."""
    return (
        Concern.objects.filter(response__live_participant__session=session)
        .select_related("answer__question", "lead")
        .order_by("-raised_at")
    )


def officer_stamp(session: LiveSession) -> str:
    pending = LiveTextAnswer.objects.pending().filter(session=session).count()
    raised = session_concerns(session).count()
    return f"{presenter_stamp(session)}:{pending}:{raised}"
