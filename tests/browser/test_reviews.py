"""A practice review from start to withdrawal, in real Chromium: a coordinator invites two family
members, one writes over two visits while the other cannot see it, the lead reviewer reads it
(audited), draft findings are shared, commented on, and the member withdraws. axe runs on every
page; family pages at phone size, one member with JavaScript off."""

import re

import pytest

from engage.models import Contribution, ReviewEvent
from surveys.access import Role
from tests.browser.conftest import check_axe
from tests.conftest import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pass-for-tests-only"
DESKTOP = {"viewport": {"width": 1280, "height": 900}, "is_mobile": False, "has_touch": False}
FIRST_VISIT = "She loved drawing and the swings in the park by the river."
SECOND_VISIT = "The school nurse noticed the bruises but nobody came back to us."


def sign_in(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/staff/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/staff/")


def press(page, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=name).click()
    check_axe(page)


def follow(page, text: str) -> None:
    """Follow the first link (or button-styled link) whose text holds these words."""
    with page.expect_navigation():
        page.locator("a", has_text=text).first.click()
    check_axe(page)


def fits_phone(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{page.url} scrolls sideways ({width}px)"


def start_review(page, live_server) -> None:
    page.goto(f"{live_server.url}/staff/reviews/")
    check_axe(page)
    follow(page, "Start a review")
    page.get_by_label("Reference").fill("LCSPR-2026-07")
    page.get_by_label("Working title").fill("Private title: infant injury at home")
    page.get_by_label("Name the review uses for the child").fill("Child M")
    page.get_by_label("Reviewer's name").fill("Dr Rita Reviewer")
    press(page, "Start the review")
    assert page.get_by_role("heading", name="Private title: infant injury at home").is_visible()


def add_member(page, name: str, relationship: str, email: str) -> None:
    follow(page, "Add a family member")
    page.get_by_label("Name", exact=True).fill(name)
    page.get_by_label("Relationship to the child").select_option(relationship)
    page.get_by_label("How to contact them").select_option("email")
    page.get_by_label("Contact details").fill(email)
    press(page, "Add family member")


def make_link(page, review_url: str, relationship: str, check: str) -> tuple[str, str]:
    """From the review page, a new link for the member: (link, access code or '')."""
    page.goto(review_url)
    follow(page, relationship)
    page.get_by_label(check).check()
    press(page, "Make a link")
    link = page.locator("#family-link").input_value()
    code = page.locator(".app-code").inner_text().replace(" ", "") if check != "None" else ""
    follow(page, "Done: back to the family member")
    return link, code


def open_link(page, link: str, code: str = "") -> None:
    page.goto(link)
    assert page.url.endswith("/family/start/"), "the token leaves the address bar at once"
    check_axe(page)
    if code:
        page.get_by_label("Enter your access code").fill(code)
    press(page, "Continue")
    assert page.url.endswith("/family/")
    assert page.get_by_role("heading", name="Your part in the review").is_visible()
    fits_phone(page)


def write_part(page, text: str, *, later: bool) -> None:
    page.get_by_role("textbox").fill(text)
    press(page, "Save and come back later" if later else "Save and continue")


@pytest.fixture
def team(transactional_db):
    coordinator = make_user("cora", Role.REVIEW_COORDINATOR)
    reviewer = make_user("rita", Role.REVIEW_COORDINATOR)
    return coordinator, reviewer


def test_a_review_from_invitation_to_withdrawal(new_context, live_server, team):
    coordinator, reviewer = team
    staff = new_context(**DESKTOP).new_page()
    sign_in(staff, live_server, "cora")
    start_review(staff, live_server)
    review_url = staff.url
    staff.get_by_text("Assign someone to this review").click()
    rita = staff.get_by_label("Person").locator("option", has_text="rita").get_attribute("value")
    staff.get_by_label("Person").select_option(rita)
    staff.get_by_label("Their role in this review").select_option("lead_reviewer")
    press(staff, "Assign")
    add_member(staff, "Morwenna", "mother", "morwenna@example.org")
    staff.goto(review_url)
    add_member(staff, "Lee", "father", "lee@example.org")
    mother_link, _ = make_link(staff, review_url, "Mother", "None")
    father_link, father_code = make_link(staff, review_url, "Father", "An access code")
    assert re.fullmatch(r"[A-Z0-9]{8}", father_code)

    # The mother writes the first part on her phone, then stops.
    mother = new_context().new_page()
    open_link(mother, mother_link)
    follow(mother, "About the review and what happens to what you say")
    mother.go_back()
    follow(mother, "Choose how you want to take part")
    mother.get_by_label("Write it here, in my own time").check()
    press(mother, "Save my choice")
    follow(mother, "Write your account")
    follow(mother, "Start writing")
    write_part(mother, FIRST_VISIT, later=True)
    mother.context.close()

    # The father, on his own phone with JavaScript off, sees nothing of hers.
    father = new_context(java_script_enabled=False).new_page()
    open_link(father, father_link, father_code)
    follow(father, "Write your account")
    assert FIRST_VISIT not in father.content()
    assert "Morwenna" not in father.content()
    father.context.close()

    # The next day, on a new browser, with a new link: her first part is still there.
    mother_again, _ = make_link(staff, review_url, "Mother", "None")
    mother = new_context().new_page()
    open_link(mother, mother_again)
    follow(mother, "Write your account")
    follow(mother, "About the child")
    assert mother.get_by_role("textbox").input_value() == FIRST_VISIT
    mother.go_back()
    follow(mother, "What could have been better")
    write_part(mother, SECOND_VISIT, later=True)
    follow(mother, "Check and send")
    assert FIRST_VISIT in mother.content() and SECOND_VISIT in mother.content()
    press(mother, "Send my account")
    assert mother.get_by_role("heading", name="Your account has been sent").is_visible()

    # The lead reviewer reads it, and the reading is in the log.
    reader = new_context(**DESKTOP).new_page()
    sign_in(reader, live_server, "rita")
    reader.goto(review_url)
    check_axe(reader)
    assert SECOND_VISIT not in reader.content()  # never on the review page itself
    follow(reader, "Read")
    assert SECOND_VISIT in reader.content()
    reader.goto(review_url)
    follow(reader, "Audit log: who did what, and when")
    assert re.search(r"rita.*Contribution read", reader.locator("table").inner_text(), re.S)

    # Draft findings go to the mother; she comments, then withdraws.
    reader.goto(review_url)
    follow(reader, "Share a document")
    reader.get_by_label("Draft findings").check()
    reader.get_by_label("Title").fill("Draft findings for Child M")
    reader.get_by_label("The document").fill("Services did not share what they knew.")
    reader.get_by_label(re.compile("^Mother")).check()
    press(reader, "Share")

    mother.goto(f"{live_server.url}/family/")
    follow(mother, "Draft findings for Child M")
    assert "Services did not share what they knew." in mother.content()
    mother.get_by_label("Tell the reviewer what you think").fill("Please name the school nurse.")
    press(mother, "Send my comment")
    assert "Please name the school nurse." in mother.content()
    mother.goto(f"{live_server.url}/family/")
    follow(mother, "Leave the review")
    press(mother, "Yes, leave the review")
    assert mother.get_by_role("heading", name="You have left the review").is_visible()

    account = Contribution.objects.get(member__relationship="mother")
    assert account.parts == {} and account.removed_because == "withdrawn"
    assert ReviewEvent.objects.filter(action="withdrew", member=account.member).exists()
    assert ReviewEvent.objects.filter(action="contribution_viewed", by_user=reviewer).exists()
