"""The pages around the survey: choosing an age band, assent, resuming, closed links."""

import html
from datetime import timedelta

import pytest
from django.utils import timezone

from surveys.models import Response, SurveyVersion
from tests.surveys.helpers import begin, page_url, post_page, resume_code

pytestmark = pytest.mark.django_db


def test_start_asks_how_old_you_are_with_a_button_per_band(client, demo_link):
    page = client.get("/s/demo/").content.decode()
    assert "How old are you?" in page
    for band in ["4-7", "8-11", "12-17", "18-25", "adult"]:
        assert f'name="band" value="{band}"' in page


def test_about_page_speaks_to_the_chosen_band(client, demo_link):
    young = html.unescape(client.get("/s/demo/about/?band=4-7").content.decode())
    assert "You don't have to answer." in young
    adult = client.get("/s/demo/about/?band=adult").content.decode()
    assert "parent or carer" in adult


def test_an_unknown_band_is_refused_with_a_message(client, demo_link):
    response = client.get("/s/demo/about/?band=99-100")
    assert response.status_code == 400
    assert "Choose how old you are." in response.content.decode()
    response = client.post("/s/demo/begin/", {"band": "toddler"})
    assert response.status_code == 400
    assert not Response.objects.exists()


def test_a_link_with_a_fixed_band_skips_the_question(client, demo_link):
    demo_link.fixed_band = "8-11"
    demo_link.save()
    assert client.get("/s/demo/")["Location"] == "/s/demo/about/?band=8-11"
    begin(client, "adult")  # a forged band is ignored: the link decides
    assert Response.objects.get().band == "8-11"


def test_beginning_twice_keeps_one_response(client, demo_link):
    begin(client, "12-17")
    begin(client, "12-17")
    assert Response.objects.count() == 1


def test_coming_back_on_the_same_device_offers_to_carry_on(client, demo_link):
    begin(client, "12-17")
    post_page(client, "s-1", {"feel-today": "3"})
    page = client.get("/s/demo/").content.decode()
    assert "Welcome back" in page
    assert client.get("/s/demo/answer/")["Location"] == page_url("s-2")


def test_someone_else_on_the_device_can_start_afresh(client, demo_link):
    begin(client, "12-17")
    client.post("/s/demo/restart/")
    assert "How old are you?" in client.get("/s/demo/").content.decode()
    assert Response.objects.get().status == Response.Status.PARTIAL  # kept as partial


def test_a_resume_code_continues_on_another_device(client, demo_link):
    from django.test import Client

    begin(client, "12-17")
    post_page(client, "s-1", {"feel-today": "3"})
    code = resume_code(client)
    other = Client()
    response = other.post("/s/demo/resume/", {"code": f"{code[:4].lower()} {code[4:]}"})
    assert response["Location"] == "/s/demo/answer/"
    assert other.get("/s/demo/answer/")["Location"] == page_url("s-2")
    page = other.get(page_url("s-1")).content.decode()
    assert 'value="3" checked' in page


def test_saved_page_shows_the_code(client, demo_link):
    begin(client, "12-17")
    code = resume_code(client)
    page = client.get("/s/demo/saved/").content.decode()
    assert f"{code[:4]} {code[4:]}" in page


def test_a_resume_code_that_does_not_exist_says_so(client, demo_link):
    response = client.post("/s/demo/resume/", {"code": "ABCD2345"})
    assert response.status_code == 400
    assert "couldn't find that code" in html.unescape(response.content.decode())


def test_a_malformed_resume_code_says_what_it_looks_like(client, demo_link):
    response = client.post("/s/demo/resume/", {"code": "12"})
    assert response.status_code == 400
    assert "8 letters and numbers" in response.content.decode()


def test_guessing_resume_codes_is_limited(client, demo_link, settings):
    settings.RESUME_ATTEMPTS_PER_HOUR = 3
    for _ in range(3):
        client.post("/s/demo/resume/", {"code": "ABCD2345"})
    response = client.post("/s/demo/resume/", {"code": "ABCD2345"})
    assert response.status_code == 429
    assert "Too many tries" in response.content.decode()


def test_a_sent_response_cannot_be_resumed(client, demo_link):
    from tests.surveys.helpers import answer_all_as_teen

    answer_all_as_teen(client)
    code = resume_code(client)
    client.post("/s/demo/send/")
    response = client.post("/s/demo/resume/", {"code": code})
    assert response.status_code == 400


