"""Practice review writes: encryption at rest, single-use invitations, lock-out, withdrawal,
retention and concerns. Views are tested separately."""

from datetime import timedelta

import pytest
from cryptography.fernet import Fernet
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.utils import timezone

from engage.models import Contribution, FamilyConcern, FamilyMember, Invitation, ReviewEvent
from engage.reviews import services
from tests.engage.reviews import DOB, invite, make_member, make_review

pytestmark = pytest.mark.django_db

SENTENCE = "Nobody listened when we said the health visitor stopped coming."


def raw_column(table: str, column: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])
        return cursor.fetchone()[0]


@pytest.fixture
def review(coordinator):
    return make_review(coordinator)


@pytest.fixture
def member(review, coordinator):
    return make_member(review, coordinator)


def written(member, text=SENTENCE, key="could_be_better") -> Contribution:
    contribution = services.contribution_draft(member)
    services.contribution_save_part(contribution=contribution, key=key, text=text)
    return contribution


# Encryption at rest


def test_contribution_words_are_stored_encrypted_and_read_back(member):
    contribution = written(member)
    raw = raw_column("engage_contribution", "parts", contribution.pk)
    assert SENTENCE not in raw and "health visitor" not in raw
    assert Contribution.objects.get(pk=contribution.pk).parts["could_be_better"] == SENTENCE


def test_member_name_and_contact_are_stored_encrypted(member):
    assert "sam@example.org" not in raw_column("engage_familymember", "contact_details", member.pk)
    assert "Sam" not in raw_column("engage_familymember", "name", member.pk)
    again = FamilyMember.objects.get(pk=member.pk)
    assert (again.name, again.contact_details) == ("Sam", "sam@example.org")


def test_old_key_still_reads_after_rotation(member, settings):
    contribution = written(member)
    new_key = Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [new_key, *settings.FIELD_ENCRYPTION_KEYS]
    assert Contribution.objects.get(pk=contribution.pk).parts["could_be_better"] == SENTENCE


def test_a_wrong_key_refuses_to_read_rather_than_showing_ciphertext(member, settings):
    contribution = written(member)
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(ImproperlyConfigured, match="cannot be read"):
        Contribution.objects.get(pk=contribution.pk)


def test_a_member_never_shows_their_name_in_logs(member):
    assert "Sam" not in str(member) and "Sam" not in repr(member)


# Invitations


def test_invitation_token_is_long_random_and_stored_only_hashed(member, coordinator):
    invitation, token, _code = invite(member, coordinator)
    assert len(token) >= 43  # 32 random bytes
    assert invitation.token_hash == Invitation.hash_token(token) != token
    assert services.invitation_for_token(token) == invitation


def test_a_new_invitation_revokes_the_one_still_waiting(member, coordinator):
    first, _t, _c = invite(member, coordinator)
    second, _t, _c = invite(member, coordinator)
    first.refresh_from_db()
    assert first.status() == "revoked" and second.status() == "waiting"


def test_an_invitation_is_exchanged_only_once(member, coordinator):
    invitation, _token, _code = invite(member, coordinator)
    services.invitation_exchange(invitation=invitation)
    with pytest.raises(services.ReviewError, match="already been used"):
        services.invitation_exchange(invitation=invitation)
    assert ReviewEvent.objects.filter(action=ReviewEvent.Action.SIGNED_IN).count() == 1


def test_an_expired_invitation_cannot_be_exchanged(member, coordinator):
    invitation, _token, _code = invite(member, coordinator)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())
    with pytest.raises(services.ReviewError):
        services.invitation_exchange(invitation=invitation)


def test_access_code_check_ignores_case_spaces_and_dashes(member, coordinator):
    invitation, _token, code = invite(member, coordinator, second_factor="access_code")
    spaced = f"{code[:4].lower()} - {code[4:]}"
    assert services.invitation_check(invitation=invitation, answer=spaced)


def test_date_of_birth_check(member, coordinator):
    invitation, _t, _c = invite(member, coordinator, "date_of_birth", date_of_birth=DOB)
    assert not services.invitation_check(invitation=invitation, answer="1985-01-06")
    assert services.invitation_check(invitation=invitation, answer="1985-06-01")


