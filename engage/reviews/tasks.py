"""Emails about practice reviews. None of them carries a family member's words or name."""

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task


def _coordinator_emails(review) -> list[str]:
    from engage.models import ReviewAssignment

    assignments = review.assignments.filter(
        role=ReviewAssignment.Role.COORDINATOR, user__is_active=True
    ).select_related("user")
    return [a.user.email for a in assignments if a.user.email]


@task()
def family_concern_notify(concern_id: int) -> int:
    """Tell the review's coordinators that a family member's words suggest current risk."""
    from engage.models import FamilyConcern

    concern = FamilyConcern.objects.select_related("review").get(pk=concern_id)
    recipients = _coordinator_emails(concern.review)
    if recipients:
        url = settings.SITE_URL + reverse(
            "reviews-concern", kwargs={"pk": concern.review_id, "concern_pk": concern.pk}
        )
        send_mail(
            subject=f"Safeguarding concern raised in review {concern.review.reference}",
            message=(
                "Something a family member wrote in the review portal suggests a child may be "
                f"at risk now.\n\nRead it and record what was done: {url}\n\n"
                "The concern stays open until someone records how it was handled."
            ),
            from_email=None,
            recipient_list=recipients,
        )
    return len(recipients)


@task()
def invitation_locked_notify(invitation_id: int) -> int:
    """Tell the coordinators that an invitation locked after too many wrong answers."""
    from engage.models import Invitation

    invitation = Invitation.objects.select_related("member__review").get(pk=invitation_id)
    review = invitation.member.review
    recipients = _coordinator_emails(review)
    if recipients:
        url = settings.SITE_URL + invitation.member.get_absolute_url()
        send_mail(
            subject=f"An invitation to review {review.reference} has been locked",
            message=(
                "Someone gave the wrong check answer too many times on a family member's "
                "invitation, so it no longer works.\n\n"
                f"Contact the family member the usual way and send a new link if right: {url}"
            ),
            from_email=None,
            recipient_list=recipients,
        )
    return len(recipients)


@task()
def new_link_email(email_digest: str) -> bool:
    """Send a family member the fresh link they asked for, if the address is theirs."""
    from engage.reviews.services import invitation_renew, member_for_new_link

    member = member_for_new_link(email_digest)
    if member is None:
        return False
    token = invitation_renew(member=member)
    link = settings.SITE_URL + reverse("family-invitation", kwargs={"token": token})
    checked = member.invitations.order_by("-created_at").first().has_second_factor()
    with translation.override(member.language):
        if checked:
            not_asked = _(
                "If you did not ask for it, you can ignore this email: nobody can use it "
                "without your check answer."
            )
        else:
            not_asked = _(
                "If you did not ask for it, tell the review coordinator. Do not pass the link "
                "on: anyone who opens it first can read what you have written."
            )
        message = _(
            "You asked for a new link to take part in the review.\n\n%(link)s\n\n"
            "It works once, on one device, for %(days)s days. %(not_asked)s"
        ) % {"link": link, "days": settings.REVIEW_INVITATION_DAYS, "not_asked": not_asked}
        send_mail(
            subject=_("Your link to the review"),
            message=message,
            from_email=None,
            recipient_list=[member.contact_details],
        )
    return True


@task()
def published_report_notify(document_id: int) -> int:
    """Tell each member the report was shared with, by email where that is how they are
    reached and in the language they use the portal in, that it is published and waiting in
    the portal. The email holds none of it."""
    from engage.models import FamilyMember, SharedDocument

    document = SharedDocument.objects.get(pk=document_id)
    members = document.shared_with.filter(
        withdrawn_at=None, contact_by=FamilyMember.ContactBy.EMAIL
    )
    new_link = settings.SITE_URL + reverse("family-new-link")
    sent = 0
    for member in members:
        if not member.contact_details:
            continue
        with translation.override(member.language):
            send_mail(
                subject=_("The review's report has been published"),
                message=_(
                    "The report of the review you took part in has now been published. You can "
                    "read it in the family portal, where it is waiting for you.\n\n"
                    "To open the portal, ask for a new link here: %(new_link)s\n\n"
                    "If you would rather talk about it, contact the review coordinator."
                )
                % {"new_link": new_link},
                from_email=None,
                recipient_list=[member.contact_details],
            )
        sent += 1
    return sent
