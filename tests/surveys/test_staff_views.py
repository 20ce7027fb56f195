"""Staff pages: each checks its role. Anonymous visitors are sent to sign in; signed-in staff
without the role are refused; the right role sees the page."""

import html

import pytest
from django.core import mail

from surveys.models import CollectionLink, Concern, ConcernAction, Response
from tests.conftest import make_user
from tests.surveys.helpers import answer_all_as_teen, begin, post_page

pytestmark = pytest.mark.django_db


def staff_urls(version_id, link_id, concern_id):
    return {
        "/staff/": None,
        "/staff/surveys/": ["participation officer", "analyst"],
        f"/staff/versions/{version_id}/preview/4-7/": ["participation officer", "analyst"],
        f"/staff/versions/{version_id}/responses/": ["participation officer", "analyst"],
        "/staff/links/": ["participation officer"],
        "/staff/links/new/": ["participation officer"],
        f"/staff/links/{link_id}/": ["participation officer"],
        f"/staff/links/{link_id}/qr.svg": ["participation officer"],
        "/staff/concerns/": ["safeguarding lead"],
        f"/staff/concerns/{concern_id}/": ["safeguarding lead"],
    }


@pytest.fixture
def concern(client, demo_link, django_capture_on_commit_callbacks):
    begin(client, "12-17")
    post_page(client, "s-1", {"feel-today": "1"})
    post_page(client, "s-2", {"safe-home": "no"})
    with django_capture_on_commit_callbacks(execute=True):
        post_page(client, "s-2", {"safe-home": "no", "unsafe-why": "I want to kill myself"})
    client.cookies.clear()
    return Concern.objects.get()


@pytest.fixture
def urls(demo_link, concern):
    return staff_urls(demo_link.version_id, demo_link.pk, concern.pk)


def test_anonymous_visitors_are_sent_to_sign_in(client, urls):
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/staff/login/?next="), url


def test_outsider_without_a_role_is_refused_everywhere(client, outsider, urls):
    client.force_login(outsider)
    for url in urls:
        assert client.get(url).status_code == 403, url


@pytest.mark.parametrize(
    "role", ["participation officer", "safeguarding lead", "analyst", "review coordinator"]
)
def test_each_role_sees_only_its_pages(client, urls, role):
    user = make_user("someone", role)
    if role == "safeguarding lead":
        Concern.objects.update(lead=user)
    client.force_login(user)
    for url, roles in urls.items():
        expected = 200 if roles is None or role in roles else 403
        assert client.get(url).status_code == expected, (role, url)


def test_administrator_sees_every_page(client, admin_user, urls):
    client.force_login(admin_user)
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_a_lead_cannot_see_another_leads_concern(client, concern):
    other_lead = make_user("other-lead", "safeguarding lead")
    client.force_login(other_lead)
    assert client.get(f"/staff/concerns/{concern.pk}/").status_code == 404
    assert "Riverside" not in client.get("/staff/concerns/").content.decode()


def test_concern_page_shows_the_answer_and_only_that_responses_answers(client, concern):
    answer_all_as_teen(client)  # another child's response
    client.post("/s/demo/send/")
    client.force_login(concern.lead)
    page = client.get(f"/staff/concerns/{concern.pk}/").content.decode()
    assert "I want to kill myself" in page
    assert "Self-harm" in page
    assert "More youth clubs open late" not in page


def test_the_lead_is_emailed_without_the_answer_text(concern):
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [concern.lead.email]
    assert f"/staff/concerns/{concern.pk}/" in message.body
    assert "kill" not in message.body


def test_recording_what_was_done_closes_the_concern(client, concern):
    client.force_login(concern.lead)
    response = client.post(
        f"/staff/concerns/{concern.pk}/",
        {
            "what": "Called the youth club lead; child identified and supported.",
            "closes_concern": "on",
        },
    )
    assert response.status_code == 302
    concern.refresh_from_db()
    assert concern.status == Concern.Status.CLOSED and concern.closed_at
    action = ConcernAction.objects.get()
    assert action.recorded_by == concern.lead and action.closes_concern


def test_a_concern_stays_open_until_someone_closes_it(client, concern):
    client.force_login(concern.lead)
    client.post(f"/staff/concerns/{concern.pk}/", {"what": "Left a message for the school."})
    concern.refresh_from_db()
    assert concern.is_open()


def test_closing_without_saying_what_was_done_is_refused(client, concern):
    client.force_login(concern.lead)
    response = client.post(f"/staff/concerns/{concern.pk}/", {"what": "", "closes_concern": "on"})
    assert response.status_code == 400
    assert "Write what was done" in response.content.decode()
    concern.refresh_from_db()
    assert concern.is_open() and not ConcernAction.objects.exists()


def test_officer_creates_a_link_with_cohort_tags_and_gets_a_qr_code(client, officer, demo_link):
    client.force_login(officer)
    lead = demo_link.safeguarding_lead
    response = client.post(
        "/staff/links/new/",
        {
            "version": demo_link.version_id,
            "name": "Oak Primary",
            "setting": "school",
            "opens_at": "2026-01-01T09:00",
            "closes_at": "2027-01-01T09:00",
            "fixed_band": "8-11",
            "safeguarding_lead": lead.pk,
            "cohort_tags_text": "SEND, children in care, SEND",
        },
    )
    link = CollectionLink.objects.get(name="Oak Primary")
    assert response["Location"] == f"/staff/links/{link.pk}/"
    assert link.cohort_tags == ["children in care", "send"]
    assert link.created_by == officer and len(link.slug) >= 8
    detail = client.get(response["Location"]).content.decode()
    assert "<svg" in detail and f"/s/{link.slug}/" in detail
    qr = client.get(f"/staff/links/{link.pk}/qr.svg")
    assert qr["Content-Type"] == "image/svg+xml" and b"<svg" in qr.content


def test_a_link_that_closes_before_it_opens_is_refused(client, officer, demo_link):
    client.force_login(officer)
    response = client.post(
        "/staff/links/new/",
        {
            "version": demo_link.version_id,
            "name": "Backwards",
            "setting": "school",
            "opens_at": "2026-06-01T09:00",
            "closes_at": "2026-05-01T09:00",
            "safeguarding_lead": demo_link.safeguarding_lead.pk,
        },
    )
    assert response.status_code == 400
    assert "closing date must be after the opening date" in response.content.decode()
    assert not CollectionLink.objects.filter(name="Backwards").exists()


def test_preview_shows_every_question_a_band_could_see(client, officer, demo_link):
    client.force_login(officer)
    young = client.get(f"/staff/versions/{demo_link.version_id}/preview/4-7/").content.decode()
    assert "Where do you feel happy and safe?" in young
    assert "How often are you bullied?" not in young
    teen = client.get(f"/staff/versions/{demo_link.version_id}/preview/12-17/?lang=cy")
    assert "Sut wyt ti'n teimlo heddiw?" in html.unescape(teen.content.decode())


def test_monitor_hides_counts_under_five_and_any_that_would_reveal_them(client, analyst, demo_link):
    for band, count in [("12-17", 3), ("8-11", 6), ("18-25", 7)]:
        for _ in range(count):
            begin(client, band)
            client.cookies.clear()
    client.force_login(analyst)
    page = client.get(f"/staff/versions/{demo_link.version_id}/responses/").content.decode()
    assert Response.objects.count() == 16
    assert ">16<" in page and ">7<" in page
    # 3 is small; 6 is hidden too, or 16 - 7 - 6 would give the 3 away.
    assert ">3<" not in page and ">6<" not in page
    assert page.count(">fewer than 5<") == 1
    assert page.count(">hidden<") == 1
