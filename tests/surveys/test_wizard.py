"""The respondent wizard: every step saved as it is sent, nothing stored twice, bad input
refused with a clear message."""

import pytest

from surveys.models import Answer, Concern, Response
from tests.surveys.helpers import (
    TEEN_ANSWERS,
    answer_all_as_teen,
    begin,
    check_url,
    page_url,
    post_page,
)

pytestmark = pytest.mark.django_db


def only_response():
    return Response.objects.get()


def test_each_step_is_saved_to_the_database_before_the_next_page(client, demo_link):
    begin(client, "12-17")
    response = post_page(client, "s-1", {"feel-today": "2"})
    assert response["Location"] == page_url("s-2")
    answer = Answer.objects.get(question__key="feel-today")
    assert answer.value == 2
    assert only_response().status == Response.Status.PARTIAL


def test_youngest_band_gets_one_question_per_page(client, demo_link):
    begin(client, "4-7")
    first = client.get(page_url("q-feel-today"))
    assert b"Question 1 of 5" in first.content
    assert first.content.count(b'name="q-feel-today-feel-today"') == 4  # 3 faces + rather not say
    response = post_page(client, "q-feel-today", {"feel-today": "5"})
    assert response["Location"] == page_url("q-safe-home")


def test_older_band_sees_questions_grouped_by_step(client, demo_link):
    begin(client, "12-17")
    assert b"Question 1 of 8" in client.get(page_url("s-1")).content
    post_page(client, "s-1", {"feel-today": "3"})
    page = client.get(page_url("s-2")).content.decode()
    assert "Questions 2 to 3 of 8" in page
    assert 'name="s-2-safe-home"' in page and 'name="s-2-safest-place"' in page


def test_conditional_question_appears_only_after_a_matching_answer(client, demo_link):
    begin(client, "12-17")
    post_page(client, "s-1", {"feel-today": "3"})
    page = client.get(page_url("s-2"))
    assert b"Do you want to tell us why?" not in page.content
    post_page(client, "s-2", {"safe-home": "not-sure"})
    page = client.get(page_url("s-2"))
    assert b"Do you want to tell us why?" in page.content


def test_a_question_revealed_on_the_same_page_is_shown_before_moving_on(client, demo_link):
    begin(client, "12-17")
    post_page(client, "s-1", {"feel-today": "3"})
    response = post_page(client, "s-2", {"safe-home": "no"})
    assert response["Location"] == page_url("s-2")
    page = client.get(page_url("s-2")).content.decode()
    assert "Do you want to tell us why?" in page and 'value="no" checked' in page
    response = post_page(client, "s-2", {"safe-home": "no", "unsafe-why": ""})
    assert response["Location"] == page_url("s-3")


def test_double_submitted_step_stores_nothing_twice(client, demo_link):
    begin(client, "12-17")
    post_page(client, "s-1", {"feel-today": "2"})
    post_page(client, "s-1", {"feel-today": "2"})
    assert Answer.objects.filter(question__key="feel-today").count() == 1
    assert Response.objects.count() == 1


def test_changing_an_answer_replaces_it(client, demo_link):
    begin(client, "12-17")
    post_page(client, "s-1", {"feel-today": "2"})
    post_page(client, "s-1", {"feel-today": "5"})
    assert Answer.objects.get(question__key="feel-today").value == 5


def test_skipping_a_question_records_it_as_seen_and_skipped(client, demo_link):
    begin(client, "12-17")
    post_page(client, "s-1", {})
    answer = Answer.objects.get(question__key="feel-today")
    assert answer.is_skipped()


def test_rather_not_say_is_recorded(client, demo_link):
    begin(client, "12-17")
    post_page(client, "s-1", {"feel-today": "prefer-not-say"})
    answer = Answer.objects.get(question__key="feel-today")
    assert answer.prefer_not_say and answer.value is None


def test_rather_not_say_with_other_choices_is_refused(client, demo_link):
    begin(client, "12-17")
    for step in ["s-1", "s-2"]:
        post_page(client, step, TEEN_ANSWERS[step])
    response = post_page(client, "s-3", {"trusted-adults": ["friend", "prefer-not-say"]})
    assert response.status_code == 200
    assert "on its own, or untick it" in response.content.decode()
    assert not Answer.objects.filter(question__key="trusted-adults").exists()


