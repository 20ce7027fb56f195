"""Who may reach which live session: the officer who started it (or an administrator) controls
it; a phone reaches only the session it joined, through its signed cookie."""

import copy
import datetime
import time

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from engage.models import LiveParticipant, LiveSession
from surveys.access import Role, has_role, roles_of

_COOKIE_SALT = "engage.participant"


def sessions_for(user):
    """An officer's own sessions; every session for an administrator."""
    if not has_role(user, Role.OFFICER):
        raise PermissionDenied
    sessions = LiveSession.objects.select_related("version__survey", "link", "question")
    if Role.ADMINISTRATOR in roles_of(user):
        return sessions
    return sessions.filter(officer=user)


def session_for(user, pk: int) -> LiveSession:
    """Another officer's session is refused outright, not hidden."""
    if not has_role(user, Role.OFFICER):
        raise PermissionDenied
    session = get_object_or_404(
        LiveSession.objects.select_related("link", "version__survey", "question"), pk=pk
    )
    if Role.ADMINISTRATOR not in roles_of(user) and session.officer_id != user.pk:
        raise PermissionDenied
    return session


# Phones


# code -> (when read, session). Every phone request and socket looks its session up by code,
# and what a session is (its version, band, link) never changes, so each process keeps a copy
# for a while. Where the session is (question, state, ended) is read afresh wherever a phone is
# shown it; only joining trusts the copy, so a session ended by another server process can
# still be joined for up to this many seconds (the phone is then told it has ended, and a
# session that has ended takes no answers).
SESSION_CACHE_SECONDS = 10
RECENT_SESSIONS_MAX = 1000
_recent_sessions: dict[str, tuple[float, LiveSession]] = {}


def _recent_session(code: str, *, read: bool = True) -> LiveSession | None:
    """The running session with this code, else the latest one that used it: a copy of this
    process's, which the caller may change. With read=False, only a copy already held."""
    now = time.monotonic()
    held = _recent_sessions.get(code)
    if held is None or now - held[0] >= SESSION_CACHE_SECONDS:
        if not read:
            return None
        sessions = LiveSession.objects.select_related("version", "link").filter(code=code)
        session = sessions.running().first() or sessions.first()
        if session is None:
            return None
        if len(_recent_sessions) >= RECENT_SESSIONS_MAX:
            _recent_sessions.clear()
        held = _recent_sessions[code] = (now, session)
    return copy.copy(held[1])


def forget_session(code: str) -> None:
    """After a change this process made that joining must see at once (the session ended)."""
    _recent_sessions.pop(code, None)


def session_to_join(code: str, *, read: bool = True) -> LiveSession | None:
    """The running session with this code, as this process last read it. With read=False
    nothing is read from the database (so it may run in an event loop): None unless held."""
    session = _recent_session(LiveSession.clean_code(code), read=read)
    return session if session is not None and session.is_open() else None


def session_for_code(code: str, *, missing_ok: bool = False) -> LiveSession | None:
    """The running session with this code, else the latest one that used it, with where it is
    now."""
    code = LiveSession.clean_code(code)
    session = _recent_session(code)
    if session is not None and not session.refresh_state():
        session = None
    if session is None or not session.is_open():
        forget_session(code)  # so that joining here stops at once
    if session is None and not missing_ok:
        raise Http404
    return session


def cookie_name(code: str) -> str:
    return f"live-{code}"


def participant_for(
    request, session: LiveSession, *, look_up: bool = True
) -> LiveParticipant | None:
    """The participant this browser joined as in this session, if any.

    The signed cookie names the session and the token, with the participant and its response
    once its first answer stored them, so it is trusted without reading them. A cookie from
    before it did holds only the token, which is looked up (unless look_up is False: None).
    """
    value = request.get_signed_cookie(
        cookie_name(session.code),
        default=None,
        salt=_COOKIE_SALT,
        max_age=settings.SESSION_COOKIE_AGE,
    )
    if not value:
        return None
    parts = value.split(":")
    if len(parts) == 4 and all(part.isdigit() for part in parts[:3]):
        session_pk, pk, response_pk = (int(part) for part in parts[:3])
        if session_pk != session.pk:
            return None
        return LiveParticipant(pk=pk, session=session, response_id=response_pk, token=parts[3])
    if len(parts) == 3 and parts[0].isdigit() and parts[2].isdigit():
        if int(parts[0]) != session.pk:
            return None
        joined_at = datetime.datetime.fromtimestamp(int(parts[2]), tz=datetime.UTC)
        return LiveParticipant(session=session, token=parts[1], joined_at=joined_at)
    if not look_up:
        return None
    participant = LiveParticipant.objects.filter(token=value, session=session).first()
    if participant:
        participant.session = session
    return participant


def remember_participant(http_response, participant: LiveParticipant) -> None:
    session = participant.session
    if participant.is_stored():
        value = f"{session.pk}:{participant.pk}:{participant.response_id}:{participant.token}"
    else:
        value = f"{session.pk}:{participant.token}:{int(participant.joined_at.timestamp())}"
    http_response.set_signed_cookie(
        cookie_name(session.code),
        value,
        salt=_COOKIE_SALT,
        max_age=settings.SESSION_COOKIE_AGE,
        path=session.join_path(),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