def test_a_closed_link_says_the_survey_has_closed(client, demo_link):
    demo_link.closes_at = timezone.now() - timedelta(days=1)
    demo_link.save()
    for url in ["/s/demo/", "/s/demo/about/?band=4-7", page_url("s-1")]:
        response = client.get(url)
        assert response.status_code == 410
        assert "This survey has closed" in response.content.decode()
    assert client.post("/s/demo/begin/", {"band": "4-7"}).status_code == 410
    assert not Response.objects.exists()


def test_a_link_not_open_yet_is_refused(client, demo_link):
    demo_link.opens_at = timezone.now() + timedelta(days=1)
    demo_link.save()
    assert client.get("/s/demo/").status_code == 410


def test_an_unpublished_survey_is_not_open(client, demo_link):
    SurveyVersion.objects.update(status=SurveyVersion.Status.DRAFT)
    response = client.post("/s/demo/begin/", {"band": "4-7"})
    assert response.status_code == 404
    assert "isn't open yet" in html.unescape(response.content.decode())
    assert not Response.objects.exists()


def test_an_unknown_link_is_not_found(client, db):
    response = client.get("/s/no-such-link/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_help_page_gives_childline_and_emergency_numbers(client, demo_link):
    page = client.get("/s/demo/help/").content.decode()
    assert "0800 1111" in page and "999" in page and "NSPCC" in page


def test_help_page_ignores_a_tampered_next_step(client, demo_link):
    page = client.get("/s/demo/help/?next=//evil.example").content.decode()
    assert "Carry on with the survey" not in page


def test_every_child_page_has_quick_exit(client, demo_link):
    begin(client, "12-17")
    for url in [
        "/s/demo/",
        "/s/demo/about/?band=8-11",
        page_url("s-1"),
        "/s/demo/help/",
        "/s/demo/resume/",
        "/s/demo/saved/",
    ]:
        page = client.get(url).content.decode()
        assert "data-app-exit-button" in page and "https://www.bbc.co.uk/weather" in page, url


def test_welsh_interface_shows_welsh_question_wording(client, demo_link):
    client.post("/i18n/setlang/", {"language": "cy", "next": "/s/demo/"})
    begin(client, "12-17")
    page = html.unescape(client.get(page_url("s-1")).content.decode())
    assert 'lang="cy"' in page
    assert "Sut wyt ti'n teimlo heddiw?" in page
    assert ">Parhau<" in page  # the interface is in Welsh too, not only the questions


def test_a_form_from_a_stale_page_gets_a_kind_message_and_stores_nothing(demo_link):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/s/demo/begin/", {"band": "8-11"})
    assert response.status_code == 403
    assert "Please try that again" in response.content.decode()
    assert not Response.objects.exists()


def test_pages_with_answers_are_never_kept_in_the_browser_cache(client, demo_link):
    begin(client, "12-17")
    response = client.get(page_url("s-1"))
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_answering_keeps_no_server_side_session(client, demo_link):
    """A child's browser holds its place in a signed cookie; nothing is written to sessions."""
    from django.contrib.sessions.models import Session

    begin(client, "12-17")
    post_page(client, "s-1", {"feel-today": "3"})
    client.get(page_url("s-2"))
    assert not Session.objects.exists()
    assert resume_code(client)


def test_a_tampered_place_cookie_is_ignored(client, demo_link):
    """Changing the response id in the cookie does not reach someone else's answers."""
    from surveys.access import cookie_name

    begin(client, "12-17")
    other = Response.objects.create(version=demo_link.version, link=demo_link, band="12-17")
    name = cookie_name("demo")
    held = client.cookies[name].value
    client.cookies[name] = f"{other.pk}{held[held.index(':') :]}"
    response = client.get(page_url("s-1"))
    assert response.status_code == 302
    assert response["Location"] == "/s/demo/"


def test_a_closed_link_is_refused_once_the_link_cache_expires(client, demo_link, settings):
    """Each process keeps a link for a few seconds; closing it takes effect after that."""
    from unittest import mock

    settings.LINK_CACHE_SECONDS = 10
    clock = [1000.0]
    with mock.patch("surveys.access.time.monotonic", lambda: clock[0]):
        assert client.get("/s/demo/").status_code == 200
        demo_link.closes_at = timezone.now() - timedelta(minutes=1)
        demo_link.save()
        assert client.get("/s/demo/").status_code == 200  # this process's copy, still fresh
        clock[0] += 11
        assert client.get("/s/demo/").status_code == 410


def test_beginning_goes_straight_to_the_first_page_for_the_band(client, demo_link):
    assert begin(client, "4-7")["Location"] == page_url("q-feel-today")
    client.cookies.clear()
    assert begin(client, "12-17")["Location"] == page_url("s-1")