def test_wrong_answers_lock_the_invitation_and_tell_the_coordinator(
    member, coordinator, settings, django_capture_on_commit_callbacks
):
    settings.FAMILY_CHECK_ATTEMPTS = 3
    invitation, _token, code = invite(member, coordinator, second_factor="access_code")
    with django_capture_on_commit_callbacks(execute=True):
        for _attempt in range(3):
            assert not services.invitation_check(invitation=invitation, answer="WRONG123")
    invitation.refresh_from_db()
    assert invitation.status() == "locked"
    assert ReviewEvent.objects.filter(action=ReviewEvent.Action.INVITATION_LOCKED).exists()
    assert [m.to for m in mail.outbox] == [[coordinator.email]]
    assert code not in mail.outbox[0].body
    with pytest.raises(services.ReviewError):
        services.invitation_exchange(invitation=invitation)


def test_a_withdrawn_member_cannot_be_invited(member, coordinator):
    services.member_withdraw(member=member)
    with pytest.raises(services.ReviewError, match="withdrawn"):
        invite(member, coordinator)


def test_new_link_by_email_keeps_the_second_factor_and_revokes_the_old(member, coordinator):
    first, _t, code = invite(member, coordinator, second_factor="access_code")
    services.invitation_exchange(invitation=first)
    services.new_link_by_email(email="  SAM@example.org ")
    fresh = member.invitations.order_by("-created_at").first()
    assert fresh != first and fresh.status() == "waiting"
    assert services.invitation_check(invitation=fresh, answer=code)
    token = mail.outbox[-1].body.split("/r/")[1].split("/")[0]
    assert services.invitation_for_token(token) == fresh


def test_new_link_by_email_does_nothing_for_an_unknown_or_revoked_member(member, coordinator):
    invitation, _t, _c = invite(member, coordinator)
    services.new_link_by_email(email="someone@example.org")
    services.invitation_revoke(invitation=invitation, by=coordinator)
    services.new_link_by_email(email="sam@example.org")
    assert mail.outbox == []


def test_a_new_link_for_someone_without_a_check_warns_against_passing_it_on(member, coordinator):
    invite(member, coordinator, second_factor="none")
    services.new_link_by_email(email="sam@example.org")
    body = mail.outbox[-1].body
    assert "Do not pass the link on" in body and "check answer" not in body


def test_a_new_link_is_written_in_the_language_they_use_the_portal_in(member, coordinator):
    invite(member, coordinator, second_factor="access_code")
    member.remember_language("cy")
    services.new_link_by_email(email="sam@example.org")
    email = mail.outbox[-1]
    assert email.subject == "Eich dolen i'r adolygiad"
    assert "Gwnaethoch ofyn am ddolen newydd" in email.body and "ateb gwirio" in email.body
    assert "/r/" in email.body


# Contributions


def test_each_part_is_saved_at_once_and_sending_keeps_it(member):
    contribution = written(member)
    services.contribution_save_part(contribution=contribution, key="about_child", text="Kind.")
    services.contribution_send(contribution=contribution)
    contribution.refresh_from_db()
    assert contribution.is_sent() and contribution.sent_at
    assert contribution.parts == {"could_be_better": SENTENCE, "about_child": "Kind."}


def test_writing_more_after_sending_starts_a_new_account(member):
    sent = written(member)
    services.contribution_send(contribution=sent)
    more = written(member, text="One more thing.", key="anything_else")
    assert more.pk != sent.pk
    sent.refresh_from_db()
    assert sent.parts == {"could_be_better": SENTENCE}


def test_two_pages_opened_before_any_account_existed_write_to_one_account(member):
    first_tab = services.contribution_draft(member)
    second_tab = services.contribution_draft(member)
    services.contribution_save_part(contribution=first_tab, key="about_child", text="Kind.")
    services.contribution_save_part(contribution=second_tab, key="what_helped", text="Nan.")
    account = Contribution.objects.get()
    assert account.parts == {"about_child": "Kind.", "what_helped": "Nan."}
    assert first_tab.pk == second_tab.pk == account.pk


def test_a_page_opened_earlier_does_not_undo_a_part_saved_since(member):
    account = written(member)
    stale_tab = Contribution.objects.get(pk=account.pk)
    services.contribution_save_part(contribution=account, key="about_child", text="Kind.")
    services.contribution_save_part(contribution=stale_tab, key="what_helped", text="Nan.")
    account.refresh_from_db()
    assert account.parts == {
        "could_be_better": SENTENCE,
        "about_child": "Kind.",
        "what_helped": "Nan.",
    }


