"""Leaving quickly, and help straight away when a child tells us something worrying."""

import pytest
from django.conf import settings

from surveys.models import Answer, Concern, Response
from tests.browser.conftest import begin, check_axe, continue_

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEUTRAL_PAGE = "<!DOCTYPE html><html lang='en'><title>Weather</title><h1>Sunny spells</h1></html>"
LANDING = "https://landing.example/"


@pytest.fixture
def neutral_site(context):
    """The quick-exit site and a page the child came from, served locally, never fetched."""
    visits = []

    def weather(route):
        visits.append(route.request.url)
        route.fulfill(body=NEUTRAL_PAGE, content_type="text/html")

    context.route(lambda url: url.startswith(settings.QUICK_EXIT_URL), weather)
    context.route(
        LANDING,
        lambda route: route.fulfill(
            body="<!DOCTYPE html><html lang='en'><title>Messages</title><p>A link</p></html>",
            content_type="text/html",
        ),
    )
    return visits


def question_page_after_another_site(context, page, survey_url):
    """Start the survey, then open its page in a new tab just after another site."""
    begin(page, survey_url, "12 to 17")
    question_url = page.url
    tab = context.new_page()
    tab.goto(LANDING)
    tab.goto(question_url)
    assert tab.get_by_role("heading", name="How do you feel today?").is_visible()
    return tab


def assert_left_without_a_way_back(tab, visits, entries_before):
    tab.wait_for_url(settings.QUICK_EXIT_URL)
    assert tab.get_by_role("heading", name="Sunny spells").is_visible()
    assert visits == [settings.QUICK_EXIT_URL]
    # location.replace: the survey page was swapped for the neutral one, not added after it.
    assert tab.evaluate("history.length") == entries_before
    tab.go_back()
    tab.wait_for_url(LANDING)
    assert "/s/" not in tab.url
    assert tab.get_by_text("How do you feel today?").count() == 0


def test_leave_this_page_quickly_goes_to_a_neutral_site_and_back_does_not_return(
    context, page, survey_url, neutral_site
):
    tab = question_page_after_another_site(context, page, survey_url)
    exit_button = tab.get_by_role("button", name="Leave this page quickly")
    assert exit_button.is_visible()
    assert exit_button.get_attribute("href") == settings.QUICK_EXIT_URL
    entries_before = tab.evaluate("history.length")
    exit_button.click()
    assert_left_without_a_way_back(tab, neutral_site, entries_before)


def test_pressing_shift_three_times_leaves_quickly(context, page, survey_url, neutral_site):
    tab = question_page_after_another_site(context, page, survey_url)
    assert tab.get_by_text("Tip: press the Shift key 3 times to leave quickly.").is_visible()
    entries_before = tab.evaluate("history.length")
    tab.keyboard.press("Shift")
    tab.keyboard.press("Shift")
    assert "/s/demo/answer/" in tab.url and not neutral_site
    tab.keyboard.press("Shift")
    assert_left_without_a_way_back(tab, neutral_site, entries_before)


def test_a_disclosure_shows_help_straight_away_and_raises_a_concern_for_the_lead(
    page, survey_url, demo_link
):
    begin(page, survey_url, "12 to 17")
    page.get_by_role("radio", name="Very sad").check()
    continue_(page)

    safe_home = page.get_by_role("group", name="Do you feel safe at home?")
    safe_home.get_by_role("radio", name="No", exact=True).check()
    continue_(page)
    page.wait_for_url("**/answer/s-2/")
    why = page.get_by_label("Do you want to tell us why?")
    assert why.is_visible()
    why.fill("my dad hits me when he is drunk")
    continue_(page)

    page.wait_for_url("**/help/?next=s-3")
    assert page.get_by_role("heading", name="Thank you for telling us", level=1).is_visible()
    childline = page.locator("main li").filter(has_text="Childline")
    assert childline.get_by_role("link", name="0800 1111").get_attribute("href") == "tel:08001111"
    assert page.get_by_text("it is not your fault").is_visible()
    check_axe(page)

    carry_on = page.get_by_role("button", name="Carry on with the survey")
    assert carry_on.is_visible()
    carry_on.click()
    page.wait_for_url("**/answer/s-3/")
    assert page.get_by_role("heading", name="School and friends", level=1).is_visible()
    check_axe(page)

    response = Response.objects.get()
    concern = Concern.objects.get()
    assert concern.is_open()
    assert concern.response == response
    assert concern.lead == demo_link.safeguarding_lead
    assert concern.lead.username == "safeguarding"
    assert concern.text == "my dad hits me when he is drunk"
    assert "abuse_at_home" in concern.categories
    assert concern.answer == Answer.objects.get(response=response, question__key="unsafe-why")
    assert Answer.objects.get(response=response, question__key="safe-home").value == "no"
