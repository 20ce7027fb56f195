"""The demo's practice review and the daily retention command."""

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from engage.models import Contribution, Review, ReviewEvent
from engage.reviews import services
from engage.reviews.demo import DEMO_REFERENCE

pytestmark = pytest.mark.django_db


def load_demo() -> str:
    out = StringIO()
    call_command("load_demo", "--no-answers", stdout=out)
    return out.getvalue()


def family_links(output: str) -> list[str]:
    return re.findall(r"/r/([\w-]+)/", output)


def test_the_demo_prints_a_working_link_for_each_family_member(client):
    output = load_demo()
    tokens = family_links(output)
    assert len(tokens) == 2
    assert re.search(r"access code [A-Z0-9]{8}", output)
    assert Review.objects.get(reference=DEMO_REFERENCE).members.count() == 2
    mother = services.invitation_for_token(tokens[0])
    assert mother.can_be_used() and mother.second_factor == "none"


def test_loading_the_demo_again_replaces_the_links_and_keeps_one_review():
    first = family_links(load_demo())
    second = family_links(load_demo())
    assert Review.objects.filter(reference=DEMO_REFERENCE).count() == 1
    assert not services.invitation_for_token(first[0]).can_be_used()
    assert services.invitation_for_token(second[0]).can_be_used()


def test_retention_command_deletes_only_reviews_past_their_date():
    load_demo()
    review = Review.objects.get(reference=DEMO_REFERENCE)
    member = review.members.first()
    contribution = services.contribution_draft(member)
    services.contribution_save_part(contribution=contribution, key="about_child", text="Kind.")
    out = StringIO()
    call_command("review_retention", stdout=out)
    assert "0 reviews" in out.getvalue()
    assert Contribution.objects.get().parts == {"about_child": "Kind."}
    review.retention_until = timezone.localdate() - timedelta(days=1)
    review.save()
    call_command("review_retention", stdout=out)
    assert f"review {DEMO_REFERENCE}" in out.getvalue()
    assert Contribution.objects.get().parts == {}
    assert review.events.filter(action=ReviewEvent.Action.CONTRIBUTIONS_DELETED).count() == 1
