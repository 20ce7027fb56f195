"""Children and young people answering the demo survey in a real browser, on a phone."""

import re

import pytest

from surveys.models import Answer, Response
from tests.browser.conftest import begin, check_axe, continue_

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WHY = "Do you want to tell us why?"


def progress(page) -> str:
    return page.locator(".app-progress").inner_text().strip()


def answers_of(response) -> dict:
    return {a.question.key: a for a in Answer.objects.filter(response=response)}


def summary(page) -> dict[str, str]:
    """Check-your-answers rows as {question: answer}."""
    rows = {}
    for row in page.locator(".govuk-summary-list__row").all():
        key = row.locator(".govuk-summary-list__key").inner_text().strip()
        rows[key] = row.locator(".govuk-summary-list__value").inner_text().strip()
    return rows


def send(page) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name="Send my answers").click()
    page.wait_for_url("**/thanks/")
    assert page.get_by_role("heading", name="Thank you", level=1).is_visible()
    assert page.get_by_text("Your answers have been sent").is_visible()
    check_axe(page)


def test_a_six_year_old_answers_one_question_a_page_with_faces_and_pictures(page, survey_url):
    begin(page, survey_url, "4 to 7")

    # 1: faces, three of them for the youngest band.
    assert progress(page) == "Question 1 of 5"
    assert page.get_by_role("heading", name="How do you feel today?", level=1).is_visible()
    faces = page.locator(".app-tiles--feelings .govuk-radios__label:has(img.app-tile__image)")
    assert [face.inner_text().strip() for face in faces.all()] == ["Sad", "Okay", "Happy"]
    assert page.get_by_role("radio", name="I'd rather not say").is_visible()
    check_axe(page)
    page.get_by_role("radio", name="Happy", exact=True).check()
    continue_(page)

    # 2: yes / no / not sure.
    assert progress(page) == "Question 2 of 5"
    assert page.get_by_role("heading", name="Do you feel safe at home?", level=1).is_visible()
    check_axe(page)
    page.get_by_role("radio", name="Yes", exact=True).check()
    continue_(page)

    # 3: pictures with words for the youngest band; the "why" question never appeared.
    assert progress(page) == "Question 3 of 5"
    assert page.get_by_role(
        "heading", name="Where do you feel happy and safe?", level=1
    ).is_visible()
    pictures = page.locator(".app-tiles--picture img.app-tile__image")
    assert pictures.count() == 6
    assert page.locator("img[alt='A house with a red roof']").is_visible()
    check_axe(page)
    page.get_by_role("radio", name=re.compile("At home")).check()
    continue_(page)

    # 4: choose all that are true.
    assert progress(page) == "Question 4 of 5"
    assert page.get_by_role(
        "heading", name="Who could you talk to if you were worried?", level=1
    ).is_visible()
    check_axe(page)
    page.get_by_role("checkbox", name="Someone in my family").check()
    page.get_by_role("checkbox", name="A teacher").check()
    continue_(page)

    # 5: words, in the youngest band's wording.
    assert progress(page) == "Question 5 of 5"
    assert page.get_by_role(
        "heading", name="What would make you feel happier and safer?", level=1
    ).is_visible()
    check_axe(page)
    page.get_by_role("textbox").fill("More time to play outside")
    continue_(page)

    page.wait_for_url("**/answer/check/")
    assert page.get_by_role("heading", name="Check your answers").is_visible()
    assert summary(page) == {
        "How do you feel today?": "Happy",
        "Do you feel safe at home?": "Yes",
        "Where do you feel happy and safe?": "At home",
        "Who could you talk to if you were worried?": "Someone in my family, A teacher",
        "What would make you feel happier and safer?": "More time to play outside",
    }
    check_axe(page)
    send(page)

    response = Response.objects.get()
    assert response.status == Response.Status.COMPLETE
    assert response.completed_at is not None
    assert response.band == "4-7"
    answers = answers_of(response)
    assert set(answers) == {
        "feel-today",
        "safe-home",
        "safest-place",
        "trusted-adults",
        "one-change",
    }
    assert answers["feel-today"].value == 5
    assert answers["safe-home"].value == "yes"
    assert answers["safest-place"].value == "home"
    assert answers["trusted-adults"].value == ["family", "teacher"]
    assert answers["one-change"].text == "More time to play outside"


