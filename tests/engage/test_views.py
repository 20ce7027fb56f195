"""Live session pages. Olivia (officer) runs a session; phones join at /j/ with the code and
answer the open question; the projector shows counts only once enough have answered, and free
text only once approved. Charlie (no role) and other officers cannot touch the session."""

import re

import pytest
from django.core import mail
from django.http import HttpResponse
from django.test import Client

from engage import access, services
from engage.models import LiveParticipant, LiveSession, LiveTextAnswer
from surveys.models import Answer, Concern, Response
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def live(demo_link, officer, lead):
    demo_link.safeguarding_lead = lead
    demo_link.save()
    return services.session_start(
        version=demo_link.version, band="12-17", link=demo_link, officer=officer
    )


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


def go_to(session: LiveSession, key: str) -> None:
    while session.question.key != key:
        services.session_next_question(session=session)
        session.refresh_from_db()
    services.session_open_question(session=session)


def phone(session):
    """A new phone that has joined the session."""
    browser = Client()
    response = browser.post("/j/", {"code": session.code})
    assert response.status_code == 302
    return browser


def test_joining_with_the_code_lands_on_the_session(client, live):
    response = client.post("/j/", {"code": live.code.lower()[:3] + " " + live.code[3:]})
    assert response["Location"] == f"/j/{live.code}/"
    page = client.get(response["Location"])
    assert "Waiting for the next question" in page.content.decode()
    # Stored with its first answer, not before.
    assert not LiveParticipant.objects.exists() and not Response.objects.exists()


def test_rejoining_from_the_same_phone_keeps_one_participant(client, live):
    go_to(live, "safe-home")
    client.post("/j/", {"code": live.code})
    cookie = client.cookies[access.cookie_name(live.code)].value
    client.post("/j/", {"code": live.code})
    assert client.cookies[access.cookie_name(live.code)].value == cookie
    client.post(f"/j/{live.code}/", {"question": live.question_id, "safe-home": "yes"})
    client.post("/j/", {"code": live.code})
    client.post(f"/j/{live.code}/", {"question": live.question_id, "safe-home": "no"})
    assert LiveParticipant.objects.count() == 1 and Response.objects.count() == 1
    assert list(Answer.objects.values_list("value", flat=True)) == ["no"]


def test_the_first_answer_names_the_stored_participant_in_the_cookie(
    live, django_assert_num_queries
):
    """Later pages then read its answer without looking the participant up."""
    go_to(live, "safe-home")
    browser = phone(live)
    browser.post(f"/j/{live.code}/", {"question": live.question_id, "safe-home": "yes"})
    participant = LiveParticipant.objects.get()
    cookie = browser.cookies[access.cookie_name(live.code)]
    assert cookie["path"] == f"/j/{live.code}/" and cookie["httponly"]
    with django_assert_num_queries(2):  # where the session is, and the saved answer
        page = browser.get(f"/j/{live.code}/?change=1").content.decode()
    assert 'value="yes" checked' in page
    browser.post(f"/j/{live.code}/", {"question": live.question_id, "safe-home": "no"})
    assert LiveParticipant.objects.get() == participant
    assert list(Answer.objects.values_list("value", flat=True)) == ["no"]


def test_a_phone_answers_in_the_language_it_answers_in(live):
    go_to(live, "safe-home")
    browser = phone(live)
    browser.post("/i18n/setlang/", {"language": "cy", "next": f"/j/{live.code}/"})
    browser.post(f"/j/{live.code}/", {"question": live.question_id, "safe-home": "yes"})
    assert Response.objects.get().language == "cy"


def test_a_phone_sees_the_officers_change_at_once(live):
    browser = phone(live)
    assert "Waiting for the next question" in browser.get(f"/j/{live.code}/").content.decode()
    services.session_open_question(session=live)
    page = browser.get(f"/j/{live.code}/").content.decode()
    assert 'name="question"' in page
    services.session_close_question(session=live)
    assert "Waiting for the next question" in browser.get(f"/j/{live.code}/").content.decode()


def test_a_waiting_phones_page_reads_only_where_the_session_is(live, django_assert_num_queries):
    browser = phone(live)
    with django_assert_num_queries(1):
        page = browser.get(f"/j/{live.code}/")
    assert "Waiting for the next question" in page.content.decode()


