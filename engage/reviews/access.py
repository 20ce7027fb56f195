"""Who may reach which review. Staff see only the reviews they are assigned to; a family member
reaches only their own invitation's pages, through a signed-in visit in one browser."""

import time
from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.cache import add_never_cache_headers

from engage.models import FamilyMember, Invitation, Review, SharedDocument
from surveys.access import Role, has_role

# Staff


def may_create_reviews(user) -> bool:
    return has_role(user, Role.REVIEW_COORDINATOR)


def reviews_for(user):
    """The reviews this person is assigned to. An administrator is no exception: they assign
    staff in the admin, but see a review's contents only once assigned to it."""
    if not has_role(user, Role.REVIEW_COORDINATOR):
        raise PermissionDenied
    return Review.objects.filter(assignments__user=user).distinct()


def review_for(user, pk) -> Review:
    """Someone not assigned is refused outright, not shown an empty page."""
    if not has_role(user, Role.REVIEW_COORDINATOR):
        raise PermissionDenied
    review = get_object_or_404(Review, pk=pk)
    if not review.assignments.filter(user=user).exists():
        raise PermissionDenied
    return review


def member_for(review: Review, member_pk) -> FamilyMember:
    return get_object_or_404(FamilyMember, pk=member_pk, review=review)


def staff_page(view):
    """Signed-in staff only; every page about a review is kept out of every cache."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        keep_form_out_of_error_reports(request)
        response = view(request, *args, **kwargs)
        add_never_cache_headers(response)
        response["Cache-Control"] += ", no-store, private"
        return response

    return wrapped


def keep_form_out_of_error_reports(request) -> None:
    """Family words, names and codes never reach an error report or log: Django's reporter
    shows every posted value of this request as stars (what @sensitive_post_parameters does)."""
    request.sensitive_post_parameters = "__ALL__"


# Family members

_MEMBER = "family.member"
_INVITATION = "family.invitation"
_SEEN = "family.seen"
_PENDING = "family.pending"


def remember_pending(request, invitation: Invitation) -> None:
    """The link's invitation, held until the member presses Continue (a mail scanner that
    follows the link uses nothing up)."""
    request.session[_PENDING] = invitation.pk
    request.session.set_expiry(0)  # gone when the browser closes, like the visit itself


def pending_invitation(request) -> Invitation | None:
    pk = request.session.get(_PENDING)
    if not pk:
        return None
    return Invitation.objects.select_related("member__review").filter(pk=pk).first()


def sign_in(request, invitation: Invitation) -> None:
    """A fresh session key, so nothing from before the exchange carries over; it ends when the
    browser closes or after FAMILY_IDLE_MINUTES without a page."""
    request.session.cycle_key()
    request.session.pop(_PENDING, None)
    request.session[_MEMBER] = invitation.member_id
    request.session[_INVITATION] = invitation.pk
    request.session[_SEEN] = time.time()
    request.session.set_expiry(0)


def sign_out(request) -> None:
    request.session.flush()


def signed_in_member(request) -> FamilyMember | None:
    member_pk = request.session.get(_MEMBER)
    if not member_pk:
        return None
    seen = request.session.get(_SEEN, 0)
    if time.time() - seen > settings.FAMILY_IDLE_MINUTES * 60:
        sign_out(request)
        return None
    invitation = (
        Invitation.objects.select_related("member__review")
        .filter(pk=request.session.get(_INVITATION), member_id=member_pk)
        .first()
    )
    if invitation is None or invitation.revoked_at or invitation.locked_at:
        sign_out(request)
        return None
    if invitation.member.review.contributions_deleted_at:
        sign_out(request)
        return None
    request.session[_SEEN] = time.time()
    return invitation.member


def documents_for(member: FamilyMember):
    """The documents shared with this member, and no others."""
    return SharedDocument.objects.filter(review_id=member.review_id, shared_with=member)


def document_for(member: FamilyMember, pk) -> SharedDocument:
    """A document not shared with this member is answered as if it did not exist."""
    return get_object_or_404(documents_for(member), pk=pk)


def own_comments(member: FamilyMember, document: SharedDocument):
    """The member's own comments on a document: never another member's."""
    return document.comments.filter(member=member, removed_at=None)


def private_headers(response):
    """Nothing a family member sees is kept by a browser or proxy, or leaks its address.

    Pages send a referrer to this site only: with "no-referrer" browsers send "Origin: null"
    with a form, and the CSRF check refuses every form. The link's own address, which holds
    the token, sets "no-referrer" itself."""
    add_never_cache_headers(response)
    response["Cache-Control"] += ", no-store, private"
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def family_page(view):
    """The signed-in member is passed to the view; anyone else is sent to the start page."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        keep_form_out_of_error_reports(request)
        member = signed_in_member(request)
        if member is None:
            return private_headers(redirect("family-signed-out"))
        member.remember_language(request.LANGUAGE_CODE)
        return private_headers(view(request, member, *args, **kwargs))

    return wrapped


def family_open_page(view):
    """A family page that needs no sign-in (the start, the help and the sign-out pages)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        keep_form_out_of_error_reports(request)
        return private_headers(view(request, *args, **kwargs))

    return wrapped