def test_tampered_choice_is_refused_and_nothing_stored(client, demo_link):
    begin(client, "12-17")
    response = post_page(client, "s-1", {"feel-today": "99"})
    assert response.status_code == 200
    assert "Choose one of the answers on the page." in response.content.decode()
    assert 'class="govuk-error-summary"' in response.content.decode()
    assert not Answer.objects.exists()


def test_over_long_text_is_refused_with_the_limit_and_nothing_stored(client, demo_link):
    answers = dict(TEEN_ANSWERS)
    begin(client, "12-17")
    for step in ["s-1", "s-2", "s-3"]:
        post_page(client, step, answers[step])
    response = post_page(client, "s-4", {"online-safe": "3", "online-app": "x" * 101})
    assert response.status_code == 200
    assert "must be 100 characters or fewer" in response.content.decode()
    assert not Answer.objects.filter(question__key__in=["online-safe", "online-app"]).exists()


def test_a_required_question_left_empty_says_what_to_do(client, demo_link):
    from surveys.models import Question

    Question.objects.filter(key="feel-today").update(required=True)
    begin(client, "12-17")
    response = post_page(client, "s-1", {})
    assert response.status_code == 200
    assert "Answer this question to carry on" in response.content.decode()
    assert not Answer.objects.exists()


def test_posting_a_later_step_before_an_earlier_one_is_refused(client, demo_link):
    begin(client, "12-17")
    response = post_page(client, "s-5", {"one-change": "skip ahead"})
    assert response.status_code == 302
    assert response["Location"] == page_url("s-1")
    assert not Answer.objects.exists()


def test_opening_a_later_step_early_goes_back_to_the_first_unanswered(client, demo_link):
    begin(client, "12-17")
    post_page(client, "s-1", {"feel-today": "3"})
    response = client.get(page_url("s-4"))
    assert response["Location"] == page_url("s-2")


def test_a_step_the_band_does_not_have_is_refused(client, demo_link):
    begin(client, "4-7")
    response = post_page(client, "s-1", {"feel-today": "3"})
    assert response["Location"] == page_url("q-feel-today")
    assert not Answer.objects.exists()


def test_a_forged_management_step_is_refused(client, demo_link):
    begin(client, "12-17")
    response = client.post(
        page_url("s-1"), {"answer_wizard-current_step": "s-3", "s-3-bullied": "often"}
    )
    assert response.status_code == 302
    assert not Answer.objects.exists()


def test_check_page_lists_answers_with_change_links(client, demo_link):
    answer_all_as_teen(client)
    page = client.get(check_url())
    text = page.content.decode()
    assert "Check your answers" in text
    assert "More youth clubs open late" in text
    assert "Someone in my family, A friend" in text
    assert f'href="{page_url("s-3")}"' in text


def test_send_completes_the_response_and_forgets_it_on_this_device(client, demo_link):
    answer_all_as_teen(client)
    response = client.post("/s/demo/send/")
    assert response["Location"] == "/s/demo/thanks/"
    saved = only_response()
    assert saved.status == Response.Status.COMPLETE and saved.completed_at
    assert b"Welcome back" not in client.get("/s/demo/").content


def test_replayed_final_submit_stores_nothing_twice(client, demo_link):
    answer_all_as_teen(client)
    client.post("/s/demo/send/")
    completed_at = only_response().completed_at
    replay = client.post("/s/demo/send/", follow=True)
    assert "already sent" in replay.content.decode()
    assert Response.objects.count() == 1
    assert only_response().completed_at == completed_at
    assert Answer.objects.count() == 8


def test_sending_before_every_page_is_answered_is_refused(client, demo_link):
    begin(client, "12-17")
    post_page(client, "s-1", {"feel-today": "3"})
    response = client.post("/s/demo/send/", follow=True)
    assert "answer or skip every page" in response.content.decode()
    assert only_response().status == Response.Status.PARTIAL


