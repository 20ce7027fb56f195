"""The family portal. Sam (mother) is invited to the review and signs in with her link; Pat
(father) is in the same review with his own link and never sees Sam's words, documents or
comments; Val, in another review, sees nothing of this one."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.utils import timezone

from engage.models import (
    Contribution,
    DocumentComment,
    FamilyConcern,
    FamilyMember,
    Invitation,
    ReviewEvent,
)
from engage.reviews import services
from tests.engage.reviews import DOB, invite, make_member, make_review, sign_in_family

pytestmark = pytest.mark.django_db

SENTENCE = "Nobody listened when we said the health visitor stopped coming."
WORRYING = "My partner hits the baby when he is drunk."
STILL_WORKS = "This link does not work now"
SIGNED_IN_PAGES = [
    "/family/",
    "/family/about/",
    "/family/how/",
    "/family/account/",
    "/family/account/about_child/",
    "/family/account/check/",
    "/family/account/sent/",
    "/family/consent/",
    "/family/withdraw/",
]
OPEN_PAGES = ["/family/help/", "/family/new-link/", "/family/signed-out/"]


@pytest.fixture
def review(coordinator):
    return make_review(coordinator)


@pytest.fixture
def sam(review, coordinator):
    return make_member(review, coordinator)


@pytest.fixture
def pat(review, coordinator):
    return make_member(review, coordinator, relationship="father", name="Pat", email="pat@x.org")


@pytest.fixture
def val(coordinator):
    other = make_review(coordinator, reference="LCSPR-2026-02", working_title="Other title")
    return make_member(other, coordinator, name="Val", email="val@example.org")


def signed_in(member, by) -> Client:
    """A new browser signed in as the member, through a fresh link."""
    browser = Client()
    _invitation, token, _code = invite(member, by)
    response = sign_in_family(browser, token)
    assert response.status_code == 302 and response["Location"] == "/family/"
    return browser


def share(review, by, members, **fields):
    defaults = {
        "kind": "draft_findings",
        "title": "What the review found",
        "body": "The services did not share what they knew.",
        "comments_until": None,
    }
    return services.document_share(review=review, by=by, members=members, **{**defaults, **fields})


def write(browser, part, text, **extra):
    return browser.post(f"/family/account/{part}/", {"text": text, **extra})


def text_of(response) -> str:
    return response.content.decode()


# The link and the check


def test_following_the_link_moves_it_into_the_session_and_uses_nothing_up(client, sam, coordinator):
    invitation, token, _code = invite(sam, coordinator)
    response = client.get(f"/r/{token}/")
    assert response.status_code == 302 and response["Location"] == "/family/start/"
    assert response["Referrer-Policy"] == "no-referrer"
    assert "no-store" in response["Cache-Control"]
    invitation.refresh_from_db()
    assert invitation.used_at is None
    welcome = client.get("/family/start/")
    assert "Taking part is your choice" in text_of(welcome) and "Dr Ada Reviewer" in text_of(
        welcome
    )


def test_signing_in_ends_on_the_clean_address_and_no_page_shows_the_token(client, sam, coordinator):
    _invitation, token, _code = invite(sam, coordinator)
    seen = [client.get(f"/r/{token}/", follow=True)]
    seen.append(client.post("/family/start/", follow=True))
    assert seen[-1].request["PATH_INFO"] == "/family/"
    assert "Hello, Sam" in text_of(seen[-1])
    seen += [client.get(url) for url in SIGNED_IN_PAGES + OPEN_PAGES]
    for response in seen:
        assert token not in text_of(response)
        chain = getattr(response, "redirect_chain", [])
        assert all(token not in location for location, _status in chain[1:])
        assert token not in response.get("Location", "")


def test_every_family_page_is_kept_out_of_caches_and_sends_a_referrer_to_this_site_only(
    sam, coordinator, review
):
    """Not "no-referrer" on pages with forms: browsers then send "Origin: null" with the form,
    and the CSRF check refuses it."""
    browser = signed_in(sam, coordinator)
    document = share(review, coordinator, [sam])
    urls = SIGNED_IN_PAGES + OPEN_PAGES + [f"/family/documents/{document.pk}/"]
    for url in urls:
        response = browser.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url
        assert response["Referrer-Policy"] == "same-origin", url
    for response in [Client().get("/family/"), browser.get("/r/unknown/")]:
        assert "no-store" in response["Cache-Control"]
    assert browser.get("/r/unknown/")["Referrer-Policy"] == "no-referrer"


def test_forms_pass_the_csrf_check_from_a_browser_that_sends_its_origin(sam, coordinator):
    browser = Client(enforce_csrf_checks=True)
    _invitation, token, _code = invite(sam, coordinator)
    browser.get(f"/r/{token}/")
    browser.get("/family/start/")
    csrf = browser.cookies["csrftoken"].value
    origin = {"HTTP_ORIGIN": "http://testserver", "HTTP_X_CSRFTOKEN": csrf}
    assert browser.post("/family/start/", **origin)["Location"] == "/family/"
    assert browser.post("/family/sign-out/", **origin)["Location"] == "/family/signed-out/"


@pytest.mark.parametrize("spoil", ["expired", "revoked", "used", "locked", "unknown"])
def test_a_link_that_no_longer_works_gets_one_kind_page_whatever_the_reason(
    client, sam, coordinator, spoil
):
    invitation, token, _code = invite(sam, coordinator)
    now = timezone.now()
    changes = {
        "expired": {"expires_at": now - timedelta(minutes=1)},
        "revoked": {"revoked_at": now},
        "used": {"used_at": now},
        "locked": {"locked_at": now},
        "unknown": {},
    }[spoil]
    Invitation.objects.filter(pk=invitation.pk).update(**changes)
    if spoil == "unknown":
        token = Invitation.new_token()
    response = client.get(f"/r/{token}/")
    assert response.status_code == 404
    assert STILL_WORKS in text_of(response) and "/family/new-link/" in text_of(response)
    assert response["Referrer-Policy"] == "no-referrer"
    baseline = Client().get(f"/r/{Invitation.new_token()}/")
    assert text_of(response) == text_of(baseline)
    assert client.post("/family/start/").status_code == 404
    assert client.get("/family/").status_code == 302


def test_a_link_expired_between_following_it_and_continuing_does_not_sign_in(
    client, sam, coordinator
):
    invitation, token, _code = invite(sam, coordinator)
    client.get(f"/r/{token}/")
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())
    response = client.post("/family/start/")
    assert response.status_code == 404 and STILL_WORKS in text_of(response)
    assert client.get("/family/")["Location"] == "/family/signed-out/"


def test_a_used_link_does_not_work_in_another_browser(sam, coordinator):
    _invitation, token, _code = invite(sam, coordinator)
    first, second = Client(), Client()
    first.get(f"/r/{token}/")
    second.get(f"/r/{token}/")
    assert first.post("/family/start/")["Location"] == "/family/"
    refused = second.post("/family/start/")
    assert refused.status_code == 404 and STILL_WORKS in text_of(refused)
    assert second.get("/family/")["Location"] == "/family/signed-out/"
    again = Client().get(f"/r/{token}/")
    assert again.status_code == 404
    assert first.get("/family/").status_code == 200


def test_the_access_code_is_asked_for_and_a_wrong_one_says_how_many_tries_are_left(
    client, sam, coordinator, settings
):
    settings.FAMILY_CHECK_ATTEMPTS = 5
    invitation, token, code = invite(sam, coordinator, second_factor="access_code")
    client.get(f"/r/{token}/")
    page = text_of(client.get("/family/start/"))
    assert 'name="code"' in page and 'autocomplete="off"' in page
    wrong = client.post("/family/start/", {"code": "WRONG123"})
    assert wrong.status_code == 400
    assert "That access code is not right" in text_of(wrong)
    assert "You can try 4 more times" in text_of(wrong)
    assert client.get("/family/")["Location"] == "/family/signed-out/"
    empty = client.post("/family/start/", {"code": ""})
    assert empty.status_code == 400 and "Enter the access code" in text_of(empty)
    invitation.refresh_from_db()
    assert invitation.failed_checks == 1 and invitation.used_at is None
    typed = f"{code[:4].lower()} {code[4:].lower()}"
    assert client.post("/family/start/", {"code": typed})["Location"] == "/family/"


def test_the_date_of_birth_is_asked_for_in_three_boxes(client, sam, coordinator):
    invitation, token, _code = invite(
        sam, coordinator, second_factor="date_of_birth", date_of_birth=DOB
    )
    client.get(f"/r/{token}/")
    page = text_of(client.get("/family/start/"))
    assert 'name="day"' in page and 'name="month"' in page and 'name="year"' in page
    wrong = client.post("/family/start/", {"day": "2", "month": "6", "year": "1985"})
    assert wrong.status_code == 400
    assert "does not match" in text_of(wrong) and "4 more times" in text_of(wrong)
    not_a_date = client.post("/family/start/", {"day": "31", "month": "2", "year": "1985"})
    assert not_a_date.status_code == 400 and "as numbers" in text_of(not_a_date)
    invitation.refresh_from_db()
    assert invitation.failed_checks == 1
    right = client.post("/family/start/", {"day": "1", "month": "06", "year": "1985"})
    assert right["Location"] == "/family/"


def test_the_date_of_birth_may_also_come_as_one_value(client, sam, coordinator):
    _invitation, token, _code = invite(
        sam, coordinator, second_factor="date_of_birth", date_of_birth=DOB
    )
    assert sign_in_family(client, token, answer="1985-06-02").status_code == 400
    assert client.post("/family/start/", {"answer": DOB.isoformat()})["Location"] == "/family/"


def test_too_many_wrong_answers_lock_the_link_and_tell_the_coordinator(
    client, sam, coordinator, settings, django_capture_on_commit_callbacks
):
    settings.FAMILY_CHECK_ATTEMPTS = 3
    invitation, token, code = invite(sam, coordinator, second_factor="access_code")
    client.get(f"/r/{token}/")
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(2):
            assert client.post("/family/start/", {"code": "WRONG123"}).status_code == 400
        locked = client.post("/family/start/", {"code": "WRONG123"})
    assert locked.status_code == 403
    assert "This link is locked" in text_of(locked)
    assert "coordinator has been told" in text_of(locked)
    invitation.refresh_from_db()
    assert invitation.status() == "locked"
    assert ReviewEvent.objects.filter(action=ReviewEvent.Action.INVITATION_LOCKED).count() == 1
    assert [message.to for message in mail.outbox] == [[coordinator.email]]
    assert client.post("/family/start/", {"code": code}).status_code == 403
    assert client.get("/family/")["Location"] == "/family/signed-out/"
    assert Client().get(f"/r/{token}/").status_code == 404


def test_many_links_tried_from_one_address_are_slowed_down(client):
    for _ in range(20):
        assert client.get(f"/r/{Invitation.new_token()}/").status_code == 404
    slowed = client.get(f"/r/{Invitation.new_token()}/")
    assert slowed.status_code == 429 and "Please wait" in text_of(slowed)
    assert Client(REMOTE_ADDR="10.0.0.2").get("/r/x/").status_code == 404


def test_many_check_answers_from_one_address_are_slowed_down(
    client, sam, pat, coordinator, settings
):
    settings.FAMILY_CHECK_ATTEMPTS = 100
    _invitation, token, _code = invite(sam, coordinator, second_factor="access_code")
    client.get(f"/r/{token}/")
    for _ in range(20):
        client.post("/family/start/", {"code": "WRONG123"})
    assert client.post("/family/start/", {"code": "WRONG123"}).status_code == 429


# Who sees what


def test_the_invited_member_sees_their_own_page(sam, pat, review, coordinator):
    browser = signed_in(sam, coordinator)
    page = text_of(browser.get("/family/"))
    assert "Hello, Sam" in page and "Dr Ada Reviewer" in page
    assert "You are here" in page and "Family contributions open" in page
    assert "The reviewer shares what they found" in page  # what happens next
    assert "Pat" not in page
    for url in SIGNED_IN_PAGES + OPEN_PAGES:
        assert review.working_title not in text_of(browser.get(url)), url


def test_another_member_of_the_family_cannot_read_what_sam_wrote(sam, pat, coordinator):
    sam_browser = signed_in(sam, coordinator)
    write(sam_browser, "could_be_better", SENTENCE)
    sam_browser.post("/family/account/check/")
    write(sam_browser, "about_child", "She loved the swings.")
    pat_browser = signed_in(pat, coordinator)
    for url in SIGNED_IN_PAGES:
        page = text_of(pat_browser.get(url))
        assert SENTENCE not in page and "swings" not in page and "Hello, Sam" not in page, url
    draft = text_of(pat_browser.get("/family/account/about_child/"))
    assert "swings" not in draft
    assert SENTENCE in text_of(sam_browser.get("/family/account/"))


def test_documents_are_seen_only_by_the_members_they_are_shared_with(sam, pat, review, coordinator):
    only_sam = share(review, coordinator, [sam], title="Draft for Sam")
    both = share(review, coordinator, [sam, pat], title="Summary for both")
    sam_browser, pat_browser = signed_in(sam, coordinator), signed_in(pat, coordinator)
    assert sam_browser.get(f"/family/documents/{only_sam.pk}/").status_code == 200
    assert pat_browser.get(f"/family/documents/{only_sam.pk}/").status_code == 404
    home = text_of(pat_browser.get("/family/"))
    assert "Summary for both" in home and "Draft for Sam" not in home
    sam_browser.post(f"/family/documents/{both.pk}/", {"text": "Sam's own comment"})
    page = text_of(pat_browser.get(f"/family/documents/{both.pk}/"))
    assert "Summary for both" in page and "own comment" not in page
    pat_browser.post(f"/family/documents/{both.pk}/", {"text": "Pat thinks so too"})
    assert "Pat thinks" not in text_of(sam_browser.get(f"/family/documents/{both.pk}/"))
    assert "own comment" in text_of(sam_browser.get(f"/family/documents/{both.pk}/"))


def test_a_member_of_another_review_sees_nothing_of_this_one(sam, val, review, coordinator):
    document = share(review, coordinator, [sam])
    sam_browser = signed_in(sam, coordinator)
    write(sam_browser, "about_child", SENTENCE)
    val_browser = signed_in(val, coordinator)
    assert val_browser.get(f"/family/documents/{document.pk}/").status_code == 404
    for url in SIGNED_IN_PAGES:
        page = text_of(val_browser.get(url))
        assert SENTENCE not in page and document.title not in page and "Hello, Sam" not in page, url
    assert "Dr Ada Reviewer" in text_of(val_browser.get("/family/"))


def test_nobody_signed_in_is_sent_to_the_signed_out_page(client, sam):
    for url in SIGNED_IN_PAGES + ["/family/documents/1/"]:
        response = client.get(url)
        assert response["Location"] == "/family/signed-out/", url
    for url in OPEN_PAGES:
        assert client.get(url).status_code == 200, url
    assert "You are signed out" in text_of(client.get("/family/signed-out/"))


def test_a_revoked_link_ends_a_visit_already_signed_in(sam, coordinator):
    browser = signed_in(sam, coordinator)
    invitation = sam.invitations.get(used_at__isnull=False)
    services.invitation_revoke(invitation=invitation, by=coordinator)
    assert browser.get("/family/")["Location"] == "/family/signed-out/"
    assert browser.get("/family/account/")["Location"] == "/family/signed-out/"


def test_signing_out_ends_the_visit(sam, coordinator):
    browser = signed_in(sam, coordinator)
    assert browser.get("/family/sign-out/").status_code == 405
    assert browser.post("/family/sign-out/")["Location"] == "/family/signed-out/"
    assert browser.get("/family/")["Location"] == "/family/signed-out/"


# Writing an account


def test_an_account_is_written_over_two_visits_then_sent(sam, coordinator):
    first = signed_in(sam, coordinator)
    saved = write(first, "about_child", "She loved the swings.", later="1")
    assert saved["Location"] == "/family/account/"
    first.post("/family/sign-out/")

    second = signed_in(sam, coordinator)  # a new link in a new browser
    assert "She loved the swings." in text_of(second.get("/family/account/about_child/"))
    assert write(second, "what_helped", "The school nurse.")["Location"] == (
        "/family/account/could_be_better/"
    )
    assert write(second, "anything_else", "Thank you.")["Location"] == "/family/account/check/"
    check = text_of(second.get("/family/account/check/"))
    assert "She loved the swings." in check and "The school nurse." in check
    assert second.post("/family/account/check/")["Location"] == "/family/account/sent/"
    assert "you can add more at any time" in text_of(second.get("/family/account/sent/")).lower()
    sent = Contribution.objects.get()
    assert sent.is_sent() and sent.parts == {
        "about_child": "She loved the swings.",
        "what_helped": "The school nurse.",
        "anything_else": "Thank you.",
    }
    assert ReviewEvent.objects.filter(action=ReviewEvent.Action.CONTRIBUTION_SENT).count() == 1


def test_adding_more_after_sending_starts_a_new_account_and_keeps_the_sent_one(sam, coordinator):
    browser = signed_in(sam, coordinator)
    write(browser, "about_child", SENTENCE)
    browser.post("/family/account/check/")
    sent = Contribution.objects.get()
    overview = text_of(browser.get("/family/account/"))
    assert "Add more" in overview and SENTENCE in overview  # read back what was sent
    assert browser.get("/family/account/about_child/").context["form"]["text"].value() == ""
    write(browser, "about_child", "Something I remembered later.")
    sent.refresh_from_db()
    assert sent.is_sent() and sent.parts == {"about_child": SENTENCE}
    draft = Contribution.objects.exclude(pk=sent.pk).get()
    assert not draft.is_sent() and draft.parts == {"about_child": "Something I remembered later."}


def test_an_over_long_part_is_refused_and_nothing_is_stored(sam, coordinator):
    browser = signed_in(sam, coordinator)
    response = write(browser, "about_child", "a" * 20_001)
    assert response.status_code == 400
    assert "20,001 characters" in text_of(response) and "20,000 or fewer" in text_of(response)
    assert not Contribution.objects.exists()
    assert "up to 20,000 characters" in text_of(browser.get("/family/account/about_child/"))


def test_line_breaks_count_once_as_they_do_on_the_page(sam, coordinator):
    browser = signed_in(sam, coordinator)
    text = "a\r\n" * 6_667  # 20,001 characters as sent, 13,334 as counted
    assert write(browser, "about_child", text).status_code == 302
    assert Contribution.objects.get().parts["about_child"] == text.replace("\r\n", "\n")


def test_an_unknown_part_is_not_found(sam, coordinator):
    browser = signed_in(sam, coordinator)
    assert browser.get("/family/account/my_secrets/").status_code == 404
    assert write(browser, "notes", SENTENCE).status_code == 404
    assert not Contribution.objects.exists()


def test_sending_with_nothing_written_says_what_to_do(sam, coordinator):
    browser = signed_in(sam, coordinator)
    refused = browser.post("/family/account/check/")
    assert refused.status_code == 400
    assert "Write something in at least one part" in text_of(refused)
    assert not Contribution.objects.exists()


def test_worrying_words_reach_the_coordinator_and_the_next_page_offers_support(
    sam, coordinator, django_capture_on_commit_callbacks
):
    browser = signed_in(sam, coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        saved = write(browser, "could_be_better", WORRYING)
    concern = FamilyConcern.objects.get()
    assert concern.member == sam and concern.words == WORRYING
    assert [message.to for message in mail.outbox] == [[coordinator.email]]
    assert "hits" not in mail.outbox[0].body
    following = text_of(browser.get(saved["Location"]))
    assert "we have let the review coordinator know" in following.lower()
    assert "because you may have told us a child is at risk now" in following
    assert "116 123" in following
    assert "at risk now" not in text_of(browser.get(saved["Location"]))


def test_a_worrying_comment_offers_support_too(sam, review, coordinator):
    document = share(review, coordinator, [sam])
    browser = signed_in(sam, coordinator)
    response = browser.post(f"/family/documents/{document.pk}/", {"text": WORRYING}, follow=True)
    assert "child is at risk now" in text_of(response)
    assert FamilyConcern.objects.count() == 1


def test_once_the_report_is_published_nothing_more_can_be_written(sam, review, coordinator):
    browser = signed_in(sam, coordinator)
    write(browser, "about_child", SENTENCE)
    browser.post("/family/account/check/")
    services.review_set_stage(
        review=review, stage="published", on_date=timezone.localdate(), by=coordinator
    )
    home = text_of(browser.get("/family/"))
    assert "The review has finished" in home and "You are here" in home
    account = text_of(browser.get("/family/account/"))
    assert "The review has finished" in account and SENTENCE in account
    refused = write(browser, "about_child", "More")
    assert refused.status_code == 400 and "The review has finished" in text_of(refused)
    assert browser.post("/family/account/check/").status_code == 400
    assert Contribution.objects.count() == 1


def test_a_signed_in_member_coming_back_to_the_start_goes_to_their_page(sam, coordinator):
    browser = signed_in(sam, coordinator)
    assert browser.get("/family/start/")["Location"] == "/family/"


# Documents and comments


def test_reading_a_shared_document_is_recorded_once_and_a_comment_is_kept(sam, review, coordinator):
    document = share(review, coordinator, [sam])
    browser = signed_in(sam, coordinator)
    page = text_of(browser.get(f"/family/documents/{document.pk}/"))
    assert "did not share what they knew" in page and 'name="text"' in page
    browser.get(f"/family/documents/{document.pk}/")
    reads = ReviewEvent.objects.filter(action=ReviewEvent.Action.DOCUMENT_READ)
    assert reads.count() == 1 and reads.get().member == sam
    sent = browser.post(f"/family/documents/{document.pk}/", {"text": "This is fair."})
    assert sent["Location"] == f"/family/documents/{document.pk}/"
    assert DocumentComment.objects.get().text == "This is fair."


def test_a_tampered_document_id_is_not_found(sam, val, coordinator):
    theirs = share(val.review, coordinator, [val])
    browser = signed_in(sam, coordinator)
    assert browser.get(f"/family/documents/{theirs.pk}/").status_code == 404
    assert browser.get(f"/family/documents/{theirs.pk + 1000}/").status_code == 404


def test_a_comment_on_a_document_not_shared_with_you_is_not_found_and_not_stored(
    sam, pat, review, coordinator
):
    only_sam = share(review, coordinator, [sam])
    browser = signed_in(pat, coordinator)
    refused = browser.post(f"/family/documents/{only_sam.pk}/", {"text": "Let me in"})
    assert refused.status_code == 404
    assert not DocumentComment.objects.exists()
    assert not ReviewEvent.objects.filter(action=ReviewEvent.Action.DOCUMENT_READ).exists()


def test_an_empty_comment_is_refused(sam, review, coordinator):
    document = share(review, coordinator, [sam])
    browser = signed_in(sam, coordinator)
    refused = browser.post(f"/family/documents/{document.pk}/", {"text": "   "})
    assert refused.status_code == 400 and "Write your comment" in text_of(refused)
    assert not DocumentComment.objects.exists()


def test_comments_close_on_their_date(sam, review, coordinator):
    yesterday = timezone.localdate() - timedelta(days=1)
    document = share(review, coordinator, [sam], comments_until=yesterday)
    browser = signed_in(sam, coordinator)
    assert 'name="text"' not in text_of(browser.get(f"/family/documents/{document.pk}/"))
    refused = browser.post(f"/family/documents/{document.pk}/", {"text": "Late"})
    assert refused.status_code == 400 and "have closed" in text_of(refused)
    assert not DocumentComment.objects.exists()


# Choices


def test_choosing_how_to_take_part(sam, coordinator):
    browser = signed_in(sam, coordinator)
    chosen = browser.post(
        "/family/how/",
        {
            "takes_part_by": "supporter",
            "supporter_name": "Mo from the advocacy service",
            "interpreter_language": "Polish",
            "other_help": "Mornings are better.",
        },
    )
    assert chosen["Location"] == "/family/"
    sam.refresh_from_db()
    assert (sam.takes_part_by, sam.supporter_name) == ("supporter", "Mo from the advocacy service")
    assert (sam.interpreter_language, sam.other_help) == ("Polish", "Mornings are better.")
    browser.post("/family/how/", {"takes_part_by": "phone"})
    sam.refresh_from_db()
    assert (sam.takes_part_by, sam.supporter_name, sam.other_help) == ("phone", "", "")


def test_a_missing_or_made_up_choice_is_refused(sam, coordinator):
    browser = signed_in(sam, coordinator)
    for data in [{}, {"takes_part_by": "carrier_pigeon"}]:
        refused = browser.post("/family/how/", data)
        assert refused.status_code == 400 and "Choose how you would like" in text_of(refused)
    refused = browser.post("/family/consent/", {"choice": "with_my_name"})
    assert refused.status_code == 400 and "Choose how we may use" in text_of(refused)
    sam.refresh_from_db()
    assert sam.takes_part_by == "" and sam.quote_consent == ""


def test_saying_how_words_may_be_used(sam, coordinator):
    browser = signed_in(sam, coordinator)
    assert browser.post("/family/consent/", {"choice": "not_quoted"})["Location"] == "/family/"
    sam.refresh_from_db()
    assert sam.quote_consent == "not_quoted" and sam.consent_given_at is not None
    assert "do not quote my words" in text_of(browser.get("/family/"))


# Withdrawing


def test_withdrawing_removes_the_words_and_is_recorded(
    sam, review, coordinator, django_capture_on_commit_callbacks
):
    browser = signed_in(sam, coordinator)
    write(browser, "about_child", SENTENCE)
    browser.post("/family/account/check/")
    with django_capture_on_commit_callbacks(execute=True):
        write(browser, "could_be_better", WORRYING)
    browser.post("/family/consent/", {"choice": "anonymously"})
    explained = text_of(browser.get("/family/withdraw/"))
    assert "cannot be changed" in explained and "is kept" in explained
    assert browser.post("/family/withdraw/")["Location"] == "/family/withdraw/"
    assert "You have left the review" in text_of(browser.get("/family/withdraw/"))
    for contribution in Contribution.objects.all():
        assert contribution.parts == {} and contribution.removed_at is not None
    assert ReviewEvent.objects.filter(action=ReviewEvent.Action.WITHDREW, member=sam).count() == 1
    assert FamilyConcern.objects.get().words == WORRYING  # a safeguarding record stays
    home = text_of(browser.get("/family/"))
    assert "You have left the review" in home and "You are here" in home
    assert "/family/account/" not in home and SENTENCE not in home
    assert browser.get("/family/account/about_child/").status_code == 200
    assert write(browser, "about_child", "More").status_code == 400
    assert browser.post("/family/consent/", {"choice": "anonymously"}).status_code == 400
    assert browser.post("/family/how/", {"takes_part_by": "phone"}).status_code == 400
    sam.refresh_from_db()
    assert sam.quote_consent == "" and sam.takes_part_by == ""
    assert not Contribution.objects.filter(removed_at=None).exists()


# Pages anyone can open


def test_help_is_there_without_signing_in(client):
    page = text_of(client.get("/family/help/"))
    assert "116 123" in page and "0808 800 5000" in page and "999" in page
    assert "Leave this page quickly" in page


def test_the_signed_in_help_page_names_the_coordinator(sam, coordinator):
    coordinator.first_name, coordinator.last_name = "Cora", "Ordinator"
    coordinator.save()
    browser = signed_in(sam, coordinator)
    page = text_of(browser.get("/family/help/"))
    assert "Cora Ordinator" in page and coordinator.email in page


def test_asking_for_a_new_link_says_the_same_whether_the_address_is_known(client, sam, coordinator):
    invite(sam, coordinator)
    known = client.post("/family/new-link/", {"email": "SAM@example.org "})
    unknown = client.post("/family/new-link/", {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 200
    assert text_of(known) == text_of(unknown)
    assert "If that address is one we know" in text_of(known)
    assert [message.to for message in mail.outbox] == [["sam@example.org"]]
    token = mail.outbox[0].body.split("/r/")[1].split("/")[0]
    assert sign_in_family(Client(), token)["Location"] == "/family/"


def test_a_link_opens_the_portal_in_the_language_the_coordinator_chose(client, sam, coordinator):
    sam.remember_language("cy")
    _invitation, token, _code = invite(sam, coordinator)
    response = client.get(f"/r/{token}/")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "cy"
    assert 'lang="cy"' in client.get("/family/start/").content.decode()


def test_a_language_this_browser_already_chose_stands(client, sam, coordinator):
    sam.remember_language("cy")
    _invitation, token, _code = invite(sam, coordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(f"/r/{token}/")
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    assert 'lang="en"' in client.get("/family/start/").content.decode()


def test_the_language_they_read_the_portal_in_is_kept_for_emails(sam, coordinator):
    browser = signed_in(sam, coordinator)
    browser.post("/i18n/setlang/", {"language": "cy", "next": "/family/"})
    browser.get("/family/")
    sam.refresh_from_db()
    assert sam.language == "cy"


def test_new_links_for_one_address_are_limited_quietly(client, sam, coordinator):
    invite(sam, coordinator)
    for _ in range(5):
        response = client.post("/family/new-link/", {"email": "sam@example.org"})
        assert response.status_code == 200 and "If that address" in text_of(response)
    assert len(mail.outbox) == 3


def test_a_malformed_email_address_is_refused(client):
    refused = client.post("/family/new-link/", {"email": "not an address"})
    assert refused.status_code == 400 and "like name@example.com" in text_of(refused)
    assert mail.outbox == []


def test_every_family_page_has_the_quick_exit_button(sam, coordinator, client):
    browser = signed_in(sam, coordinator)
    for url in SIGNED_IN_PAGES + OPEN_PAGES:
        assert "data-app-exit-button" in text_of(browser.get(url)), url
    assert "data-app-exit-button" in text_of(client.get("/r/unknown/"))


def test_the_family_is_never_shown_the_private_title_or_another_name(sam, pat, coordinator):
    pages = [signed_in(sam, coordinator).get(url) for url in SIGNED_IN_PAGES]
    for response in pages:
        assert "Private working title" not in text_of(response)
        assert "Pat" not in text_of(response)
    assert FamilyMember.objects.count() == 2
