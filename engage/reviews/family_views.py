"""Pages for family members taking part in a practice review: the link, the check, and their
own part of the review. Each page finds the member through access, calls one service, and
renders or redirects."""

import hashlib

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from engage.models import Contribution, ReviewAssignment
from engage.models.reviews import STAGE_FOR_FAMILIES
from engage.reviews import access, services
from engage.reviews import family_forms as forms
from engage.reviews.access import family_open_page, family_page
from engage.reviews.services import ReviewError

# (tries, seconds) per network address; new links are also limited per email address asked for.
LINK_TRIES = (20, 15 * 60)
CHECK_TRIES = (20, 15 * 60)
NEW_LINK_TRIES = (10, 60 * 60)
NEW_LINK_TRIES_PER_EMAIL = (3, 60 * 60)

# Set when words just saved suggest a child is at risk now; the next page shows support.
_SUPPORT = "family.support"


def _hashed(value: str) -> str:
    return hashlib.sha256(f"{settings.SECRET_KEY}:{value}".encode()).hexdigest()[:24]


def _too_many(request, purpose: str, tries: tuple[int, int], value: str | None = None) -> bool:
    # Counted in the cache only, under a keyed hash: an address is never stored.
    value = request.META.get("REMOTE_ADDR", "") if value is None else value
    limit, seconds = tries
    return services.rate_limited(f"family-{purpose}:{_hashed(value)}", limit=limit, seconds=seconds)


def _coordinator(member):
    """Whom the member can contact: the coordinator who invited them if still on the review,
    otherwise any coordinator of the review."""
    if member is None:
        return None
    assignments = list(
        member.review.assignments.filter(
            role=ReviewAssignment.Role.COORDINATOR, user__is_active=True
        )
        .select_related("user")
        .order_by("pk")
    )
    invited = member.invitations.exclude(created_by=None).first()
    for assignment in assignments:
        if invited and assignment.user_id == invited.created_by_id:
            return assignment.user
    return assignments[0].user if assignments else None


def _page(request, template, context=None, *, member=None, status=200):
    context = {
        "member": member,
        "coordinator": _coordinator(member),
        "support_panel": request.session.pop(_SUPPORT, False),
        **(context or {}),
    }
    return render(request, f"reviews/family/{template}", context, status=status)


def _link_not_working(request):
    # One page and one status whatever the reason, so a link's state is never given away.
    return _page(request, "link_not_working.html", status=404)


def _usable(invitation) -> bool:
    review = invitation.member.review
    return invitation.can_be_used() and review.contributions_deleted_at is None


def _draft(member) -> tuple[Contribution | None, str]:
    """The account in progress (perhaps not saved yet), or None and why nothing can be added."""
    try:
        return services.contribution_draft(member), ""
    except ReviewError as error:
        return None, error.message


def _sent(member):
    return member.contributions.filter(status=Contribution.Status.SENT, removed_at=None)


def _stages(review) -> list[dict]:
    return [
        {
            "label": label,
            "on": on,
            "reached": reached,
            "current": value == review.stage,
            "meaning": STAGE_FOR_FAMILIES[value],
        }
        for value, label, on, reached in review.stage_dates()
    ]


def _posted(request):
    # An empty POST still binds the form, so pressing a button with nothing filled in is
    # answered with the error, not a blank page.
    return request.POST if request.method == "POST" else None


def _remember_concerns(request, concerns) -> None:
    if concerns:
        request.session[_SUPPORT] = True


# The link and the check


@require_safe
@family_open_page
def invitation(request, token):
    """Move the link into the session and leave its address at once; nothing is used up, so a
    mail scanner that follows the link does no harm. The address holds the token: it is never
    sent on as a referrer."""
    response = _invitation_response(request, token)
    response["Referrer-Policy"] = "no-referrer"
    return response


def _invitation_response(request, token):
    if _too_many(request, "link", LINK_TRIES):
        return _page(request, "too_many.html", status=429)
    found = services.invitation_for_token(token)
    if found is None or not _usable(found):
        return _link_not_working(request)
    access.remember_pending(request, found)
    return _in_their_language(request, redirect("family-start"), found.member)


def _in_their_language(request, response, member):
    """The first visit opens in the language the coordinator chose for them; a language this
    browser was already set to stands."""
    if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            member.language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
    return response


