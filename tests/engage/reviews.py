"""Plain helpers for practice review tests: a review, its family, invitations, a signed-in
family browser."""

from datetime import date, timedelta

from django.utils import timezone

from engage.models import FamilyMember, Invitation
from engage.reviews import services
from surveys.access import Role
from tests.conftest import make_user


def make_review(by, reference="LCSPR-2026-01", **fields):
    defaults = {
        "working_title": "Private working title",
        "child_pseudonym": "Child J",
        "stage": "contributions_open",
        "reviewer_name": "Dr Ada Reviewer",
        "reviewer_intro": "An independent reviewer who has never worked for local services.",
        "retention_until": timezone.localdate() + timedelta(days=365 * 7),
    }
    return services.review_create(by=by, reference=reference, **{**defaults, **fields})


def make_member(review, by, relationship="mother", name="Sam", email="sam@example.org"):
    return services.member_add(
        review=review,
        by=by,
        name=name,
        relationship=relationship,
        contact_by=FamilyMember.ContactBy.EMAIL,
        contact_details=email,
    )


def invite(member, by, second_factor="none", date_of_birth=None):
    """Returns (invitation, token, access_code)."""
    return services.invitation_create(
        member=member, by=by, second_factor=second_factor, date_of_birth=date_of_birth
    )


def sign_in_family(client, token, answer=None):
    """Follow the link and press Continue, giving the check answer if one is asked."""
    client.get(f"/r/{token}/")
    data = {"answer": answer} if answer is not None else {}
    return client.post("/family/start/", data)


def assigned_reviewer(review, username="rita"):
    user = make_user(username, Role.REVIEW_COORDINATOR)
    services.review_assign(review=review, user=user, role="lead_reviewer", by=None)
    return user


DOB = date(1985, 6, 1)
__all__ = ["Invitation", "DOB"]