def test_a_page_opened_before_sending_cannot_change_what_was_sent(member):
    account = written(member)
    stale_tab = Contribution.objects.get(pk=account.pk)
    services.contribution_send(contribution=account)
    with pytest.raises(services.ReviewError, match="has been sent"):
        services.contribution_save_part(contribution=stale_tab, key="about_child", text="x")
    account.refresh_from_db()
    assert account.parts == {"could_be_better": SENTENCE}


def test_an_over_long_part_is_refused_and_nothing_is_stored(member):
    contribution = services.contribution_draft(member)
    with pytest.raises(services.ReviewError, match="too long"):
        services.contribution_save_part(
            contribution=contribution, key="about_child", text="x" * 20_001
        )
    assert not Contribution.objects.exists()


def test_an_unknown_part_is_refused(member):
    with pytest.raises(services.ReviewError):
        services.contribution_save_part(
            contribution=services.contribution_draft(member), key="secret", text="x"
        )


def test_an_empty_account_cannot_be_sent(member):
    with pytest.raises(services.ReviewError, match="at least one part"):
        services.contribution_send(contribution=services.contribution_draft(member))


def test_worrying_words_raise_one_concern_for_the_coordinator(
    member, coordinator, django_capture_on_commit_callbacks
):
    words = "He still hits the baby when he has him at weekends."
    with django_capture_on_commit_callbacks(execute=True):
        contribution = written(member, text=words)
        services.contribution_save_part(
            contribution=contribution, key="could_be_better", text=words
        )
    concern = FamilyConcern.objects.get()
    assert concern.is_open() and concern.words == words and concern.categories
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [coordinator.email]
    assert "hits" not in mail.outbox[0].body


def test_a_concern_closes_only_with_what_was_done(member, coordinator):
    written(member, text="He hits the baby when he is drunk.")
    concern = FamilyConcern.objects.get()
    with pytest.raises(services.ReviewError):
        services.concern_close(concern=concern, what_was_done="  ", by=coordinator)
    services.concern_close(concern=concern, what_was_done="Referred to MASH.", by=coordinator)
    concern.refresh_from_db()
    assert not concern.is_open() and concern.closed_by == coordinator


def test_a_concern_closed_by_someone_else_is_not_overwritten(member, coordinator, admin_user):
    written(member, text="He hits the baby when he is drunk.")
    stale = FamilyConcern.objects.get()
    services.concern_close(
        concern=FamilyConcern.objects.get(), what_was_done="Rang.", by=coordinator
    )
    with pytest.raises(services.ReviewError, match="already recorded"):
        services.concern_close(concern=stale, what_was_done="Also rang.", by=admin_user)
    assert FamilyConcern.objects.get().what_was_done == "Rang."


def test_offline_notes_need_the_members_agreement(member, coordinator):
    with pytest.raises(services.ReviewError, match="agreed"):
        services.contribution_record_offline(
            member=member, source="phone", notes="Call notes", agreed=False, by=coordinator
        )
    assert not Contribution.objects.exists()
    notes = services.contribution_record_offline(
        member=member, source="phone", notes="Call notes", agreed=True, by=coordinator
    )
    assert notes.is_sent() and notes.filled_sections()[0][2] == "Call notes"


# Sharing, withdrawal, retention


def test_sharing_draft_findings_records_that_the_member_was_told(review, member, coordinator):
    services.document_share(
        review=review,
        kind="draft_findings",
        title="Draft findings",
        body="What we found.",
        members=[member],
        comments_until=None,
        by=coordinator,
    )
    member.refresh_from_db()
    assert member.told_before_publication_on == timezone.localdate()


def test_withdrawal_removes_words_and_records_it(review, member, coordinator):
    written(member)
    document = services.document_share(
        review=review,
        kind="draft_findings",
        title="Draft",
        body="Findings",
        members=[member],
        comments_until=None,
        by=coordinator,
    )
    services.comment_add(document=document, member=member, text="Please change page 3.")
    services.member_withdraw(member=member)
    contribution = Contribution.objects.get()
    assert contribution.parts == {} and contribution.removed_because == "withdrawn"
    assert member.comments.get().text == ""
    event = ReviewEvent.objects.get(action=ReviewEvent.Action.WITHDREW)
    assert event.member == member and event.by_member
    with pytest.raises(services.ReviewError, match="withdrawn"):
        services.contribution_draft(member)


