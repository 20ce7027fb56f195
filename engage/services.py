"""Every write of a live session: the officer's controls, joining, answering, moderating."""

import asyncio
import functools
import hashlib
import secrets

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _

from engage import access, results
from engage.models import (
    POLL_KINDS,
    POLL_OPTIONS_MAX,
    POLL_OPTIONS_MIN,
    POLL_SLUG_PREFIX,
    LiveParticipant,
    LiveSession,
    LiveTextAnswer,
)
from surveys import plan
from surveys.models import (
    Answer,
    Choice,
    CollectionLink,
    Concern,
    Question,
    Response,
    Step,
    Survey,
    SurveyVersion,
)
from surveys.plan import all_questions, load_structure
from surveys.services import response_save_step, version_publish

# Wrong codes an address may try in a window; a whole class behind one school address
# joining with the right code never counts against it.
JOIN_FAILURES_ALLOWED = 30
JOIN_FAILURES_WINDOW = 15 * 60

State = LiveSession.QuestionState


class LiveError(Exception):
    """Refused, with a message to show the person who asked."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class JoinRefused(LiveError):
    pass


class TooManyJoins(JoinRefused):
    pass


class AnswerRefused(LiveError):
    pass


# Live clients: every change below tells open pages once its transaction has committed, so a
# page never fetches a state that a rollback undoes. Phones hear only where the session is
# (its stamp); the officer's and projector's sockets hear "something changed" and fetch their
# own stamp at a bounded rate (see engage.consumers.StaffConsumer). No answer text, and never a
# concern, travels over the channel layer.


def phones_group(session: LiveSession) -> str:
    return f"live.{session.pk}.{session.code}.phones"


def staff_group(session: LiveSession) -> str:
    return f"live.{session.pk}.{session.code}.staff"


def session_notify(*, session: LiveSession, phones: bool = True) -> None:
    """After commit, tell the officer's pages, and unless only answers changed, the phones."""
    stamp = results.participant_stamp(session)
    sends = [(staff_group(session), {"type": "session.changed"})]
    if phones:
        sends.append((phones_group(session), {"type": "session.state", "stamp": stamp}))
    transaction.on_commit(lambda: _group_send(sends))


_pending_sends: set = set()


def _group_send(sends: list[tuple[str, dict]]) -> None:
    layer = get_channel_layer()
    if layer is None:
        return

    async def send_all():
        for group, message in sends:
            await layer.group_send(group, message)

    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        async_to_sync(send_all)()
    else:
        # Called from a thread that runs an event loop of its own (a sync caller that drives
        # asyncio, as browser automation does): send from that loop instead of blocking it.
        task = loop.create_task(send_all())
        _pending_sends.add(task)
        task.add_done_callback(_pending_sends.discard)


def session_questions(session: LiveSession) -> list[Question]:
    """The questions run in the room, in order. Follow-ups that depend on one person's earlier
    answer are left out: everyone in the room sees the same question."""
    steps = load_structure(session.version)
    return [q for q in all_questions(steps, session.band) if q.condition_question_id is None]


def session_question(session: LiveSession) -> Question | None:
    """The current question, as loaded with its choices and wordings."""
    return next((q for q in session_questions(session) if q.pk == session.question_id), None)


def session_start(
    *, version: SurveyVersion, band: str, link: CollectionLink | None, officer
) -> LiveSession:
    """A running session with a fresh join code, waiting on its first question."""
    if not version.is_published():
        raise LiveError(_("Only a published survey can be run live."))
    session = LiveSession(version=version, band=band, link=link, officer=officer)
    questions = session_questions(session)
    if not questions:
        raise LiveError(_("This survey has no questions for that age group."))
    session.question = questions[0]
    for _attempt in range(5):
        session.code = LiveSession.new_code()
        try:
            with transaction.atomic():
                session.save()
            return session
        except IntegrityError:
            continue  # the code is held by another running session: draw another
    raise RuntimeError("Could not draw a unique join code.")


