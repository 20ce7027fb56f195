"""Who may see what. The only place that joins "who asks" with "what they may see"."""

import time
from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404

from surveys.models import CollectionLink, Concern, SurveyVersion


class Role(models.TextChoices):
    OFFICER = "participation officer"
    SAFEGUARDING_LEAD = "safeguarding lead"
    ANALYST = "analyst"
    REVIEW_COORDINATOR = "review coordinator"
    ADMINISTRATOR = "administrator"


def roles_of(user) -> set[str]:
    if not user.is_authenticated or not user.is_active:
        return set()
    if user.is_superuser:
        return set(Role.values)
    if not hasattr(user, "_role_cache"):
        user._role_cache = set(user.groups.values_list("name", flat=True)) & set(Role.values)
    return user._role_cache


def has_role(user, *roles: str) -> bool:
    held = roles_of(user)
    return Role.ADMINISTRATOR in held or bool(held & set(roles))


def role_required(*roles: str):
    """Signed-out visitors go to sign in; signed-in staff without the role are refused."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not has_role(request.user, *roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


# Respondents


class LinkNotOpen(Exception):
    """The collection link exists but cannot take answers now."""

    def __init__(self, link: CollectionLink, reason: str):
        super().__init__(reason)
        self.link = link
        self.reason = reason


# slug -> (when read, link): links are read on every respondent request and rarely change.
_recent_links: dict[str, tuple[float, CollectionLink]] = {}


def link_for_answering(slug: str) -> CollectionLink:
    link = _recent_link(slug)
    if not link.version.is_published():
        raise LinkNotOpen(link, "unpublished")
    if not link.is_open():
        raise LinkNotOpen(link, "closed")
    return link


def _recent_link(slug: str) -> CollectionLink:
    now = time.monotonic()
    held = _recent_links.get(slug)
    if held and now - held[0] < settings.LINK_CACHE_SECONDS:
        return held[1]
    link = get_object_or_404(
        CollectionLink.objects.select_related("version", "version__survey"), slug=slug
    )
    _recent_links[slug] = (now, link)
    return link


def forget_recent_links() -> None:
    _recent_links.clear()


# Staff


def versions_for(user):
    if not has_role(user, Role.OFFICER, Role.ANALYST):
        raise PermissionDenied
    return SurveyVersion.objects.select_related("survey")


def version_for(user, pk: int) -> SurveyVersion:
    return get_object_or_404(versions_for(user), pk=pk)


def links_for(user):
    if not has_role(user, Role.OFFICER):
        raise PermissionDenied
    return CollectionLink.objects.select_related("version__survey", "safeguarding_lead")


def link_for(user, pk: int) -> CollectionLink:
    return get_object_or_404(links_for(user), pk=pk)


def concerns_for(user):
    """A safeguarding lead sees the concerns they are named on; an administrator sees all."""
    if Role.ADMINISTRATOR in roles_of(user):
        return Concern.objects.all()
    if Role.SAFEGUARDING_LEAD in roles_of(user):
        return Concern.objects.filter(lead=user)
    raise PermissionDenied


def concern_for(user, pk: int) -> Concern:
    try:
        return concerns_for(user).select_related("response__link", "answer__question").get(pk=pk)
    except Concern.DoesNotExist:
        raise Http404 from None


# A respondent's browser may see only the response it started or resumed with a code. That is
# held in a signed cookie scoped to the link's pages rather than a server-side session, so a child
# answering leaves no session row behind and no request waits on one.

_COOKIE_SALT = "surveys.answering"


def cookie_name(slug: str) -> str:
    return f"answering-{slug}"


def _held(request, link: CollectionLink) -> tuple[int, str] | None:
    """(response id, resume code) from this browser's cookie for the link, if valid."""
    raw = request.get_signed_cookie(
        cookie_name(link.slug),
        default=None,
        salt=_COOKIE_SALT,
        max_age=settings.SESSION_COOKIE_AGE,
    )
    pk, _sep, code = (raw or "").partition(":")
    return (int(pk), code) if pk.isdigit() else None


def response_for_browser(request, link: CollectionLink):
    """The partial response this browser is answering for the link, or None."""
    from surveys.models import Response

    held = _held(request, link)
    if not held:
        return None
    try:
        return Response.objects.get(pk=held[0], link_id=link.pk, status=Response.Status.PARTIAL)
    except Response.DoesNotExist:
        return None


def resume_code_for_browser(request, link: CollectionLink) -> str:
    held = _held(request, link)
    return held[1] if held else ""


def remember_response(http_response, link: CollectionLink, response, code: str) -> None:
    http_response.set_signed_cookie(
        cookie_name(link.slug),
        f"{response.pk}:{code}",
        salt=_COOKIE_SALT,
        max_age=settings.SESSION_COOKIE_AGE,
        path=link.get_absolute_url(),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def forget_response(http_response, link: CollectionLink) -> None:
    """After sending, so the next child on a shared tablet starts afresh."""
    http_response.delete_cookie(
        cookie_name(link.slug), path=link.get_absolute_url(), samesite="Lax"
    )


def mark_sent(http_response, link: CollectionLink) -> None:
    """Remember on this browser that its answers went, to answer a replayed send kindly."""
    http_response.set_cookie(
        f"sent-{link.slug}",
        "1",
        max_age=settings.SESSION_COOKIE_AGE,
        path=link.get_absolute_url(),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def was_sent(request, link: CollectionLink) -> bool:
    return request.COOKIES.get(f"sent-{link.slug}") == "1"