def test_answers_hidden_by_a_changed_path_are_dropped_when_sent(client, demo_link):
    begin(client, "12-17")
    post_page(client, "s-1", {"feel-today": "3"})
    post_page(client, "s-2", {"safe-home": "not-sure"})
    post_page(client, "s-2", {"safe-home": "not-sure", "unsafe-why": "it is noisy"})
    post_page(client, "s-2", {"safe-home": "yes"})  # the why question no longer applies
    for step in ["s-3", "s-4", "s-5"]:
        post_page(client, step, TEEN_ANSWERS[step])
    client.post("/s/demo/send/")
    assert not Answer.objects.filter(question__key="unsafe-why").exists()


def test_worrying_text_shows_help_and_raises_a_concern_for_the_links_lead(client, demo_link):
    begin(client, "12-17")
    post_page(client, "s-1", {"feel-today": "1"})
    post_page(client, "s-2", {"safe-home": "no"})
    response = post_page(
        client, "s-2", {"safe-home": "no", "unsafe-why": "my dad hits me when he is drunk"}
    )
    assert response["Location"] == "/s/demo/help/?next=s-3"
    help_page = client.get(response["Location"]).content.decode()
    assert "0800 1111" in help_page and page_url("s-3") in help_page
    concern = Concern.objects.get()
    assert concern.is_open()
    assert concern.lead == demo_link.safeguarding_lead
    assert "my dad hits me" in concern.text


def test_no_address_or_device_detail_is_stored_with_answers(client, demo_link):
    answer_all_as_teen(client)
    client.post("/s/demo/send/", REMOTE_ADDR="203.0.113.9", HTTP_USER_AGENT="PhoneBrowser/1.0")
    stored = repr(list(Response.objects.values())) + repr(list(Answer.objects.values()))
    assert "203.0.113.9" not in stored and "PhoneBrowser" not in stored
    field_names = {f.name for f in Response._meta.get_fields()}
    assert not field_names & {"ip", "ip_address", "user_agent", "device", "name"}


def test_without_a_started_response_the_wizard_sends_you_to_the_start(client, demo_link):
    response = client.get(page_url("s-1"))
    assert response["Location"] == "/s/demo/"


def test_answer_values_kept_with_the_response_match_the_answers(client, demo_link):
    """Which pages show is worked out from values saved with the response: they must agree."""
    answer_all_as_teen(client)
    response = Response.objects.get()
    stored = dict(response.answers.values_list("question_id", "value"))
    assert response.answer_values() == stored


def test_a_fresh_page_drawn_once_carries_each_browsers_own_working_token(demo_link):
    """The second child to open a page gets the same page with their own CSRF token, and it
    works for their answer."""
    from django.test import Client

    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    pages = []
    for client in (first, second):
        client.get("/s/demo/")
        token = client.cookies["csrftoken"].value
        client.post("/s/demo/begin/", {"band": "12-17", "csrfmiddlewaretoken": token})
        pages.append(client.get(page_url("s-1")).content.decode())
    assert "\x00" not in pages[1]
    token_in_page = pages[1].split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    response = second.post(
        page_url("s-1"),
        {
            "answer_wizard-current_step": "s-1",
            "s-1-feel-today": "4",
            "csrfmiddlewaretoken": token_in_page,
        },
    )
    assert response.status_code == 302
    assert Answer.objects.filter(response__band="12-17", value=4).count() == 1
    from surveys import wizard

    assert len(wizard._fresh_pages) == 1


def test_an_answered_page_is_drawn_with_its_answers_not_from_the_fresh_copy(client, demo_link):
    from django.test import Client

    other = Client()
    begin(other, "12-17")
    other.get(page_url("s-1"))  # draws the fresh copy
    begin(client, "12-17")
    post_page(client, "s-1", {"feel-today": "2"})
    page = client.get(page_url("s-1")).content.decode()
    assert 'value="2" checked' in page


def test_a_message_shows_even_on_a_page_drawn_fresh_before(client, demo_link):
    from django.test import Client

    other = Client()
    begin(other, "12-17")
    other.get(page_url("s-1"))
    begin(client, "12-17")
    client.post(page_url("s-3"), {"answer_wizard-current_step": "s-3"})
    page = client.get(page_url("s-1")).content.decode()
    assert "Please answer the earlier questions first." in page