def test_a_withdrawn_members_concern_is_kept(member):
    written(member, text="He hits the baby when he is drunk.")
    services.member_withdraw(member=member)
    assert FamilyConcern.objects.get().words == "He hits the baby when he is drunk."


def test_retention_deletes_words_after_the_date_and_records_it(review, member, coordinator):
    written(member)
    written(member, text="He hits the baby when he is drunk.", key="anything_else")
    later = make_review(coordinator, reference="LCSPR-2026-02")
    kept = written(make_member(later, coordinator, email="kim@example.org"))
    review.retention_until = timezone.localdate() - timedelta(days=1)
    review.save()
    assert services.retention_delete_due() == [review]
    assert Contribution.objects.get(review=review).parts == {}
    assert FamilyConcern.objects.get().words == ""
    assert ReviewEvent.objects.filter(
        review=review, action=ReviewEvent.Action.CONTRIBUTIONS_DELETED
    ).exists()
    kept.refresh_from_db()
    assert kept.parts == {"could_be_better": SENTENCE}
    assert services.retention_delete_due() == []  # done once


def test_retention_also_deletes_contact_details_and_ends_every_link(review, member, coordinator):
    invitation, _t, _c = invite(member, coordinator)
    review.retention_until = timezone.localdate() - timedelta(days=1)
    review.save()
    services.retention_delete_due()
    review.refresh_from_db()
    member = FamilyMember.objects.get(pk=member.pk)
    assert (member.name, member.contact_details, member.email_digest) == ("", "", "")
    invitation.refresh_from_db()
    assert not invitation.can_be_used()
    with pytest.raises(services.ReviewError):
        services.member_add(
            review=review,
            by=coordinator,
            name="New",
            relationship="carer",
            contact_by="phone",
            contact_details="0",
        )
    with pytest.raises(services.ReviewError):
        services.contribution_record_offline(
            member=member, source="phone", notes="Notes", agreed=True, by=coordinator
        )


def test_error_reports_never_show_what_a_family_member_posted(client, member, coordinator, rf):
    from django.views.debug import SafeExceptionReporterFilter

    from engage.reviews.access import family_page

    request = rf.post("/family/account/about_child/", {"text": SENTENCE})
    request.session = {}
    family_page(lambda request, member: None)(request)
    shown = SafeExceptionReporterFilter().get_post_parameters(request)
    assert shown["text"] != SENTENCE and set(shown["text"]) == {"*"}


def test_sharing_the_published_report_tells_members_by_email_without_its_words(
    review, member, coordinator, django_capture_on_commit_callbacks
):
    father = services.member_add(
        review=review,
        by=coordinator,
        name="Lee",
        relationship="father",
        contact_by="phone",
        contact_details="07700 900000",
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.document_share(
            review=review,
            kind="published_report",
            title="The report",
            body="Agencies did not share information.",
            members=[member, father],
            comments_until=None,
            by=coordinator,
        )
    assert [m.to for m in mail.outbox] == [["sam@example.org"]]
    assert "published" in mail.outbox[0].body
    assert "Agencies" not in mail.outbox[0].body and "/family/new-link/" in mail.outbox[0].body
    member.refresh_from_db()
    assert member.told_before_publication_on is None  # told at publication, not before


def test_the_published_report_email_is_in_each_members_language(
    review, member, coordinator, django_capture_on_commit_callbacks
):
    brother = make_member(review, coordinator, "sibling", name="Ali", email="ali@example.org")
    brother.remember_language("cy")
    with django_capture_on_commit_callbacks(execute=True):
        services.document_share(
            review=review,
            kind="published_report",
            title="The report",
            body="Agencies did not share information.",
            members=[member, brother],
            comments_until=None,
            by=coordinator,
        )
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects == {
        "sam@example.org": "The review's report has been published",
        "ali@example.org": "Mae adroddiad yr adolygiad wedi'i gyhoeddi",
    }
