"""A right-to-left language lays the child's pages out mirrored and still fits a phone.

No right-to-left translation ships yet, so Arabic is switched on for the test: the words stay
English, but the page declares dir="rtl" and the layout must follow.
"""

import pytest

from tests.browser.conftest import begin, check_axe, continue_

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def arabic(settings):
    settings.LANGUAGES = [*settings.LANGUAGES, ("ar", "Arabic")]


def open_yes_no_page(new_context, live_server, survey_url, language):
    context = new_context(viewport={"width": 320, "height": 640})
    context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page = context.new_page()
    begin(page, survey_url, "12 to 17", axe=language == "ar")
    continue_(page)
    page.wait_for_url("**/answer/s-2/")  # "Do you feel safe at home?": plain radios
    return page


def radio_sits_right_of_its_label(page) -> bool:
    # By position, not name: Django's own Arabic catalogue translates "Yes".
    first = page.locator("#question-safe-home .govuk-radios__input").first
    radio = first.bounding_box()
    text = page.locator(f"label[for='{first.get_attribute('id')}']").bounding_box()
    return radio["x"] > text["x"]


def test_pages_in_a_right_to_left_language_are_mirrored_and_fit_320_pixels(
    new_context, survey_url, arabic, live_server
):
    page = open_yes_no_page(new_context, live_server, survey_url, "ar")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert radio_sits_right_of_its_label(page)
    check_axe(page)
    english = open_yes_no_page(new_context, live_server, survey_url, "en")
    assert english.locator("html").get_attribute("dir") == "ltr"
    assert not radio_sits_right_of_its_label(english)