def test_a_page_drawn_once_for_the_room_carries_each_phones_own_csrf_token(live):
    go_to(live, "safe-home")
    browsers = [Client(enforce_csrf_checks=True) for _ in range(2)]
    for browser in browsers:
        token = CSRF.search(browser.get("/j/").content.decode())[1]
        joined = browser.post("/j/", {"csrfmiddlewaretoken": token, "code": live.code})
        assert joined.status_code == 302
        token = CSRF.search(browser.get(f"/j/{live.code}/").content.decode())[1]
        answer = {"csrfmiddlewaretoken": token, "question": live.question_id, "safe-home": "yes"}
        assert browser.post(f"/j/{live.code}/", answer).status_code == 302
    assert Answer.objects.count() == 2


def test_a_phone_that_joined_before_cookies_named_its_participant_keeps_its_answer(live):
    """Its cookie holds the token alone: it is looked up, and a change replaces the answer."""
    go_to(live, "safe-home")
    browser = phone(live)
    browser.post(f"/j/{live.code}/", {"question": live.question_id, "safe-home": "yes"})
    participant = LiveParticipant.objects.get()
    old = HttpResponse()
    old.set_signed_cookie(
        access.cookie_name(live.code), participant.token, salt="engage.participant"
    )
    browser.cookies = old.cookies
    assert "your answer is saved" in browser.get(f"/j/{live.code}/").content.decode()
    browser.post(f"/j/{live.code}/", {"question": live.question_id, "safe-home": "no"})
    browser.post("/j/", {"code": live.code})
    assert LiveParticipant.objects.count() == 1
    assert list(Answer.objects.values_list("value", flat=True)) == ["no"]