@family_open_page
def start(request):
    invitation = access.pending_invitation(request)
    if invitation is None:
        if access.signed_in_member(request):
            return redirect("family-home")
        return _link_not_working(request)
    if invitation.locked_at:
        return _page(request, "locked.html", status=403)
    if not _usable(invitation):
        return _link_not_working(request)
    if request.method != "POST":
        return _welcome(request, invitation, forms.check_form(invitation))
    if _too_many(request, "check", CHECK_TRIES):
        return _page(request, "too_many.html", status=429)
    form = forms.check_form(invitation, request.POST)
    if not form.is_valid():
        return _welcome(request, invitation, form, status=400)
    if not services.invitation_check(invitation=invitation, answer=form.answer()):
        if invitation.locked_at:
            return _page(request, "locked.html", status=403)
        left = settings.FAMILY_CHECK_ATTEMPTS - invitation.failed_checks
        form.add_error(None, _wrong_answer(invitation, left))
        return _welcome(request, invitation, form, status=400)
    try:
        services.invitation_exchange(invitation=invitation)
    except ReviewError:  # used a moment ago, in another tab or browser
        return _link_not_working(request)
    access.sign_in(request, invitation)
    return redirect("family-home")


def _wrong_answer(invitation, left: int) -> str:
    if invitation.second_factor == invitation.SecondFactor.DATE_OF_BIRTH:
        wrong = _("That date of birth does not match the one we have.")
    else:
        wrong = _("That access code is not right.")
    tries = ngettext(
        "You can try %(left)d more time before this link stops working.",
        "You can try %(left)d more times before this link stops working.",
        left,
    ) % {"left": left}
    return f"{wrong} {tries}"


def _welcome(request, invitation, form, status=200):
    review = invitation.member.review
    context = {"review": review, "form": form, "check": invitation.second_factor}
    return _page(request, "start.html", context, status=status)


# The member's own pages


@family_page
def home(request, member):
    review = member.review
    stages = _stages(review)
    draft, closed = _draft(member)
    context = {
        "review": review,
        "stages": stages,
        "next_stage": next((stage for stage in stages if not stage["reached"]), None),
        "draft": draft,
        "closed": closed,
        "sent_count": _sent(member).count(),
        "documents": access.documents_for(member),
    }
    return _page(request, "home.html", context, member=member)


@family_page
def about(request, member):
    context = {"review": member.review, "stages": _stages(member.review)}
    return _page(request, "about.html", context, member=member)


