"""Staff pages of a practice review, for the people assigned to it. Every page that shows a
family member's details or words records who read it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import IntegrityError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from analysis.concerns import CATEGORIES
from engage.models import Contribution, FamilyConcern, Invitation, SharedDocument
from engage.reviews import access, services
from engage.reviews.access import staff_page
from engage.reviews.forms import (
    AssignForm,
    ConcernCloseForm,
    InviteForm,
    MemberForm,
    RecordForm,
    ReviewForm,
    ShareForm,
    StageForm,
    ToldForm,
)

AUDIT_PAGE_SIZE = 50

# Invitation.status() -> (words, tag colour)
INVITATION_STATUS = {
    "waiting": (gettext_lazy("Waiting to be used"), "blue"),
    "used": (gettext_lazy("Used"), "green"),
    "expired": (gettext_lazy("Expired"), "grey"),
    "revoked": (gettext_lazy("Revoked"), "grey"),
    "locked": (gettext_lazy("Locked after wrong answers"), "red"),
}

REMOVED_BECAUSE = {
    "withdrawn": gettext_lazy("the family member withdrew from the review"),
    "retention": gettext_lazy("the date to keep contributions until had passed"),
}


def _invitation_rows(invitations) -> list[dict]:
    now = timezone.now()
    rows = []
    for invitation in invitations:
        status = invitation.status(now)
        label, colour = INVITATION_STATUS[status]
        rows.append(
            {
                "invitation": invitation,
                "status": status,
                "label": label,
                "colour": colour,
                "can_revoke": status in ("waiting", "used"),
            }
        )
    return rows


def _in_review(queryset, review, pk):
    """One of this review's records; another review's id is not found."""
    return get_object_or_404(queryset, pk=pk, review=review)


# Reviews


@staff_page
def review_list(request):
    reviews = access.reviews_for(request.user).annotate(
        open_concerns=Count(
            "concerns", filter=Q(concerns__status=FamilyConcern.Status.OPEN), distinct=True
        )
    )
    context = {"reviews": reviews, "may_create": access.may_create_reviews(request.user)}
    return render(request, "reviews/staff/list.html", context)


@staff_page
def review_new(request):
    if not access.may_create_reviews(request.user):
        raise PermissionDenied
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            review = services.review_create(by=request.user, **form.review_fields())
        except IntegrityError:  # the same reference, saved a moment earlier
            form.add_error("reference", _("A review with this reference already exists."))
        else:
            messages.success(request, _("Review started. Add the family members next."))
            return redirect(review)
    status = 400 if form.errors else 200
    return render(request, "reviews/staff/new.html", {"form": form}, status=status)


@staff_page
def review_detail(request, pk):
    return _detail_page(request, access.review_for(request.user, pk))


def _detail_page(request, review, *, status=200, stage_form=None, assign_form=None):
    """Everything about the review except family members' words and contact details."""
    members = review.members.prefetch_related("invitations")
    concerns = review.concerns.select_related("member")
    context = {
        "review": review,
        "stages": review.stage_dates(),
        "assignments": review.assignments.select_related("user").order_by("user__username"),
        "members": [(member, _invitation_rows(member.invitations.all()[:1])) for member in members],
        "contributions": review.contributions.select_related("member"),
        "documents": review.documents.annotate(
            members_count=Count("shared_with", distinct=True),
            comments_count=Count("comments", distinct=True),
        ),
        "open_concerns": [concern for concern in concerns if concern.is_open()],
        "handled_concerns": [concern for concern in concerns if not concern.is_open()],
        "stage_form": stage_form
        or StageForm(initial={"stage": review.stage, "on_date": timezone.localdate()}),
        "assign_form": assign_form or AssignForm(),
        "failed_form": stage_form or assign_form,
    }
    return render(request, "reviews/staff/detail.html", context, status=status)


