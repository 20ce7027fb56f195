"""Stopping and carrying on: on the same phone, and on another device with a code."""

import re

import pytest

from surveys.models import Answer, Response
from tests.browser.conftest import begin, check_axe, continue_

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CODE = re.compile(r"^[A-HJ-NP-Z2-9]{4} [A-HJ-NP-Z2-9]{4}$")


def answer_two_pages(page, survey_url):
    begin(page, survey_url, "8 to 11")
    page.get_by_role("radio", name="Sad", exact=True).check()
    continue_(page)
    page.get_by_role("radio", name="Yes", exact=True).check()
    continue_(page)
    page.wait_for_url("**/answer/q-safest-place/")


def test_closing_the_page_and_opening_the_link_again_carries_on_where_you_left_off(
    context, page, survey_url
):
    answer_two_pages(page, survey_url)
    page.close()

    again = context.new_page()
    again.goto(survey_url)
    assert again.get_by_role("heading", name="Welcome back", level=1).is_visible()
    assert again.get_by_text("Your answers so far are saved.").is_visible()
    check_axe(again)
    with again.expect_navigation():
        again.get_by_role("button", name="Carry on where I left off").click()
    again.wait_for_url("**/answer/q-safest-place/")
    assert again.locator(".app-progress").inner_text().strip() == "Question 3 of 7"
    assert again.get_by_role("heading", name="Where do you feel safest?").is_visible()
    assert Response.objects.count() == 1


def test_a_code_carries_on_on_another_device_with_earlier_answers_kept(
    page, survey_url, new_context
):
    answer_two_pages(page, survey_url)
    page.get_by_role("link", name="Stop for now and get a code to carry on later").click()
    page.wait_for_url("**/saved/")
    assert page.get_by_role("heading", name="Your answers are saved").is_visible()
    code = page.locator(".app-code").inner_text().strip()
    assert CODE.match(code), code
    check_axe(page)

    other_device = new_context().new_page()
    other_device.goto(survey_url)
    other_device.get_by_role("link", name="I have a code to carry on where I left off").click()
    other_device.wait_for_url("**/resume/")
    assert other_device.get_by_label("Enter your code").is_visible()
    check_axe(other_device)

    # A mistyped code is explained, on an accessible error page.
    wrong = "ZZZZ 2222" if code != "ZZZZ 2222" else "YYYY 3333"
    other_device.get_by_label("Enter your code").fill(wrong)
    with other_device.expect_navigation():
        other_device.get_by_role("button", name="Carry on").click()
    assert (
        other_device.get_by_role("alert")
        .get_by_text("We couldn't find that code. Check it and try again.")
        .is_visible()
    )
    assert other_device.title().startswith("Error:")
    check_axe(other_device)

    # Written in small letters without the space, as a child might copy it.
    other_device.get_by_label("Enter your code").fill(code.replace(" ", "").lower())
    with other_device.expect_navigation():
        other_device.get_by_role("button", name="Carry on").click()
    other_device.wait_for_url("**/answer/q-safest-place/")
    assert other_device.locator(".app-progress").inner_text().strip() == "Question 3 of 7"
    check_axe(other_device)

    other_device.get_by_role("link", name="Back").click()
    other_device.wait_for_url("**/answer/q-safe-home/")
    assert other_device.get_by_role("radio", name="Yes", exact=True).is_checked()
    other_device.get_by_role("link", name="Back").click()
    other_device.wait_for_url("**/answer/q-feel-today/")
    assert other_device.get_by_role("radio", name="Sad", exact=True).is_checked()

    response = Response.objects.get()
    assert response.status == Response.Status.PARTIAL
    assert response.band == "8-11"
    stored = {a.question.key: a.value for a in Answer.objects.filter(response=response)}
    assert stored == {"feel-today": 2, "safe-home": "yes"}