@family_page
def take_part(request, member):
    form = forms.TakePartForm(
        _posted(request),
        initial={
            "takes_part_by": member.takes_part_by,
            "supporter_name": member.supporter_name,
            "interpreter_language": member.interpreter_language,
            "other_help": member.other_help,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.participation_choose(member=member, **form.cleaned_data)
        except ReviewError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Thank you. The review team can now see your choice."))
            return redirect("family-home")
    status = 400 if request.method == "POST" else 200
    return _page(request, "take_part.html", {"form": form}, member=member, status=status)


@family_page
def account(request, member):
    draft, closed = _draft(member)
    parts = []
    if draft is not None:
        parts = [
            {
                "key": key,
                "heading": heading,
                "written": bool(draft.parts.get(key, "").strip()),
                "url": reverse("family-account-part", kwargs={"part": key}),
            }
            for key, heading, _prompt in Contribution.SECTIONS
        ]
    context = {"draft": draft, "closed": closed, "parts": parts, "sent": _sent(member)}
    return _page(request, "account.html", context, member=member)


@family_page
def account_part(request, member, part):
    if part not in Contribution.SECTION_KEYS:
        raise Http404
    draft, closed = _draft(member)
    if draft is None:
        status = 400 if request.method == "POST" else 200
        return _page(request, "closed.html", {"closed": closed}, member=member, status=status)
    form = forms.AccountPartForm(_posted(request), initial={"text": draft.parts.get(part, "")})
    if request.method == "POST" and form.is_valid():
        try:
            concerns = services.contribution_save_part(
                contribution=draft, key=part, text=form.cleaned_data["text"]
            )
        except ReviewError as error:
            form.add_error("text", error.message)
        else:
            _remember_concerns(request, concerns)
            if "later" in request.POST:
                messages.success(request, _("Saved. You can come back and carry on at any time."))
                return redirect("family-account")
            return redirect(_part_after(part))
    status = 400 if request.method == "POST" else 200
    return _page(
        request, "account_part.html", _part_context(part, form), member=member, status=status
    )


def _part_after(part: str) -> str:
    keys = Contribution.SECTION_KEYS
    index = keys.index(part)
    if index + 1 < len(keys):
        return reverse("family-account-part", kwargs={"part": keys[index + 1]})
    return reverse("family-account-check")


def _part_context(part: str, form) -> dict:
    keys = Contribution.SECTION_KEYS
    index = keys.index(part)
    _key, heading, prompt = Contribution.SECTIONS[index]
    back = (
        reverse("family-account-part", kwargs={"part": keys[index - 1]})
        if index
        else reverse("family-account")
    )
    return {
        "form": form,
        "heading": heading,
        "prompt": prompt,
        "number": index + 1,
        "count": len(keys),
        "back_url": back,
        "limit": Contribution.MAX_SECTION_CHARS,
        "limit_text": f"{Contribution.MAX_SECTION_CHARS:,}",
    }


@family_page
def account_check(request, member):
    draft, closed = _draft(member)
    if draft is None:
        status = 400 if request.method == "POST" else 200
        return _page(request, "closed.html", {"closed": closed}, member=member, status=status)
    error = ""
    if request.method == "POST":
        try:
            services.contribution_send(contribution=draft)
        except ReviewError as refused:
            error = refused.message
        else:
            return redirect("family-account-sent")
    rows = [
        {
            "key": key,
            "heading": heading,
            "text": draft.parts.get(key, "").strip(),
            "url": reverse("family-account-part", kwargs={"part": key}),
        }
        for key, heading, _prompt in Contribution.SECTIONS
    ]
    context = {"rows": rows, "error": error}
    return _page(
        request, "account_check.html", context, member=member, status=400 if error else 200
    )


@family_page
def account_sent(request, member):
    return _page(request, "account_sent.html", member=member)


@family_page
def document(request, member, pk):
    shared = access.document_for(member, pk)
    services.document_read_by_member(document=shared, member=member)
    form = forms.CommentForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            concerns = services.comment_add(
                document=shared, member=member, text=form.cleaned_data["text"]
            )
        except ReviewError as error:
            form.add_error("text", error.message)
        else:
            _remember_concerns(request, concerns)
            messages.success(request, _("Thank you. Your comment has been sent to the reviewer."))
            return redirect("family-document", pk=shared.pk)
    context = {
        "document": shared,
        "form": form,
        "takes_comments": shared.takes_comments() and not member.has_withdrawn(),
        "comments": access.own_comments(member, shared),
    }
    status = 400 if request.method == "POST" else 200
    return _page(request, "document.html", context, member=member, status=status)


@family_page
def consent(request, member):
    form = forms.ConsentForm(_posted(request), initial={"choice": member.quote_consent})
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_set(member=member, choice=form.cleaned_data["choice"])
        except ReviewError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Thank you. We have saved how we may use your words."))
            return redirect("family-home")
    status = 400 if request.method == "POST" else 200
    return _page(request, "consent.html", {"form": form}, member=member, status=status)


@family_page
def withdraw(request, member):
    if request.method == "POST":
        if not member.has_withdrawn():
            services.member_withdraw(member=member)
        return redirect("family-withdraw")
    template = "withdrawn.html" if member.has_withdrawn() else "withdraw.html"
    return _page(request, template, {"review": member.review}, member=member)


# Pages anyone can open


@family_open_page
def help_page(request):
    return _page(request, "help.html", member=access.signed_in_member(request))


@family_open_page
def new_link(request):
    form = forms.NewLinkForm(_posted(request))
    if request.method != "POST":
        return _page(request, "new_link.html", {"form": form})
    if _too_many(request, "new-link", NEW_LINK_TRIES):
        return _page(request, "too_many.html", status=429)
    if not form.is_valid():
        return _page(request, "new_link.html", {"form": form}, status=400)
    email = form.cleaned_data["email"].strip().lower()
    # Too many asks for one address are dropped quietly: the answer must not say it is known.
    if not _too_many(request, "new-link-email", NEW_LINK_TRIES_PER_EMAIL, value=email):
        services.new_link_by_email(email=email)
    return _page(request, "new_link_sent.html")


@family_open_page
def signed_out(request):
    return _page(request, "signed_out.html")


@require_POST
@family_open_page
def sign_out(request):
    access.sign_out(request)
    return redirect("family-signed-out")
