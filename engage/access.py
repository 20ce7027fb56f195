"""Who may reach which live session: the officer who started it (or an administrator) controls
it; a phone reaches only the session it joined, through its signed cookie."""

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


def session_for_code(code: str, *, missing_ok: bool = False) -> LiveSession | None:
    """The running session with this code, else the latest one that used it."""
    sessions = LiveSession.objects.select_related("version", "question", "link").filter(
        code=LiveSession.clean_code(code)
    )
    session = sessions.filter(status=LiveSession.Status.OPEN).first() or sessions.first()
    if session is None and not missing_ok:
        raise Http404
    return session


def cookie_name(code: str) -> str:
    return f"live-{code}"


def participant_for(request, session: LiveSession) -> LiveParticipant | None:
    """The participant this browser joined as in this session, if any."""
    token = request.get_signed_cookie(
        cookie_name(session.code),
        default=None,
        salt=_COOKIE_SALT,
        max_age=settings.SESSION_COOKIE_AGE,
    )
    if not token:
        return None
    participant = (
        LiveParticipant.objects.select_related("response")
        .filter(token=token, session=session)
        .first()
    )
    if participant:
        participant.session = session
    return participant


def remember_participant(http_response, participant: LiveParticipant) -> None:
    code = participant.session.code
    http_response.set_signed_cookie(
        cookie_name(code),
        participant.token,
        salt=_COOKIE_SALT,
        max_age=settings.SESSION_COOKIE_AGE,
        path=participant.session.join_path(),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