@staff_page
@require_POST
def review_stage(request, pk):
    review = access.review_for(request.user, pk)
    form = StageForm(request.POST)
    if not form.is_valid():
        return _detail_page(request, review, status=400, stage_form=form)
    services.review_set_stage(
        review=review,
        stage=form.cleaned_data["stage"],
        on_date=form.cleaned_data["on_date"],
        by=request.user,
    )
    messages.success(
        request, _("Stage changed to: %(stage)s.") % {"stage": review.get_stage_display()}
    )
    return redirect(review)


@staff_page
@require_POST
def review_assign(request, pk):
    review = access.review_for(request.user, pk)
    form = AssignForm(request.POST)
    if not form.is_valid():
        return _detail_page(request, review, status=400, assign_form=form)
    services.review_assign(review=review, by=request.user, **form.cleaned_data)
    messages.success(request, _("Assigned to the review."))
    return redirect(review)


@staff_page
def review_audit(request, pk):
    """Who did what, newest first."""
    review = access.review_for(request.user, pk)
    events = review.events.select_related("by_user", "member")
    page = Paginator(events, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "review": review,
        "page": page,
        "numbers": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
    }
    return render(request, "reviews/staff/audit.html", context)


# Family members


@staff_page
def member_new(request, pk):
    review = access.review_for(request.user, pk)
    form = MemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        member = services.member_add(review=review, by=request.user, **form.cleaned_data)
        messages.success(request, _("Family member added. You can invite them from this page."))
        return redirect(member)
    status = 400 if form.errors else 200
    context = {"review": review, "form": form}
    return render(request, "reviews/staff/member_new.html", context, status=status)


@staff_page
def member_detail(request, pk, member_pk):
    review = access.review_for(request.user, pk)
    return _member_page(request, review, access.member_for(review, member_pk))


def _member_page(request, review, member, *, status=200, **bound_forms):
    """The member's name and contact details: each showing is recorded."""
    services.member_read_by_staff(member=member, by=request.user)
    context = {
        "review": review,
        "member": member,
        "invitations": _invitation_rows(member.invitations.select_related("created_by")),
        "contributions": member.contributions.all(),
        "invite_form": InviteForm(),
        "record_form": RecordForm(),
        "told_form": ToldForm(initial={"on_date": timezone.localdate()}),
        "failed_form": next(iter(bound_forms.values()), None),
        **bound_forms,
    }
    return render(request, "reviews/staff/member.html", context, status=status)


@staff_page
@require_POST
def member_invite(request, pk, member_pk):
    """The link and any access code are shown on this page once, and never again."""
    review = access.review_for(request.user, pk)
    member = access.member_for(review, member_pk)
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            invitation, token, access_code = services.invitation_create(
                member=member, by=request.user, **form.cleaned_data
            )
        except services.ReviewError as problem:
            form.add_error(None, problem.message)
        else:
            context = {
                "review": review,
                "member": member,
                "invitation": invitation,
                "link": request.build_absolute_uri(reverse("family-invitation", args=[token])),
                "access_code": access_code,
            }
            return render(request, "reviews/staff/invitation.html", context)
    return _member_page(request, review, member, status=400, invite_form=form)


@staff_page
@require_POST
def invitation_revoke(request, pk, invitation_pk):
    review = access.review_for(request.user, pk)
    invitation = get_object_or_404(
        Invitation.objects.select_related("member__review"),
        pk=invitation_pk,
        member__review=review,
    )
    services.invitation_revoke(invitation=invitation, by=request.user)
    messages.success(request, _("The link was revoked. It no longer works."))
    return redirect(invitation.member)