# The next page in the POST's own response (asked for by the page script)

HERE = {"next_here": "1"}


def post_page_here(client, step, answers):
    from tests.surveys.helpers import MANAGEMENT

    data = {MANAGEMENT: step, **HERE}
    data.update({f"{step}-{key}": value for key, value in answers.items()})
    return client.post(page_url(step), data)


def test_asked_for_it_the_next_page_comes_back_in_the_posts_response(client, demo_link):
    begin(client, "12-17")
    response = post_page_here(client, "s-1", {"feel-today": "2"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Questions 2 to 3 of 8" in page
    assert f'data-page-url="{page_url("s-2")}"' in page
    assert f'action="{page_url("s-2")}"' in page
    # Switching language from it comes back to this page, not the one the answers went to.
    assert f'name="next" type="hidden" value="{page_url("s-2")}"' in page
    assert Answer.objects.get(question__key="feel-today").value == 2


def test_a_page_drawn_in_the_posts_response_can_be_sent_in_its_turn(client, demo_link):
    begin(client, "12-17")
    post_page_here(client, "s-1", {"feel-today": "2"})
    response = post_page_here(client, "s-2", {"safe-home": "yes"})
    assert f'data-page-url="{page_url("s-3")}"' in response.content.decode()
    assert Answer.objects.get(question__key="safe-home").value == "yes"


def test_a_page_with_a_mistake_is_drawn_again_with_its_message_not_the_next_one(client, demo_link):
    begin(client, "12-17")
    response = post_page_here(client, "s-1", {"feel-today": "9"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert f'data-page-url="{page_url("s-1")}"' in page
    assert not Answer.objects.exists()


def test_worrying_text_still_goes_to_help_first_when_the_next_page_is_asked_for(client, demo_link):
    begin(client, "12-17")
    post_page_here(client, "s-1", {"feel-today": "1"})
    post_page_here(client, "s-2", {"safe-home": "no"})
    response = post_page_here(
        client, "s-2", {"safe-home": "no", "unsafe-why": "my dad hits me when he is drunk"}
    )
    assert response["Location"] == "/s/demo/help/?next=s-3"
    assert Concern.objects.get().is_open()


def test_the_last_page_draws_check_your_answers_in_its_response(client, demo_link):
    begin(client, "12-17")
    for step, answers in TEEN_ANSWERS.items():
        response = post_page_here(client, step, answers)
    page = response.content.decode()
    assert "Check your answers" in page and "More youth clubs open late" in page
    assert f'data-page-url="{check_url()}"' in page


def test_sending_draws_thanks_in_its_response_and_forgets_the_response_here(client, demo_link):
    answer_all_as_teen(client)
    response = client.post("/s/demo/send/", HERE)
    assert response.status_code == 200
    assert 'data-page-url="/s/demo/thanks/"' in response.content.decode()
    assert only_response().status == Response.Status.COMPLETE
    assert b"Welcome back" not in client.get("/s/demo/").content
    replay = client.post("/s/demo/send/", HERE, follow=True)
    assert "already sent" in replay.content.decode()
    assert Response.objects.count() == 1


def test_starting_with_the_page_script_draws_the_first_page_in_the_begin_response(
    client, demo_link
):
    response = client.post("/s/demo/begin/", {"band": "12-17", **HERE})

    assert response.status_code == 200
    page = response.content.decode()
    assert "Question 1 of 8" in page
    assert f'data-page-url="{page_url("s-1")}"' in page
    assert f'action="{page_url("s-1")}"' in page
    started = only_response()
    assert started.band == "12-17" and started.status == Response.Status.PARTIAL
    # The browser holds the response it began, so the page drawn can be sent in its turn.
    sent = post_page_here(client, "s-1", {"feel-today": "2"})
    assert f'data-page-url="{page_url("s-2")}"' in sent.content.decode()
    assert Answer.objects.get(question__key="feel-today").response == started


def test_starting_without_the_page_script_still_redirects_to_the_first_page(client, demo_link):
    response = client.post("/s/demo/begin/", {"band": "4-7"})

    assert response.status_code == 302
    assert response["Location"].startswith("/s/demo/answer/")
    assert only_response().band == "4-7"