def poll_start(
    *, question: str, kind: str, options: list[str], band: str, place: CollectionLink, officer
) -> LiveSession:
    """A quick poll: one question made into a published survey of its own and run live at once.
    Its collection link copies the place (so the place's lead receives any concern) and is
    closed, so the poll is answered only in the room. Either all of it is stored or nothing."""
    if kind not in POLL_KINDS:
        raise LiveError(_("A room can't answer that kind of question together."))
    if kind == Question.Kind.SINGLE and not POLL_OPTIONS_MIN <= len(options) <= POLL_OPTIONS_MAX:
        raise LiveError(_("A list needs 2 to 8 answers to choose from."))
    version = None
    try:
        with transaction.atomic():
            version = _poll_version(question, kind, options if kind == Question.Kind.SINGLE else [])
            link = _poll_link(version, place, band, officer)
            return session_start(version=version, band=band, link=link, officer=officer)
    except BaseException:
        if version is not None:
            # Starting read the version in as published; its key may be drawn again.
            plan.forget_structure(version.pk)
        raise


def _poll_version(text: str, kind: str, options: list[str]) -> SurveyVersion:
    title = _("Quick poll: %(question)s") % {"question": Truncator(text).chars(80)}
    survey = _save_with_fresh_slug(
        Survey(title=title, description=_("A quick poll asked in a live session.")),
        lambda: f"{POLL_SLUG_PREFIX}{secrets.token_hex(5)}",
    )
    version = SurveyVersion.objects.create(survey=survey, number=1, title=title)
    step = Step.objects.create(version=version, order=1, title=_("Quick poll"))
    question = Question.objects.create(step=step, order=1, key="poll", kind=kind, text=text)
    Choice.objects.bulk_create(
        Choice(
            question=question,
            order=order,
            value=f"{order}-{slugify(label)}"[:40].rstrip("-"),
            label=label,
        )
        for order, label in enumerate(options, start=1)
    )
    version_publish(version=version)
    return version


def _poll_link(version, place: CollectionLink, band: str, officer) -> CollectionLink:
    now = timezone.now()
    link = CollectionLink(
        version=version,
        name=place.name,
        setting=place.setting,
        opens_at=now,
        closes_at=now,  # never open to the public: answers come through the session only
        fixed_band=band,
        cohort_tags=list(place.cohort_tags or []),
        safeguarding_lead_id=place.safeguarding_lead_id,
        created_by=officer,
    )
    return _save_with_fresh_slug(link, CollectionLink.new_slug)


def _save_with_fresh_slug(row, new_slug):
    for _attempt in range(5):
        row.slug = new_slug()
        try:
            with transaction.atomic():
                row.save(force_insert=True)
            return row
        except IntegrityError:
            row.pk = None
            continue  # the slug is taken: draw another
    raise RuntimeError("Could not draw a unique slug.")


def _set_state(session: LiveSession, state: str, *, allowed_from: set[str]) -> None:
    if not session.is_open():
        raise LiveError(_("This session has ended."))
    if session.question_state not in allowed_from:
        raise LiveError(_("That can't be done to the question now."))
    session.question_state = state
    session.save(update_fields=["question_state"])
    session_notify(session=session)


def session_open_question(*, session: LiveSession) -> None:
    _set_state(session, State.OPEN, allowed_from={State.WAITING, State.CLOSED})


def session_close_question(*, session: LiveSession) -> None:
    _set_state(session, State.CLOSED, allowed_from={State.OPEN})


def session_show_results(*, session: LiveSession) -> None:
    _set_state(session, State.RESULTS, allowed_from={State.OPEN, State.CLOSED})


def session_next_question(*, session: LiveSession) -> bool:
    """Move on to the next question, not yet open. False when this was the last one."""
    if not session.is_open():
        raise LiveError(_("This session has ended."))
    questions = session_questions(session)
    ids = [q.pk for q in questions]
    position = ids.index(session.question_id) if session.question_id in ids else -1
    if position + 1 >= len(questions):
        return False
    session.question = questions[position + 1]
    session.question_state = State.WAITING
    session.save(update_fields=["question", "question_state"])
    session_notify(session=session)
    return True


def session_end(*, session: LiveSession) -> None:
    """End the session; every participant's answers count as sent."""
    now = timezone.now()
    with transaction.atomic():
        updated = LiveSession.objects.filter(pk=session.pk, status=LiveSession.Status.OPEN).update(
            status=LiveSession.Status.ENDED, ended_at=now
        )
        if updated:
            Response.objects.filter(
                live_participant__session=session, status=Response.Status.PARTIAL
            ).update(status=Response.Status.COMPLETE, completed_at=now)
        session.refresh_from_db(fields=["status", "ended_at"])
        if updated:
            access.forget_session(session.code)
            session_notify(session=session)


