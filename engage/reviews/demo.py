"""A made-up practice review for the demo: two family members and fresh links to try the
portal with. Nothing here is about a real child or family."""

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from engage.models import FamilyMember, Review, ReviewAssignment
from engage.models.reviews import Stage
from engage.reviews import services
from surveys.access import Role
from surveys.demo import DEMO_PASSWORD

DEMO_REFERENCE = "LCSPR-DEMO-01"
DEMO_REVIEWER = ("reviewer", "Rhiannon", "Reviewer")


def _reviewer():
    username, first, last = DEMO_REVIEWER
    user, created = get_user_model().objects.get_or_create(
        username=username,
        defaults={"first_name": first, "last_name": last, "email": f"{username}@example.org"},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    user.groups.add(Group.objects.get_or_create(name=Role.REVIEW_COORDINATOR)[0])
    return user


def load_demo_review(coordinator) -> Review:
    review = Review.objects.filter(reference=DEMO_REFERENCE).first()
    if review:
        return review
    today = timezone.localdate()
    review = services.review_create(
        by=coordinator,
        reference=DEMO_REFERENCE,
        working_title="Demo: infant injury, Riverside (private)",
        child_pseudonym="Child R",
        stage=Stage.CONTRIBUTIONS_OPEN,
        rapid_review_on=today - timedelta(days=120),
        commissioned_on=today - timedelta(days=90),
        contributions_open_on=today - timedelta(days=14),
        reviewer_name="Rhiannon Reviewer",
        reviewer_intro=(
            "Rhiannon is an independent reviewer. She has never worked for the council, the "
            "police or the health services in this area. She will listen to you and write down "
            "what you want the review to know."
        ),
        retention_until=date(today.year + 7, today.month, 1),
    )
    services.review_assign(
        review=review, user=_reviewer(), role=ReviewAssignment.Role.LEAD_REVIEWER, by=coordinator
    )
    for name, relationship, contact_by, contact in [
        ("Jo", FamilyMember.Relationship.MOTHER, FamilyMember.ContactBy.EMAIL, "jo@example.org"),
        ("Alex", FamilyMember.Relationship.FATHER, FamilyMember.ContactBy.PHONE, "07700 900123"),
    ]:
        services.member_add(
            review=review,
            by=coordinator,
            name=name,
            relationship=relationship,
            contact_by=contact_by,
            contact_details=contact,
        )
    return review


def fresh_demo_links(review: Review, coordinator) -> list[tuple[FamilyMember, str, str]]:
    """A new link for each demo member still taking part: (member, token, access code)."""
    links = []
    factors = [FamilyMember.Relationship.MOTHER, FamilyMember.Relationship.FATHER]
    for member in review.members.filter(withdrawn_at=None, relationship__in=factors):
        second = (
            "none" if member.relationship == FamilyMember.Relationship.MOTHER else "access_code"
        )
        _invitation, token, code = services.invitation_create(
            member=member, by=coordinator, second_factor=second
        )
        links.append((member, token, code))
    return links