@staff_page
@require_POST
def contribution_record(request, pk, member_pk):
    """Notes of a meeting, call or letter, recorded once the member has agreed to them."""
    review = access.review_for(request.user, pk)
    member = access.member_for(review, member_pk)
    form = RecordForm(request.POST)
    if form.is_valid():
        try:
            services.contribution_record_offline(
                member=member,
                source=form.cleaned_data["source"],
                notes=form.cleaned_data["notes"],
                agreed=form.cleaned_data["agreed"],
                by=request.user,
            )
        except services.ReviewError as problem:
            form.add_error(None, problem.message)
        else:
            messages.success(request, _("Contribution recorded."))
            return redirect(member)
    return _member_page(request, review, member, status=400, record_form=form)


@staff_page
@require_POST
def member_told(request, pk, member_pk):
    review = access.review_for(request.user, pk)
    member = access.member_for(review, member_pk)
    form = ToldForm(request.POST)
    if not form.is_valid():
        return _member_page(request, review, member, status=400, told_form=form)
    services.member_record_told(
        member=member,
        on_date=form.cleaned_data["on_date"],
        how=form.cleaned_data["how"],
        by=request.user,
    )
    messages.success(request, _("Recorded that they were told before publication."))
    return redirect(member)


# Contributions, documents and concerns


@staff_page
def contribution_detail(request, pk, contribution_pk):
    """A contribution's words; every reading is recorded."""
    review = access.review_for(request.user, pk)
    contribution = _in_review(
        Contribution.objects.select_related("member", "recorded_by"), review, contribution_pk
    )
    services.contribution_read_by_staff(contribution=contribution, by=request.user)
    context = {
        "review": review,
        "contribution": contribution,
        "removed_because": REMOVED_BECAUSE.get(
            contribution.removed_because, contribution.removed_because
        ),
    }
    return render(request, "reviews/staff/contribution.html", context)


@staff_page
def document_share(request, pk):
    review = access.review_for(request.user, pk)
    form = ShareForm(request.POST or None, review=review)
    if request.method == "POST" and form.is_valid():
        try:
            document = services.document_share(review=review, by=request.user, **form.cleaned_data)
        except services.ReviewError as problem:
            form.add_error(None, problem.message)
        else:
            messages.success(request, _("Shared. Each family member chosen can read it now."))
            return redirect("reviews-document", pk=review.pk, document_pk=document.pk)
    status = 400 if form.errors else 200
    context = {"review": review, "form": form}
    return render(request, "reviews/staff/share.html", context, status=status)


@staff_page
def document_detail(request, pk, document_pk):
    """The document and family members' comments on it; every reading is recorded."""
    review = access.review_for(request.user, pk)
    document = _in_review(SharedDocument.objects.select_related("shared_by"), review, document_pk)
    services.comments_read_by_staff(document=document, by=request.user)
    context = {
        "review": review,
        "document": document,
        "shared_with": document.shared_with.all(),
        "comments": document.comments.select_related("member"),
    }
    return render(request, "reviews/staff/document.html", context)


@staff_page
def concern_detail(request, pk, concern_pk):
    """The words that raised the concern, and the record of what was done about it."""
    review = access.review_for(request.user, pk)
    concern = _in_review(
        FamilyConcern.objects.select_related("member", "closed_by"), review, concern_pk
    )
    form = ConcernCloseForm(request.POST or None)
    if request.method == "POST":
        if not concern.is_open():
            messages.info(request, _("This concern had already been marked handled."))
            return redirect("reviews-concern", pk=review.pk, concern_pk=concern.pk)
        if form.is_valid():
            try:
                services.concern_close(
                    concern=concern,
                    what_was_done=form.cleaned_data["what_was_done"],
                    by=request.user,
                )
            except services.ReviewError as problem:
                form.add_error("what_was_done", problem.message)
            else:
                messages.success(request, _("The concern is marked handled."))
                return redirect(review)
    services.concern_read_by_staff(concern=concern, by=request.user)
    context = {
        "review": review,
        "concern": concern,
        "categories": [CATEGORIES.get(category, category) for category in concern.categories],
        "form": form,
    }
    status = 400 if form.errors else 200
    return render(request, "reviews/staff/concern.html", context, status=status)
