"""Works for everyone: no JavaScript, Welsh, small screens, reading aloud, a closed link."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from surveys.models import Answer, Response
from tests.browser.conftest import begin, check_axe, continue_

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def progress(page) -> str:
    return page.locator(".app-progress").inner_text().strip()


def test_the_survey_works_without_javascript(new_context, survey_url):
    page = new_context(java_script_enabled=False).new_page()
    begin(page, survey_url, "8 to 11")
    assert "js-enabled" not in (page.locator("body").get_attribute("class") or "")
    # Nothing that needs scripts is offered.
    assert page.locator(".app-listen").is_hidden()
    assert page.locator("[data-app-exit-tip]").is_hidden()
    assert page.get_by_role("button", name="Leave this page quickly").is_visible()

    assert progress(page) == "Question 1 of 7"
    check_axe(page)
    page.get_by_role("radio", name="Okay", exact=True).check()
    continue_(page)

    assert progress(page) == "Question 2 of 7"
    check_axe(page)
    page.get_by_role("radio", name="Not sure").check()
    continue_(page)

    assert progress(page) == "Question 3 of 8"  # "Not sure" added the why question
    check_axe(page)
    page.get_by_role("radio", name="With friends").check()
    continue_(page)

    assert progress(page) == "Question 4 of 8"
    assert page.get_by_role("heading", name="Do you want to tell us why?").is_visible()
    # Without scripts the limit is still stated in words.
    assert page.get_by_text("You can write up to 2000 characters").is_visible()
    check_axe(page)
    page.get_by_role("checkbox", name="I'd rather not say").check()
    continue_(page)

    assert progress(page) == "Question 5 of 8"
    check_axe(page)
    page.get_by_role("radio", name="Never").check()
    continue_(page)

    assert progress(page) == "Question 6 of 8"
    check_axe(page)
    page.get_by_role("checkbox", name="A teacher").check()
    continue_(page)

    assert progress(page) == "Question 7 of 8"
    check_axe(page)
    assert page.get_by_role("heading", name="How safe do you feel online?").is_visible()
    continue_(page)  # skipped

    assert progress(page) == "Question 8 of 8"
    check_axe(page)
    page.get_by_role("textbox").fill("A youth club on Saturdays")
    continue_(page)

    page.wait_for_url("**/answer/check/")
    assert page.get_by_role("heading", name="Check your answers").is_visible()
    check_axe(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Send my answers").click()
    page.wait_for_url("**/thanks/")
    assert page.get_by_role("heading", name="Thank you").is_visible()
    check_axe(page)

    response = Response.objects.get()
    assert response.status == Response.Status.COMPLETE
    assert response.band == "8-11"
    answers = {a.question.key: a for a in Answer.objects.filter(response=response)}
    assert answers["feel-today"].value == 3
    assert answers["safe-home"].value == "not-sure"
    assert answers["safest-place"].value == "friends"
    assert answers["unsafe-why"].prefer_not_say and answers["unsafe-why"].value is None
    assert answers["bullied"].value == "never"
    assert answers["trusted-adults"].value == ["teacher"]
    assert answers["online-safe"].is_skipped()
    assert answers["one-change"].text == "A youth club on Saturdays"
    assert "online-app" not in answers  # not asked of 8 to 11 year olds


def test_the_survey_can_be_answered_in_welsh(page, survey_url):
    page.goto(survey_url)
    with page.expect_navigation():
        page.get_by_role("button", name="Cymraeg").click()
    page.wait_for_url(survey_url)
    assert page.locator("html").get_attribute("lang") == "cy"
    check_axe(page)

    # Interface words may not be translated yet: press buttons by what they are, not their words.
    page.locator("#band-12-17").click()
    page.wait_for_url("**/about/?band=12-17")
    assert page.locator("html").get_attribute("lang") == "cy"
    check_axe(page)
    with page.expect_navigation():
        page.locator(".app-start-button").click()

    page.wait_for_url("**/answer/s-1/")
    assert page.locator("html").get_attribute("lang") == "cy"
    assert page.get_by_role("heading", name="Sut wyt ti'n teimlo heddiw?", level=1).is_visible()
    assert page.title().startswith("Sut wyt ti'n teimlo heddiw?")
    check_axe(page)
    page.locator(".app-tiles--feelings input[value='4']").check()
    with page.expect_navigation():
        page.locator(".app-continue").click()

    page.wait_for_url("**/answer/s-2/")
    assert page.get_by_role("heading", name="Teimlo'n ddiogel", level=1).is_visible()
    assert page.get_by_role(
        "heading", name="Wyt ti'n teimlo'n ddiogel gartref?", level=2
    ).is_visible()
    assert page.get_by_role(
        "heading", name="Ble rwyt ti'n teimlo fwyaf diogel?", level=2
    ).is_visible()
    assert page.locator("img[alt='Tŷ gyda tho coch']").is_visible()
    assert page.get_by_text("Gartref", exact=True).is_visible()
    check_axe(page)

    response = Response.objects.get()
    assert response.language == "cy"
    assert Answer.objects.get(response=response, question__key="feel-today").value == 4


def begin_in_welsh_as_a_teenager(page, survey_url) -> None:
    """Switch to Welsh on the start page and begin as 12 to 17, landing on the first page."""
    page.goto(survey_url)
    with page.expect_navigation():
        page.get_by_role("button", name="Cymraeg").click()
    page.locator("#band-12-17").click()
    page.wait_for_url("**/about/?band=12-17")
    with page.expect_navigation():
        page.locator(".app-start-button").click()
    page.wait_for_url("**/answer/s-1/")


def test_the_character_count_speaks_welsh_on_a_welsh_page(page, survey_url):
    begin_in_welsh_as_a_teenager(page, survey_url)
    for _ in range(3):  # every question may be skipped: on to the page with a short text
        with page.expect_navigation():
            page.locator(".app-continue").click()
    page.wait_for_url("**/answer/s-4/")

    status = page.locator(".govuk-character-count__status")
    assert status.inner_text().strip() == "Mae gennych 100 nod yn weddill"
    page.locator(".govuk-js-character-count").fill("x" * 101)
    page.wait_for_function(
        "document.querySelector('.govuk-character-count__status').textContent.includes('ormod')"
    )
    assert status.inner_text().strip() == "Mae gennych 1 nod yn ormod"
    check_axe(page)


def test_welsh_pages_show_the_survey_title_and_page_title_in_welsh(page, survey_url):
    begin_in_welsh_as_a_teenager(page, survey_url)
    with page.expect_navigation():
        page.locator(".app-continue").click()
    page.wait_for_url("**/answer/s-2/")
    assert page.get_by_role("heading", name="Teimlo'n ddiogel", level=1).is_visible()
    title_on_s2 = page.title()
    page.goto(survey_url + "about/?band=12-17")
    caption_on_about = page.locator(".govuk-caption-l").inner_text().strip()
    assert (title_on_s2.split(" – ")[0], caption_on_about) == (
        "Teimlo'n ddiogel",
        "Teimlo'n ddiogel lle rwyt ti'n byw",
    )


def test_question_pages_fit_a_320_pixel_screen_without_sideways_scrolling(new_context, survey_url):
    page = new_context(viewport={"width": 320, "height": 640}).new_page()

    def assert_fits():
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{page.url} is {width}px wide"

    begin(page, survey_url, "4 to 7")  # axe checks the start and about pages at 320px
    assert_fits()
    check_axe(page)
    page.get_by_role("radio", name="Happy", exact=True).check()
    continue_(page)
    assert_fits()
    page.get_by_role("radio", name="Yes", exact=True).check()
    continue_(page)
    page.wait_for_url("**/answer/q-safest-place/")  # the picture tiles
    assert_fits()
    check_axe(page)


def test_a_teenagers_page_of_questions_fits_320_pixels_too(new_context, survey_url):
    page = new_context(viewport={"width": 320, "height": 640}).new_page()
    begin(page, survey_url, "12 to 17", axe=False)
    for _ in range(3):
        continue_(page)
    page.wait_for_url("**/answer/s-4/")  # faces and a short text box with its count
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    check_axe(page)


SPOKEN = """
window.__spoken = [];
if (window.speechSynthesis) {
  window.speechSynthesis.speak = (utterance) => window.__spoken.push(
    {text: utterance.text, lang: utterance.lang});
}
"""


def test_listen_reads_the_question_aloud_when_the_browser_can_speak(context, page, survey_url):
    context.add_init_script(SPOKEN)
    begin(page, survey_url, "8 to 11")
    assert page.evaluate("'speechSynthesis' in window")
    listen = page.get_by_role("button", name=re.compile(r"^Listen\b.*How do you feel today\?$"))
    assert listen.is_visible()
    check_axe(page)
    listen.click()
    spoken = page.evaluate("window.__spoken")
    assert len(spoken) == 1
    assert spoken[0]["lang"] == "en"
    assert spoken[0]["text"].startswith("How do you feel today?")
    assert "Very happy" in spoken[0]["text"]


def test_listen_is_hidden_when_the_browser_cannot_speak(context, page, survey_url):
    context.add_init_script("delete window.speechSynthesis")
    begin(page, survey_url, "8 to 11", axe=False)
    assert not page.evaluate("'speechSynthesis' in window")
    assert page.get_by_role("heading", name="How do you feel today?").is_visible()
    assert page.locator(".app-listen").count() == 1
    assert page.locator(".app-listen").is_hidden()
    assert page.get_by_role("button", name="Listen").count() == 0
    check_axe(page)


def test_a_closed_link_says_so_kindly(page, survey_url, demo_link):
    demo_link.closes_at = timezone.now() - timedelta(minutes=1)
    demo_link.save()
    for path in ["", "resume/", "answer/"]:
        reply = page.goto(survey_url + path)
        assert reply.status == 410
        assert page.get_by_role("heading", name="This survey has closed", level=1).is_visible()
        assert page.get_by_role("button", name="Leave this page quickly").is_visible()
    assert page.get_by_role("button", name="12 to 17").count() == 0
    check_axe(page)
    assert not Response.objects.exists()