@functools.cache
def join_failures():
    """The cache that counts wrong codes, one per process. Django gives each request a cache
    object of its own, which for Redis is a new connection pool and so a new connection: one
    for every phone that joins."""
    return caches.create_connection(DEFAULT_CACHE_ALIAS)


def join_failures_key(address: str) -> str:
    # Counted per network address, in the cache only: never stored with answers.
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:24]
    return f"live-join-failures:{digest}"


def participant_join(*, code: str, address: str) -> LiveParticipant:
    """A new participant in the running session with this code, not yet stored: its first
    answer stores it with its response (see participant_answer). So a room joining at once
    writes nothing, and a phone that never answers leaves no empty response behind."""
    key = join_failures_key(address)
    failures = join_failures()
    if (failures.get(key) or 0) >= JOIN_FAILURES_ALLOWED:
        raise TooManyJoins(_("Too many tries with the wrong code. Please wait 15 minutes."))
    session = access.session_to_join(code)
    if session is None:
        failures.add(key, 0, timeout=JOIN_FAILURES_WINDOW)
        failures.incr(key)
        raise JoinRefused(
            _("We couldn't find a session with that code. Check it, or it may have ended.")
        )
    return LiveParticipant(
        session=session, token=LiveParticipant.new_token(), joined_at=timezone.now()
    )


def participant_answer(
    *,
    participant: LiveParticipant,
    question_id: int,
    raw_data: dict,
    answer: tuple[Question, object, str, bool],
    language: str = "en",
) -> list[Concern]:
    """Store the answer to the session's open question, replacing any earlier one, and screen
    free text; a participant's first answer stores it too, with its response in `language`.
    Returns the concerns raised."""
    question = answer[0]
    with transaction.atomic():
        session = LiveSession.objects.select_for_update().get(pk=participant.session_id)
        if not session.is_open():
            raise AnswerRefused(_("This session has ended. Thank you for taking part."))
        if question_id != session.question_id or question.pk != session.question_id:
            raise AnswerRefused(_("That question has moved on. Here is the current one."))
        if not session.takes_answers():
            raise AnswerRefused(_("This question is closed, so your answer wasn't saved."))
        if not participant.is_stored():
            _participant_store(participant, session, language)
        concerns = response_save_step(
            # It locks and reads the response row itself: its key is all it needs.
            response=Response(pk=participant.response_id),
            page_key=f"live-{question.key}",
            raw_data=raw_data,
            answers=[answer],
        )
        if question.is_free_text():
            _queue_text(session, participant, question, raised=bool(concerns))
        session_notify(session=session, phones=False)
    return concerns


def _participant_store(participant: LiveParticipant, session: LiveSession, language: str):
    """Store a participant that joined but had not answered, with its response; or, if another
    tab of the same phone stored it first, take its keys. The caller holds the session's row
    lock, so two first answers from one phone store it once."""
    stored = (
        LiveParticipant.objects.filter(session=session, token=participant.token)
        .values_list("pk", "response_id")
        .first()
    )
    if stored:
        participant.pk, participant.response_id = stored
        return
    participant.response = Response.objects.create(
        version_id=session.version_id,
        link_id=session.link_id,
        band=session.band,
        language=language,
        started_at=participant.joined_at,
    )
    participant.save(force_insert=True)


def _queue_text(session: LiveSession, participant, question: Question, *, raised: bool) -> None:
    """New or changed text waits for moderation again; worrying text never reaches the wall."""
    saved = Answer.objects.get(response_id=participant.response_id, question=question)
    if not saved.text:
        LiveTextAnswer.objects.filter(answer=saved).delete()
        return
    status = LiveTextAnswer.Status.REJECTED if raised else LiveTextAnswer.Status.PENDING
    LiveTextAnswer.objects.update_or_create(
        answer=saved,
        defaults={"session": session, "status": status, "moderated_at": None},
    )


def text_moderate(*, text: LiveTextAnswer, approve: bool) -> None:
    if text.answer.concerns.exists():
        approve = False  # a worrying answer is for the safeguarding lead, not the projector
    text.status = LiveTextAnswer.Status.APPROVED if approve else LiveTextAnswer.Status.REJECTED
    text.moderated_at = timezone.now()
    with transaction.atomic():
        text.save(update_fields=["status", "moderated_at"])
        session_notify(session=text.session, phones=False)