def test_a_fifteen_year_old_sees_pages_of_questions_and_the_why_question_only_when_unsure(
    page, survey_url
):
    begin(page, survey_url, "12 to 17")

    # Page 1 holds one question.
    assert progress(page) == "Question 1 of 8"
    check_axe(page)
    page.get_by_role("radio", name="Okay", exact=True).check()
    continue_(page)

    # Page 2: two questions under the step's heading; no "why" yet.
    assert progress(page) == "Questions 2 to 3 of 8"
    assert page.get_by_role("heading", name="Feeling safe", level=1).is_visible()
    assert page.locator(".app-question").count() == 2
    assert page.get_by_text(WHY).count() == 0
    check_axe(page)
    safe_home = page.get_by_role("group", name="Do you feel safe at home?")
    safe_home.get_by_role("radio", name="Yes", exact=True).check()
    page.get_by_role("radio", name=re.compile("With friends")).check()
    continue_(page)

    # "Yes" does not ask why: straight on to page 3.
    page.wait_for_url("**/answer/s-3/")
    assert page.get_by_text(WHY).count() == 0
    assert progress(page) == "Questions 4 to 5 of 8"
    page.get_by_role("link", name="Back").click()
    page.wait_for_url("**/answer/s-2/")
    assert page.get_by_text(WHY).count() == 0

    # "Not sure" asks why, on the same page, keeping what was chosen.
    safe_home = page.get_by_role("group", name="Do you feel safe at home?")
    safe_home.get_by_role("radio", name="Not sure").check()
    continue_(page)
    page.wait_for_url("**/answer/s-2/")
    assert page.get_by_label(WHY).is_visible()
    assert progress(page) == "Questions 2 to 4 of 9"
    assert page.get_by_role("radio", name="Not sure").is_checked()
    assert page.get_by_role("radio", name=re.compile("With friends")).is_checked()
    check_axe(page)
    page.get_by_label(WHY).fill("I have not really thought about it")
    continue_(page)

    # Page 3: a single choice and a multiple choice.
    page.wait_for_url("**/answer/s-3/")
    assert progress(page) == "Questions 5 to 6 of 9"
    assert page.get_by_role("heading", name="School and friends", level=1).is_visible()
    check_axe(page)
    page.get_by_role("radio", name="Sometimes").check()
    adults = page.get_by_role("group", name="Who could you talk to if you were worried?")
    assert adults.get_by_role("checkbox").count() == 7  # six people and "I'd rather not say"
    adults.get_by_role("checkbox", name="A friend").check()
    adults.get_by_role("checkbox", name="A youth worker").check()
    continue_(page)

    # Page 4: faces and a short text with a visible character count.
    assert progress(page) == "Questions 7 to 8 of 9"
    app_box = page.get_by_label("Which app or game do you use most?")
    count = page.locator(".govuk-character-count__status")
    assert count.is_visible()
    assert count.inner_text().strip() == "You have 100 characters remaining"
    app_box.fill("Minecraft")
    page.wait_for_function(
        "document.querySelector('.govuk-character-count__status').textContent.includes('91')"
    )
    assert count.inner_text().strip() == "You have 91 characters remaining"
    check_axe(page)
    page.get_by_role("radio", name="Very happy").check()
    continue_(page)

    # Page 5: a long text, its count visible too.
    assert progress(page) == "Question 9 of 9"
    count = page.locator(".govuk-character-count__status")
    assert count.is_visible()
    assert count.inner_text().strip() == "You have 2,000 characters remaining"
    check_axe(page)
    page.get_by_role("textbox").fill("Better lights in the park")
    continue_(page)

    page.wait_for_url("**/answer/check/")
    rows = summary(page)
    assert rows[WHY] == "I have not really thought about it"
    assert rows["Who could you talk to if you were worried?"] == "A friend, A youth worker"
    assert rows["Which app or game do you use most?"] == "Minecraft"
    check_axe(page)
    send(page)

    response = Response.objects.get()
    assert response.status == Response.Status.COMPLETE
    assert response.band == "12-17"
    answers = answers_of(response)
    assert answers["feel-today"].value == 3
    assert answers["safe-home"].value == "not-sure"
    assert answers["safest-place"].value == "friends"
    assert answers["unsafe-why"].text == "I have not really thought about it"
    assert answers["bullied"].value == "sometimes"
    assert answers["trusted-adults"].value == ["friend", "youth-worker"]
    assert answers["online-safe"].value == 5
    assert answers["online-app"].text == "Minecraft"
    assert answers["one-change"].text == "Better lights in the park"


def test_the_back_link_keeps_answers(page, survey_url):
    begin(page, survey_url, "8 to 11")
    page.get_by_role("radio", name="Very happy").check()
    continue_(page)
    page.wait_for_url("**/answer/q-safe-home/")
    check_axe(page)

    page.get_by_role("link", name="Back").click()
    page.wait_for_url("**/answer/q-feel-today/")
    assert page.get_by_role("radio", name="Very happy").is_checked()
    assert not page.get_by_role("radio", name="Happy", exact=True).is_checked()
    assert Answer.objects.get(question__key="feel-today").value == 5
