"""The next survey page in the answer's own response, and what refresh and Back then do.

With the page script, pressing Continue brings the next page back in the POST's response and
the script gives the history that page's own address. A refresh or Back must then load the
page with a GET, never send the answers again. Without the script it is POST, redirect, GET.
"""

import pytest

from surveys.models import Answer
from tests.browser.conftest import begin, check_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def press_continue(page):
    """Press Continue; return the response the page was drawn from."""
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Continue").click()
    return navigation.value


def test_continue_draws_the_next_page_in_one_request_and_gives_it_its_own_address(page, survey_url):
    begin(page, survey_url, "8 to 11")
    page.get_by_role("radio", name="Sad", exact=True).check()

    drawn_from = press_continue(page)

    assert drawn_from.request.method == "POST"
    assert drawn_from.status == 200
    assert drawn_from.request.redirected_from is None
    page.wait_for_url("**/answer/q-safe-home/")
    assert page.get_by_role("heading", name="Do you feel safe at home?").is_visible()
    assert page.locator(".app-progress").inner_text().strip() == "Question 2 of 7"
    assert Answer.objects.get(question__key="feel-today").value == 2
    check_axe(page)


def test_start_draws_the_first_page_in_one_request_and_gives_it_its_own_address(page, survey_url):
    page.goto(survey_url)
    page.get_by_role("button", name="12 to 17", exact=True).click()
    page.wait_for_url("**/about/?band=*")

    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Start").click()

    drawn_from = navigation.value
    assert drawn_from.request.method == "POST" and drawn_from.url.endswith("/begin/")
    assert drawn_from.status == 200 and drawn_from.request.redirected_from is None
    page.wait_for_url("**/answer/s-1/")
    assert page.locator(".app-progress").inner_text().strip() == "Question 1 of 8"
    posts = []
    page.on("request", lambda request: request.method == "POST" and posts.append(request.url))
    assert page.reload().request.method == "GET"
    assert page.locator(".app-progress").inner_text().strip() == "Question 1 of 8"
    assert posts == []


def test_refresh_after_continue_loads_the_page_again_without_sending_answers_again(
    page, survey_url
):
    begin(page, survey_url, "8 to 11")
    page.get_by_role("radio", name="Sad", exact=True).check()
    press_continue(page)
    page.wait_for_url("**/answer/q-safe-home/")
    posts = []
    page.on("request", lambda request: request.method == "POST" and posts.append(request.url))

    reloaded = page.reload()

    assert reloaded.request.method == "GET"
    assert reloaded.url.endswith("/answer/q-safe-home/")
    assert page.get_by_role("heading", name="Do you feel safe at home?").is_visible()
    assert posts == []
    assert Answer.objects.filter(question__key="feel-today").count() == 1


def test_back_after_continue_shows_the_earlier_page_with_its_answer_without_resending(
    page, survey_url
):
    begin(page, survey_url, "8 to 11")
    page.get_by_role("radio", name="Sad", exact=True).check()
    press_continue(page)
    page.get_by_role("radio", name="Yes", exact=True).check()
    press_continue(page)
    page.wait_for_url("**/answer/q-safest-place/")
    posts = []
    page.on("request", lambda request: request.method == "POST" and posts.append(request.url))

    page.go_back()

    page.wait_for_url("**/answer/q-safe-home/")
    assert page.get_by_role("heading", name="Do you feel safe at home?").is_visible()
    assert page.get_by_role("radio", name="Yes", exact=True).is_checked()
    assert posts == []
    press_continue(page)
    page.wait_for_url("**/answer/q-safest-place/")
    assert Answer.objects.filter(question__key="safe-home").count() == 1


def test_without_the_page_script_continue_redirects_to_the_next_page(new_context, survey_url):
    page = new_context(java_script_enabled=False).new_page()
    begin(page, survey_url, "8 to 11", axe=False)
    page.get_by_role("radio", name="Sad", exact=True).check()

    drawn_from = press_continue(page)

    assert drawn_from.request.method == "GET"
    assert drawn_from.request.redirected_from.method == "POST"
    assert drawn_from.url.endswith("/answer/q-safe-home/")
    assert Answer.objects.get(question__key="feel-today").value == 2
