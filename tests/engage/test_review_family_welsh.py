"""The family portal in Welsh. Sam (mother) signs in with her link and switches to Cymraeg with
the button in the header; every page she then opens is in Welsh, down to the headings and
prompts of her account's parts, and switching back gives English again."""

import pytest
from django.test import Client

from tests.engage.reviews import invite, make_member, make_review, sign_in_family

pytestmark = pytest.mark.django_db


@pytest.fixture
def sam_browser(client, coordinator):
    review = make_review(coordinator)
    sam = make_member(review, coordinator)
    _invitation, token, _code = invite(sam, coordinator)
    response = sign_in_family(client, token)
    assert response.status_code == 302 and response["Location"] == "/family/"
    return client


def switch_to(browser, language, page):
    response = browser.post("/i18n/setlang/", {"language": language, "next": page})
    assert response.status_code == 302 and response["Location"] == page


def test_family_pages_offer_the_other_language_signed_in_or_not(sam_browser):
    page = sam_browser.get("/family/").content.decode()
    assert 'action="/i18n/setlang/"' in page
    assert '<input name="next" type="hidden" value="/family/">' in page
    assert '<button type="submit" name="language" value="cy" lang="cy"' in page
    assert ">Cymraeg</button>" in page
    assert ">Cymraeg</button>" in sam_browser.get("/family/account/").content.decode()
    for open_page in ["/family/help/", "/family/new-link/", "/family/signed-out/"]:
        assert ">Cymraeg</button>" in Client().get(open_page).content.decode()


def test_switching_to_welsh_shows_the_home_page_in_welsh(sam_browser):
    switch_to(sam_browser, "cy", "/family/")

    response = sam_browser.get("/family/")

    page = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="cy"' in page
    assert "Eich rhan chi yn yr adolygiad" in page
    assert "Ysgrifennu eich hanes" in page
    assert "Cyfraniadau teuluoedd ar agor" in page  # the stage's label, from the model
    assert "Gall teuluoedd ddweud wrth yr adolygydd beth sy&#x27;n bwysig iddyn nhw." in page
    assert "Gadael y dudalen hon yn gyflym" in page
    assert "Awgrym: pwyswch y fysell Shift 3 gwaith" in page  # "chi" to an adult, not "ti"
    assert ">English</button>" in page
    for english in [
        "Your part in the review",
        "Write your account",
        "Family contributions open",
        "Leave this page quickly",
        "If you need someone to talk to",
        "Sign out",
    ]:
        assert english not in page


def test_the_account_part_page_is_in_welsh_with_the_models_heading_and_prompt(sam_browser):
    switch_to(sam_browser, "cy", "/family/account/about_child/")

    response = sam_browser.get("/family/account/about_child/")

    page = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="cy"' in page
    assert "Rhan 1 o 5" in page
    assert "Am y plentyn" in page
    assert "Dywedwch wrth yr adolygydd am y plentyn yn eich geiriau eich hun" in page
    assert "Cadw a pharhau" in page
    # The count the browser writes as they type, in Welsh too.
    assert 'data-i18n.characters-under-limit.other="Mae gennych %{count} nod yn weddill"' in page
    for english in ["About the child", "Tell the reviewer about the child", "Save and continue"]:
        assert english not in page


def test_a_mistake_is_explained_in_welsh(sam_browser):
    switch_to(sam_browser, "cy", "/family/how/")

    response = sam_browser.post("/family/how/", {})

    page = response.content.decode()
    assert response.status_code == 400
    assert "Dewiswch sut yr hoffech chi gymryd rhan." in page
    assert "Choose how you would like to take part." not in page


def test_switching_back_gives_english_again(sam_browser):
    switch_to(sam_browser, "cy", "/family/")
    switch_to(sam_browser, "en", "/family/")

    page = sam_browser.get("/family/").content.decode()

    assert '<html lang="en"' in page
    assert "Your part in the review" in page
    assert "Eich rhan chi yn yr adolygiad" not in page


def test_the_help_lines_speak_to_an_adult_politely_in_welsh(sam_browser):
    switch_to(sam_browser, "cy", "/family/help/")

    page = sam_browser.get("/family/help/").content.decode()

    assert "ffoniwch am ddim ar" in page  # "chi", as to an adult; children's pages say "ffonia"
    assert "ffonia am ddim" not in page