def test_with_the_page_script_joining_draws_the_session_page_in_the_posts_response(client, live):
    go_to(live, "safe-home")
    response = client.post("/j/", {"code": live.code, "next_here": "1"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Do you feel safe at home?" in page
    assert f'data-page-url="/j/{live.code}/"' in page
    assert access.cookie_name(live.code) in response.cookies
    # The cookie it set lets the phone answer on the page it was given.
    answered = client.post(f"/j/{live.code}/", {"question": live.question_id, "safe-home": "no"})
    assert answered.status_code == 302
    assert Answer.objects.get().value == "no"


def test_with_the_page_script_an_answer_draws_the_thank_you_page_in_its_response(live):
    go_to(live, "safe-home")
    browser = phone(live)
    response = browser.post(
        f"/j/{live.code}/", {"question": live.question_id, "safe-home": "yes", "next_here": "1"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "your answer is saved" in page and 'name="safe-home"' not in page
    assert f'data-page-url="/j/{live.code}/"' in page
    assert Answer.objects.get().value == "yes"
    # The participant stored with this first answer is named in the cookie set on the page.
    again = browser.get(f"/j/{live.code}/").content.decode()
    assert "your answer is saved" in again


def test_with_the_page_script_worrying_text_still_goes_to_help_first(live):
    go_to(live, "one-change")
    browser = phone(live)
    response = browser.post(
        f"/j/{live.code}/",
        {"question": live.question_id, "one-change": "I want to kill myself", "next_here": "1"},
    )
    assert response["Location"] == f"/j/{live.code}/help/"
    assert Concern.objects.get().is_open()


def test_a_wrong_code_with_the_page_script_gets_the_same_clear_message(client, live):
    response = client.post("/j/", {"code": "ZZZZZZ", "next_here": "1"})
    assert response.status_code == 400
    assert "couldn&#x27;t find a session with that code" in response.content.decode()


def test_the_qr_address_asks_before_joining(client, live):
    page = client.get(f"/j/{live.code}/")
    assert page.status_code == 200
    assert f'value="{live.code}"' in page.content.decode()
    assert not LiveParticipant.objects.exists()


def test_a_wrong_code_gets_a_clear_message(client, live):
    response = client.post("/j/", {"code": "ZZZ 999"})
    assert response.status_code == 400
    assert "couldn&#x27;t find a session with that code" in response.content.decode()
    assert not Response.objects.exists()


def test_a_malformed_code_gets_a_clear_message(client, live):
    response = client.post("/j/", {"code": "12"})
    assert response.status_code == 400
    assert "The code has 6 letters and numbers" in response.content.decode()


def test_an_ended_session_says_so(client, live):
    services.session_end(session=live)
    response = client.post("/j/", {"code": live.code})
    assert response.status_code == 400
    assert "it may have ended" in response.content.decode()
    assert client.get(f"/j/{live.code}/").status_code == 410


def test_too_many_wrong_codes_are_refused_for_a_while(client, live):
    for _attempt in range(services.JOIN_FAILURES_ALLOWED):
        client.post("/j/", {"code": "ZZZZZZ"})
    response = client.post("/j/", {"code": live.code})
    assert response.status_code == 429
    assert "Too many tries" in response.content.decode()
    assert not LiveParticipant.objects.exists()


def test_a_phone_answers_the_open_question_with_a_plain_form(live):
    go_to(live, "safe-home")
    browser = phone(live)
    page = browser.get(f"/j/{live.code}/").content.decode()
    assert "Do you feel safe at home?" in page
    assert f'name="question" value="{live.question_id}"' in page
    response = browser.post(f"/j/{live.code}/", {"question": live.question_id, "safe-home": "yes"})
    assert response.status_code == 302
    answer = Answer.objects.get()
    assert (answer.question.key, answer.value) == ("safe-home", "yes")
    assert answer.response.version == live.version
    waiting = browser.get(f"/j/{live.code}/").content.decode()
    assert "your answer is saved" in waiting
    assert 'name="safe-home"' not in waiting


def test_resubmitting_stores_one_answer(live):
    go_to(live, "safe-home")
    browser = phone(live)
    for value in ["yes", "yes", "no"]:
        browser.post(f"/j/{live.code}/", {"question": live.question_id, "safe-home": value})
    assert list(Answer.objects.values_list("value", flat=True)) == ["no"]


def test_an_answer_to_a_closed_question_is_refused_with_a_message(live):
    go_to(live, "safe-home")
    browser = phone(live)
    services.session_close_question(session=live)
    response = browser.post(
        f"/j/{live.code}/", {"question": live.question_id, "safe-home": "yes"}, follow=True
    )
    assert "This question is closed, so your answer wasn" in response.content.decode()
    assert not Answer.objects.exists()


def test_an_answer_naming_another_question_is_refused(live):
    go_to(live, "safe-home")
    browser = phone(live)
    other = services.session_questions(live)[0]
    response = browser.post(
        f"/j/{live.code}/", {"question": other.pk, "safe-home": "yes"}, follow=True
    )
    assert "That question has moved on" in response.content.decode()
    assert not Answer.objects.exists()


def test_a_phone_reaches_only_the_session_it_joined(live, demo_link, officer):
    other = services.session_start(
        version=demo_link.version, band="12-17", link=demo_link, officer=officer
    )
    go_to(other, "safe-home")
    browser = phone(live)
    response = browser.post(f"/j/{other.code}/", {"question": other.question_id, "safe-home": "no"})
    assert response.status_code == 200  # asked to join that session first
    assert "Join a live session" in response.content.decode()
    assert not Answer.objects.exists()


def test_a_bad_choice_gets_a_message_and_stores_nothing(live):
    go_to(live, "safe-home")
    browser = phone(live)
    response = browser.post(f"/j/{live.code}/", {"question": live.question_id, "safe-home": "x"})
    assert response.status_code == 400
    assert "Choose one of the answers on the page." in response.content.decode()
    assert not Answer.objects.exists()


def answer_text(live, text):
    browser = phone(live)
    return browser.post(f"/j/{live.code}/", {"question": live.question_id, "one-change": text})


def test_free_text_shows_on_the_projector_only_once_approved(officer_client, live):
    go_to(live, "one-change")
    answer_text(live, "More youth clubs")
    answer_text(live, "Something rude")
    presenter = f"/staff/live/{live.pk}/present/"
    assert "More youth clubs" not in officer_client.get(presenter).content.decode()
    control = officer_client.get(f"/staff/live/{live.pk}/").content.decode()
    assert "More youth clubs" in control and "Something rude" in control
    good, rude = LiveTextAnswer.objects.order_by("pk")
    officer_client.post(f"/staff/live/{live.pk}/texts/{good.pk}/", {"decision": "approve"})
    officer_client.post(f"/staff/live/{live.pk}/texts/{rude.pk}/", {"decision": "reject"})
    wall = officer_client.get(presenter).content.decode()
    assert "More youth clubs" in wall
    assert "Something rude" not in wall
    assert Answer.objects.filter(text="Something rude").exists()


def test_worrying_text_shows_help_and_alerts_the_officer_privately(
    officer_client, live, lead, django_capture_on_commit_callbacks
):
    go_to(live, "one-change")
    with django_capture_on_commit_callbacks(execute=True):
        response = answer_text(live, "I want to kill myself")
    assert response["Location"] == f"/j/{live.code}/help/"
    help_page = Client().get(response["Location"]).content.decode()
    assert "0800 1111" in help_page
    assert Concern.objects.get().lead == lead
    assert [m.to for m in mail.outbox] == [[lead.email]]
    control = officer_client.get(f"/staff/live/{live.pk}/").content.decode()
    assert "Private: a worrying answer" in control
    assert "I want to kill myself" in control
    services.session_show_results(session=live)
    presenter = officer_client.get(f"/staff/live/{live.pk}/present/").content.decode()
    assert "kill myself" not in presenter
    assert "worrying" not in presenter


def test_fewer_answers_than_the_threshold_show_no_numbers(officer_client, live, settings):
    settings.SMALL_NUMBER_THRESHOLD = 5
    go_to(live, "safe-home")
    for _ in range(4):
        phone(live).post(f"/j/{live.code}/", {"question": live.question_id, "safe-home": "yes"})
    page = officer_client.get(f"/staff/live/{live.pk}/present/").content.decode()
    assert "Waiting for more answers." in page
    assert "app-live-chart__count" not in page
    phone(live).post(f"/j/{live.code}/", {"question": live.question_id, "safe-home": "no"})
    page = officer_client.get(f"/staff/live/{live.pk}/present/").content.decode()
    assert "Waiting for more answers." not in page
    assert '<span class="app-live-chart__count">4</span>' in page
    assert '<span class="app-live-chart__count">1</span>' in page


def test_an_officer_starts_a_session_from_a_published_survey(officer_client, demo_link):
    response = officer_client.post(
        "/staff/live/new/", {"version": demo_link.version_id, "band": "8-11", "link": demo_link.pk}
    )
    session = LiveSession.objects.get()
    assert response["Location"] == f"/staff/live/{session.pk}/"
    page = officer_client.get(response["Location"]).content.decode()
    assert session.code in page
    assert "<svg" in page  # the QR code for the join address
    assert f"http://testserver/j/{session.code}/" in page


def test_starting_without_a_place_is_refused_with_a_message(officer_client, demo_link):
    response = officer_client.post(
        "/staff/live/new/", {"version": demo_link.version_id, "band": "8-11"}
    )
    assert response.status_code == 400
    assert not LiveSession.objects.exists()


def test_the_officer_controls_the_pace(officer_client, live):
    url = f"/staff/live/{live.pk}/"
    for action, state in [("open", "open"), ("close", "closed"), ("results", "results")]:
        officer_client.post(f"{url}{action}/")
        live.refresh_from_db()
        assert live.question_state == state
    first = live.question_id
    officer_client.post(f"{url}next/")
    live.refresh_from_db()
    assert (live.question_state, live.question_id != first) == ("waiting", True)
    officer_client.post(f"{url}end/")
    live.refresh_from_db()
    assert not live.is_open()


def test_a_control_that_does_not_fit_gets_a_message(officer_client, live):
    response = officer_client.post(f"/staff/live/{live.pk}/close/", follow=True)
    assert "That can&#x27;t be done to the question now." in response.content.decode()


def test_the_state_addresses_answer_with_a_stamp(client, officer_client, live):
    assert client.get(f"/j/{live.code}/state/").json()["stamp"].startswith("open:")
    assert officer_client.get(f"/staff/live/{live.pk}/state/").json()["stamp"]


def officer_urls(session, text_pk=1):
    return {
        f"/staff/live/{session.pk}/": "get",
        f"/staff/live/{session.pk}/present/": "get",
        f"/staff/live/{session.pk}/state/": "get",
        f"/staff/live/{session.pk}/open/": "post",
        f"/staff/live/{session.pk}/end/": "post",
        f"/staff/live/{session.pk}/texts/{text_pk}/": "post",
    }


@pytest.mark.parametrize("who", ["outsider", "other_officer"])
def test_others_are_refused_every_officer_page_and_action(client, live, outsider, who):
    user = outsider if who == "outsider" else make_user("otto", "participation officer")
    client.force_login(user)
    for url, method in officer_urls(live).items():
        assert getattr(client, method)(url).status_code == 403, url
    live.refresh_from_db()
    assert live.is_open() and live.question_state == "waiting"


def test_a_participant_cannot_use_officer_actions(live):
    browser = phone(live)
    for url, method in officer_urls(live).items():
        response = getattr(browser, method)(url)
        assert response.status_code == 302 and "/staff/login/" in response["Location"], url
    live.refresh_from_db()
    assert live.is_open() and live.question_state == "waiting"


def test_an_administrator_may_control_any_session(client, live, admin_user):
    client.force_login(admin_user)
    assert client.get(f"/staff/live/{live.pk}/").status_code == 200


def test_officers_find_live_sessions_from_the_staff_home(client, officer, analyst):
    client.force_login(officer)
    assert 'href="/staff/live/"' in client.get("/staff/").content.decode()
    client.force_login(analyst)
    assert 'href="/staff/live/"' not in client.get("/staff/").content.decode()
