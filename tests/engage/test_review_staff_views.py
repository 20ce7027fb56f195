"""Staff pages of a practice review. Cora started the review and coordinates it; she sees it all,
and every look at a family member's details or words is recorded. Charlie has no role, Dana
coordinates other reviews but not this one, and Adam the administrator sees a review's contents
only once assigned: all three are refused, and signed-out visitors are sent to sign in."""

import html
from datetime import date, timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from engage.models import (
    Contribution,
    FamilyConcern,
    FamilyMember,
    Invitation,
    Review,
    ReviewAssignment,
    ReviewEvent,
    SharedDocument,
)
from engage.reviews import services
from surveys.access import Role
from tests.conftest import make_user
from tests.engage.reviews import invite, make_member, make_review

pytestmark = pytest.mark.django_db

SENTENCE = "Nobody rang us back after the school nurse asked to meet about his speech."
WORRY = "He hits the baby when he is drunk."
COMMENT = "Page 2 leaves out the night we called the out-of-hours team."


def sent_account(member, text=SENTENCE):
    contribution = services.contribution_draft(member)
    services.contribution_save_part(contribution=contribution, key="could_be_better", text=text)
    services.contribution_send(contribution=contribution)
    return contribution


def raw_column(table: str, column: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def date_parts(prefix: str, day: date) -> dict:
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


@pytest.fixture
def review(coordinator):
    return make_review(coordinator)


@pytest.fixture
def member(review, coordinator):
    return make_member(review, coordinator)


@pytest.fixture
def contribution(member):
    return sent_account(member)


@pytest.fixture
def document(review, member, coordinator):
    document = services.document_share(
        review=review,
        kind=SharedDocument.Kind.DRAFT_FINDINGS,
        title="Draft findings for Child J",
        body="What the review found so far.",
        members=[member],
        comments_until=None,
        by=coordinator,
    )
    services.comment_add(document=document, member=member, text=COMMENT)
    return document


@pytest.fixture
def concern(member):
    draft = services.contribution_draft(member)
    services.contribution_save_part(contribution=draft, key="anything_else", text=WORRY)
    return FamilyConcern.objects.get()


@pytest.fixture
def invitation(member, coordinator):
    return invite(member, coordinator)[0]


@pytest.fixture
def cora(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.fixture
def dana(db):
    """Coordinates reviews, but not this one."""
    return make_user("dana", Role.REVIEW_COORDINATOR)


@pytest.fixture
def other_review(dana):
    return make_review(dana, reference="LCSPR-2026-99", child_pseudonym="Child Q")


def url(name, review, **ids):
    return reverse(name, kwargs={"pk": review.pk, **ids})


@pytest.fixture
def pages(review, member, contribution, document, concern, invitation):
    """Every page about the review, with the method that reaches it."""
    on_member = {"member_pk": member.pk}
    return [
        ("get", url("reviews-detail", review)),
        ("get", url("reviews-audit", review)),
        ("get", url("reviews-member-new", review)),
        ("get", url("reviews-member", review, **on_member)),
        ("get", url("reviews-contribution", review, contribution_pk=contribution.pk)),
        ("get", url("reviews-share", review)),
        ("get", url("reviews-document", review, document_pk=document.pk)),
        ("get", url("reviews-concern", review, concern_pk=concern.pk)),
        ("post", url("reviews-stage", review)),
        ("post", url("reviews-assign", review)),
        ("post", url("reviews-invite", review, **on_member)),
        ("post", url("reviews-record", review, **on_member)),
        ("post", url("reviews-told", review, **on_member)),
        ("post", url("reviews-revoke", review, invitation_pk=invitation.pk)),
    ]


# Who may see what


def test_signed_out_visitors_are_sent_to_sign_in_everywhere(client, pages):
    for method, address in [*pages, ("get", "/staff/reviews/"), ("get", "/staff/reviews/new/")]:
        response = getattr(client, method)(address)
        assert response.status_code == 302, address
        assert response["Location"].startswith("/staff/login/?next="), address


@pytest.mark.parametrize("who", ["outsider", "dana", "admin_user"])
def test_anyone_not_assigned_is_refused_every_page_and_nothing_is_written(
    client, pages, who, request
):
    """Charlie has no role; Dana and Adam hold it but are not assigned to this review."""
    client.force_login(request.getfixturevalue(who))
    events = ReviewEvent.objects.count()
    for method, address in pages:
        assert getattr(client, method)(address).status_code == 403, (who, address)
    assert ReviewEvent.objects.count() == events
    assert Invitation.objects.filter(revoked_at=None).count() == 1


def test_an_outsider_cannot_list_or_start_reviews(client, outsider, officer):
    for user in [outsider, officer]:
        client.force_login(user)
        assert client.get("/staff/reviews/").status_code == 403
        assert client.get("/staff/reviews/new/").status_code == 403
        response = client.post("/staff/reviews/new/", {"reference": "X-1"})
        assert response.status_code == 403
    assert not Review.objects.exists()


def test_post_only_actions_refuse_get(cora, pages):
    for method, address in pages:
        if method == "post":
            assert cora.get(address).status_code == 405, address


def test_every_review_page_is_kept_out_of_caches(cora, pages):
    for method, address in pages:
        if method == "get":
            response = cora.get(address)
            assert response.status_code == 200, address
            assert "no-store" in response["Cache-Control"], address


def test_another_reviews_records_are_not_found_through_this_review(
    cora, review, other_review, dana
):
    stranger = make_member(other_review, dana, email="kim@example.org")
    their_account = sent_account(stranger, text="Another family's words.")
    their_invitation = invite(stranger, dana)[0]
    their_document = services.document_share(
        review=other_review,
        kind="summary",
        title="Summary",
        body="Their summary.",
        members=[stranger],
        comments_until=None,
        by=dana,
    )
    draft = services.contribution_draft(stranger)
    services.contribution_save_part(contribution=draft, key="anything_else", text=WORRY)
    their_concern = FamilyConcern.objects.get(review=other_review)
    on_member = {"member_pk": stranger.pk}
    for address in [
        url("reviews-member", review, **on_member),
        url("reviews-contribution", review, contribution_pk=their_account.pk),
        url("reviews-document", review, document_pk=their_document.pk),
        url("reviews-concern", review, concern_pk=their_concern.pk),
    ]:
        assert cora.get(address).status_code == 404, address
    for address in [
        url("reviews-invite", review, **on_member),
        url("reviews-record", review, **on_member),
        url("reviews-told", review, **on_member),
        url("reviews-revoke", review, invitation_pk=their_invitation.pk),
    ]:
        assert cora.post(address, {"second_factor": "none"}).status_code == 404, address
    their_invitation.refresh_from_db()
    assert their_invitation.status() == "waiting"
    assert not ReviewEvent.objects.filter(review=other_review, by_user__username="cora").exists()


def test_an_administrator_sees_a_review_once_assigned(client, admin_user, review, coordinator):
    services.review_assign(review=review, user=admin_user, role="panel", by=coordinator)
    client.force_login(admin_user)
    assert "Private working title" in page_text(client.get(url("reviews-detail", review)))


def test_staff_home_links_to_reviews_for_coordinators_and_administrators(
    client, coordinator, admin_user, officer
):
    for user, shown in [(coordinator, True), (admin_user, True), (officer, False)]:
        client.force_login(user)
        assert ('href="/staff/reviews/"' in client.get("/staff/").content.decode()) is shown


# The list and starting a review


def test_the_list_shows_assigned_reviews_with_open_concerns(cora, review, concern, other_review):
    response = cora.get("/staff/reviews/")
    page = page_text(response)
    assert response.status_code == 200
    for text in ["LCSPR-2026-01", "Child J", "Private working title", "Family contributions open"]:
        assert text in page
    assert "1 open" in page
    assert "Start a review" in page
    assert "LCSPR-2026-99" not in page


def test_coordinators_and_administrators_see_only_their_own_reviews(
    client, review, dana, admin_user
):
    for user in [dana, admin_user]:
        client.force_login(user)
        page = page_text(client.get("/staff/reviews/"))
        assert "LCSPR-2026-01" not in page and "Private working title" not in page


def new_review_data(**changes):
    data = {
        "reference": "LCSPR-2026-07",
        "working_title": "Infant with a head injury",
        "child_pseudonym": "Child K",
        "stage": "commissioned",
        **date_parts("stage_on", date(2026, 3, 2)),
        "reviewer_name": "Dr Ada Reviewer",
        "reviewer_intro": "Independent.",
        **date_parts("retention_until", date(2033, 3, 2)),
    }
    return {**data, **changes}


def test_the_new_review_form_suggests_keeping_contributions_seven_years(cora):
    response = cora.get("/staff/reviews/new/")
    in_seven_years = timezone.localdate().year + 7
    assert response.status_code == 200
    assert (
        f'name="retention_until_year" type="text" inputmode="numeric" value="{in_seven_years}"'
        in (response.content.decode())
    )


def test_starting_a_review_makes_its_creator_the_coordinator(cora, coordinator):
    response = cora.post("/staff/reviews/new/", new_review_data())
    review = Review.objects.get()
    assert response["Location"] == f"/staff/reviews/{review.pk}/"
    assert (review.reference, review.stage, review.commissioned_on) == (
        "LCSPR-2026-07",
        "commissioned",
        date(2026, 3, 2),
    )
    assert review.retention_until == date(2033, 3, 2)
    assert review.assignments.get().user == coordinator
    assert ReviewEvent.objects.get().action == ReviewEvent.Action.CREATED


def test_a_duplicate_reference_is_refused_and_nothing_is_stored(cora, review):
    response = cora.post("/staff/reviews/new/", new_review_data(reference="lcspr-2026-01"))
    assert response.status_code == 400
    page = page_text(response)
    assert "There is a problem" in page
    assert "A review with the reference lcspr-2026-01 already exists" in page
    assert Review.objects.count() == 1


def test_a_new_review_needs_a_real_date_and_a_retention_date_to_come(cora):
    response = cora.post(
        "/staff/reviews/new/",
        new_review_data(
            stage_on_day="31",
            stage_on_month="2",
            **date_parts("retention_until", timezone.localdate() - timedelta(days=1)),
        ),
    )
    assert response.status_code == 400
    page = page_text(response)
    assert "Enter a real date" in page
    assert "must be in the future" in page
    assert 'href="#id_stage_on"' in page
    assert not Review.objects.exists()


# The review's page


def test_the_review_page_shows_everything_but_words_and_contact_details(
    cora, review, member, contribution, document, concern, invitation
):
    response = cora.get(url("reviews-detail", review))
    assert response.status_code == 200
    page = page_text(response)
    for text in [
        "Private working title",
        "Rapid review",
        "Report published",
        "Current stage",
        "cora",
        "Review coordinator",
        "Mother",
        "Waiting to be used",
        "Written by them here",
        "Draft findings for Child J",
        "Audit log",
    ]:
        assert text in page, text
    assert page.index("open concern about a child's safety") < page.index("Stages")
    assert "govuk-tag--red" in page
    assert url("reviews-concern", review, concern_pk=concern.pk) in page
    assert url("reviews-contribution", review, contribution_pk=contribution.pk) in page
    for secret in [SENTENCE, WORRY, COMMENT, "sam@example.org", "Sam"]:
        assert secret not in page, secret
    assert not ReviewEvent.objects.filter(
        action__in=[ReviewEvent.Action.MEMBER_VIEWED, ReviewEvent.Action.CONTRIBUTION_VIEWED]
    ).exists()


def test_changing_the_stage_records_its_date(cora, review, coordinator):
    response = cora.post(
        url("reviews-stage", review),
        {"stage": "draft_shared", **date_parts("on_date", date(2026, 5, 4))},
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert (review.stage, review.draft_shared_on) == ("draft_shared", date(2026, 5, 4))
    event = ReviewEvent.objects.filter(action=ReviewEvent.Action.STAGE_CHANGED).get()
    assert event.by_user == coordinator


def test_a_stage_without_a_date_is_refused(cora, review):
    response = cora.post(url("reviews-stage", review), {"stage": "published"})
    assert response.status_code == 400
    assert "Enter the date the review reached this stage" in page_text(response)
    review.refresh_from_db()
    assert review.stage == "contributions_open" and review.published_on is None


def test_assigning_a_coordinator_lets_them_in(cora, client, review, dana):
    response = cora.post(url("reviews-assign", review), {"user": dana.pk, "role": "panel"})
    assert response.status_code == 302
    assert review.assignments.get(user=dana).role == ReviewAssignment.Role.PANEL
    client.force_login(dana)
    assert client.get(url("reviews-detail", review)).status_code == 200


def test_only_active_review_staff_can_be_assigned(cora, review, outsider):
    gone = make_user("gone", Role.REVIEW_COORDINATOR, is_active=False)
    for person in [outsider, gone]:
        response = cora.post(url("reviews-assign", review), {"user": person.pk, "role": "panel"})
        assert response.status_code == 400
        assert "Choose an active member of staff" in page_text(response)
    assert review.assignments.count() == 1


# The audit log


def test_the_audit_log_says_who_did_what_newest_first(cora, review, member, contribution):
    cora.get(url("reviews-member", review, member_pk=member.pk))
    response = cora.get(url("reviews-audit", review))
    assert response.status_code == 200
    page = page_text(response)
    assert page.index("Family member's details viewed") < page.index("Contribution sent")
    assert page.index("Contribution sent") < page.index("Review created")
    assert "family member (Mother)" in page and "cora" in page
    assert SENTENCE not in page


def test_the_audit_log_shows_fifty_events_a_page(cora, review, coordinator):
    for number in range(60):
        services.record(
            review, ReviewEvent.Action.STAGE_CHANGED, by_user=coordinator, detail=f"step {number}"
        )
    first = page_text(cora.get(url("reviews-audit", review)))
    assert first.count('<tr class="govuk-table__row">') == 1 + 50
    assert "step 59" in first and "step 10" in first and "step 9<" not in first
    second = page_text(cora.get(url("reviews-audit", review) + "?page=2"))
    assert "step 9<" in second and "Review created" in second
    assert cora.get(url("reviews-audit", review) + "?page=zzz").status_code == 200


# Family members


def test_adding_a_family_member(cora, review, coordinator):
    response = cora.post(
        url("reviews-member-new", review),
        {
            "name": "Jo",
            "relationship": "father",
            "contact_by": "phone",
            "contact_details": "07700 900123",
            "language": "cy",
        },
    )
    member = FamilyMember.objects.get()
    assert response["Location"] == member.get_absolute_url()
    assert (member.name, member.contact_details) == ("Jo", "07700 900123")
    assert member.language == "cy"
    shown = page_text(cora.get(member.get_absolute_url()))
    assert "Portal and emails in</dt>" in shown
    assert '"govuk-summary-list__value">Welsh</dd>' in shown
    assert "07700" not in raw_column("engage_familymember", "contact_details", member.pk)
    assert ReviewEvent.objects.filter(action=ReviewEvent.Action.MEMBER_ADDED).count() == 1


def test_a_family_member_contacted_by_email_needs_a_real_address(cora, review):
    data = {"name": "Jo", "relationship": "father", "contact_by": "email", "language": "en"}
    for details in ["", "jo at example"]:
        response = cora.post(
            url("reviews-member-new", review), {**data, "contact_details": details}
        )
        assert response.status_code == 400
        assert "Enter an email address in the right format" in page_text(response)
    assert not FamilyMember.objects.exists()


def test_the_member_page_shows_their_details_and_records_the_look(
    cora, review, member, coordinator
):
    response = cora.get(url("reviews-member", review, member_pk=member.pk))
    assert response.status_code == 200
    page = page_text(response)
    assert "Sam" in page and "sam@example.org" in page
    event = ReviewEvent.objects.get(action=ReviewEvent.Action.MEMBER_VIEWED)
    assert (event.by_user, event.member) == (coordinator, member)


def test_an_invitation_shows_the_link_and_code_once_and_stores_them_hashed(cora, review, member):
    response = cora.post(
        url("reviews-invite", review, member_pk=member.pk), {"second_factor": "access_code"}
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    page = page_text(response)
    invitation = Invitation.objects.get()
    token = page.split("http://testserver/r/")[1].split("/")[0]
    assert Invitation.hash_token(token) == invitation.token_hash
    assert token not in invitation.token_hash and token not in invitation.second_factor_hash
    assert "send the link and the code by different routes" in page.lower()
    code = page.split('<p class="app-code">')[1].split("</p>")[0].replace(" ", "")
    assert len(code) == services.ACCESS_CODE_LENGTH
    assert services.invitation_check(invitation=invitation, answer=code)
    for event in ReviewEvent.objects.all():
        assert token not in event.detail and code not in event.detail
    assert token not in str(response.cookies) and token not in response.get("Location", "")
    again = page_text(cora.get(url("reviews-member", review, member_pk=member.pk)))
    assert token not in again and code not in again


def test_an_invitation_with_a_date_of_birth(cora, review, member):
    address = url("reviews-invite", review, member_pk=member.pk)
    refused = cora.post(address, {"second_factor": "date_of_birth"})
    assert refused.status_code == 400
    assert "Enter their date of birth" in page_text(refused)
    assert not Invitation.objects.exists()
    response = cora.post(
        address, {"second_factor": "date_of_birth", **date_parts("date_of_birth", date(1985, 6, 1))}
    )
    assert response.status_code == 200
    assert "asked for their date of birth" in page_text(response)
    assert services.invitation_check(invitation=Invitation.objects.get(), answer="1985-06-01")


def test_a_withdrawn_member_cannot_be_invited(cora, review, member):
    services.member_withdraw(member=member)
    response = cora.post(
        url("reviews-invite", review, member_pk=member.pk), {"second_factor": "none"}
    )
    assert response.status_code == 400
    assert "has withdrawn" in page_text(response)
    assert not Invitation.objects.exists()


def test_revoking_a_link(cora, review, member, invitation, coordinator):
    page = cora.get(url("reviews-member", review, member_pk=member.pk)).content.decode()
    assert url("reviews-revoke", review, invitation_pk=invitation.pk) in page
    response = cora.post(url("reviews-revoke", review, invitation_pk=invitation.pk))
    assert response["Location"] == member.get_absolute_url()
    invitation.refresh_from_db()
    assert invitation.status() == "revoked"
    event = ReviewEvent.objects.get(action=ReviewEvent.Action.INVITATION_REVOKED)
    assert event.by_user == coordinator
    assert "Revoked" in page_text(cora.get(response["Location"]))


def test_recording_an_offline_contribution_needs_the_members_agreement(cora, review, member):
    address = url("reviews-record", review, member_pk=member.pk)
    response = cora.post(address, {"source": "meeting", "notes": SENTENCE})
    assert response.status_code == 400
    assert "once the family member has agreed" in page_text(response)
    assert not Contribution.objects.exists()
    assert not ReviewEvent.objects.filter(action=ReviewEvent.Action.CONTRIBUTION_RECORDED).exists()
    response = cora.post(address, {"source": "meeting", "notes": SENTENCE, "agreed": "on"})
    assert response.status_code == 302
    recorded = Contribution.objects.get()
    assert recorded.is_sent() and recorded.agreed_with_member
    assert recorded.filled_sections()[0][2] == SENTENCE


def test_an_offline_contribution_cannot_claim_to_be_from_the_portal(cora, review, member):
    response = cora.post(
        url("reviews-record", review, member_pk=member.pk),
        {"source": "portal", "notes": SENTENCE, "agreed": "on"},
    )
    assert response.status_code == 400
    assert not Contribution.objects.exists()


def test_recording_that_a_member_was_told_before_publication(cora, review, member):
    address = url("reviews-told", review, member_pk=member.pk)
    response = cora.post(address, {"how": "Meeting at home", "on_date_day": "40"})
    assert response.status_code == 400
    assert "Enter a real date" in page_text(response)
    member.refresh_from_db()
    assert member.told_before_publication_on is None
    response = cora.post(
        address, {"how": "Meeting at home", **date_parts("on_date", date(2026, 4, 1))}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.told_before_publication_on, member.told_how) == (
        date(2026, 4, 1),
        "Meeting at home",
    )


# Contributions


def test_reading_a_contribution_shows_its_words_and_records_the_reader(
    cora, review, contribution, coordinator
):
    response = cora.get(url("reviews-contribution", review, contribution_pk=contribution.pk))
    assert response.status_code == 200
    page = page_text(response)
    assert SENTENCE in page and "What could have been better" in page
    event = ReviewEvent.objects.get(action=ReviewEvent.Action.CONTRIBUTION_VIEWED)
    assert (event.by_user, event.member) == (coordinator, contribution.member)
    cora.get(url("reviews-contribution", review, contribution_pk=contribution.pk))
    assert ReviewEvent.objects.filter(action=ReviewEvent.Action.CONTRIBUTION_VIEWED).count() == 2


def test_the_detail_page_never_shows_contribution_text_and_the_database_never_holds_it(
    cora, review, contribution
):
    assert SENTENCE not in page_text(cora.get(url("reviews-detail", review)))
    assert SENTENCE in page_text(
        cora.get(url("reviews-contribution", review, contribution_pk=contribution.pk))
    )
    raw = raw_column("engage_contribution", "parts", contribution.pk)
    assert SENTENCE not in raw and "school nurse" not in raw


def test_a_removed_contribution_says_when_and_why_without_its_words(
    cora, review, member, contribution
):
    services.member_withdraw(member=member)
    response = cora.get(url("reviews-contribution", review, contribution_pk=contribution.pk))
    assert response.status_code == 200
    page = page_text(response)
    today = timezone.localdate()
    assert (
        f"Removed on {today.day} {today:%b} {today.year} because the family member withdrew" in page
    )
    assert SENTENCE not in page


def test_a_draft_is_not_shown_until_the_member_sends_it(cora, review, member):
    draft = services.contribution_draft(member)
    services.contribution_save_part(contribution=draft, key="about_child", text=SENTENCE)
    page = page_text(cora.get(url("reviews-contribution", review, contribution_pk=draft.pk)))
    assert "Not sent yet" in page and SENTENCE not in page


# Documents


def test_sharing_a_document_with_chosen_members(cora, review, member, coordinator):
    gone = make_member(review, coordinator, relationship="father", email="lee@example.org")
    services.member_withdraw(member=gone)
    form = page_text(cora.get(url("reviews-share", review)))
    assert f'value="{member.pk}"' in form and f'value="{gone.pk}"' not in form
    response = cora.post(
        url("reviews-share", review),
        {
            "kind": "summary",
            "title": "Summary of findings",
            "body": "What we found.",
            "members": [member.pk],
            **date_parts("comments_until", timezone.localdate() + timedelta(days=14)),
        },
    )
    document = SharedDocument.objects.get()
    assert response["Location"] == url("reviews-document", review, document_pk=document.pk)
    assert list(document.shared_with.all()) == [member]
    assert "What we found." not in raw_column("engage_shareddocument", "body", document.pk)


def test_sharing_needs_a_member_still_taking_part(cora, review, member, coordinator):
    services.member_withdraw(member=member)
    data = {"kind": "summary", "title": "Summary", "body": "Text", "members": [member.pk]}
    response = cora.post(url("reviews-share", review), data)
    assert response.status_code == 400
    assert "Choose family members who are still taking part" in page_text(response)
    response = cora.post(url("reviews-share", review), {**data, "members": []})
    assert response.status_code == 400
    assert not SharedDocument.objects.exists()


def test_reading_a_documents_comments_is_recorded(cora, review, document, coordinator, member):
    response = cora.get(url("reviews-document", review, document_pk=document.pk))
    assert response.status_code == 200
    page = page_text(response)
    assert "Draft findings for Child J" in page and COMMENT in page and "Mother" in page
    event = ReviewEvent.objects.get(action=ReviewEvent.Action.COMMENTS_VIEWED)
    assert event.by_user == coordinator
    services.member_withdraw(member=member)
    page = page_text(cora.get(url("reviews-document", review, document_pk=document.pk)))
    assert COMMENT not in page and "Removed on" in page


# Concerns


def test_a_concern_shows_its_words_and_records_the_reader(cora, review, concern, coordinator):
    response = cora.get(url("reviews-concern", review, concern_pk=concern.pk))
    assert response.status_code == 200
    page = page_text(response)
    assert WORRY in page and "Open" in page and "Mark handled" in page
    event = ReviewEvent.objects.get(action=ReviewEvent.Action.CONCERN_VIEWED)
    assert (event.by_user, event.member) == (coordinator, concern.member)


def test_a_concern_closes_only_once_what_was_done_is_said(cora, review, concern, coordinator):
    address = url("reviews-concern", review, concern_pk=concern.pk)
    response = cora.post(address, {"what_was_done": "   "})
    assert response.status_code == 400
    assert "Say what was done" in page_text(response)
    concern.refresh_from_db()
    assert concern.is_open()
    response = cora.post(address, {"what_was_done": "Referred to children's social care."})
    assert response["Location"] == review.get_absolute_url()
    concern.refresh_from_db()
    assert not concern.is_open() and concern.closed_by == coordinator
    page = page_text(cora.get(address))
    assert "Referred to children's social care." in page and "Mark handled" not in page
    assert "open concern" not in page_text(cora.get(review.get_absolute_url()))


# The admin


def test_an_administrator_assigns_staff_in_the_admin_and_it_is_recorded(client, review, dana):
    root = make_user("root", is_superuser=True, is_staff=True)
    client.force_login(root)
    assert "Private working title" not in page_text(client.get("/admin/engage/review/"))
    address = f"/admin/engage/review/{review.pk}/change/"
    page = page_text(client.get(address))
    assert "Private working title" not in page and "LCSPR-2026-01" in page
    cora_assignment = review.assignments.get()
    response = client.post(
        address,
        {
            "assignments-TOTAL_FORMS": "2",
            "assignments-INITIAL_FORMS": "1",
            "assignments-MIN_NUM_FORMS": "0",
            "assignments-MAX_NUM_FORMS": "1000",
            "assignments-0-id": cora_assignment.pk,
            "assignments-0-review": review.pk,
            "assignments-0-user": cora_assignment.user_id,
            "assignments-0-role": "coordinator",
            "assignments-1-review": review.pk,
            "assignments-1-user": dana.pk,
            "assignments-1-role": "lead_reviewer",
        },
    )
    assert response.status_code == 302
    assert review.assignments.get(user=dana).role == "lead_reviewer"
    event = ReviewEvent.objects.filter(action=ReviewEvent.Action.STAFF_ASSIGNED).get()
    assert event.by_user == root and event.detail == "dana: Lead reviewer"


def test_removing_someone_in_the_admin_is_recorded(client, review, coordinator, dana):
    services.review_assign(review=review, user=dana, role="panel", by=coordinator)
    root = make_user("root", is_superuser=True, is_staff=True)
    client.force_login(root)
    forms = {"assignments-TOTAL_FORMS": "2", "assignments-INITIAL_FORMS": "2"}
    for index, assignment in enumerate(review.assignments.order_by("pk")):
        prefix = f"assignments-{index}-"
        forms |= {
            prefix + "id": assignment.pk,
            prefix + "user": assignment.user_id,
            prefix + "role": assignment.role,
        }
    forms["assignments-1-DELETE"] = "on"
    response = client.post(f"/admin/engage/review/{review.pk}/change/", forms)
    assert response.status_code == 302
    assert list(review.assignments.values_list("user__username", flat=True)) == ["cora"]
    latest = ReviewEvent.objects.filter(action=ReviewEvent.Action.STAFF_ASSIGNED).first()
    assert (latest.by_user, latest.detail) == (root, "dana: removed")
    client.force_login(dana)
    assert client.get(url("reviews-detail", review)).status_code == 403
