"""The codebook page: analysts add codes, change their name, description and example phrases,
and retire them; a retired code stays on answers coded with it but is not offered or
suggested again."""

import pytest

from analysis.forms import HandCodingForm
from analysis.models import AnswerResult, Code, HandCoding, ThemeRun
from surveys.demo_answers import load_demo_answers
from surveys.models import Answer, Question

pytestmark = pytest.mark.django_db

CODEBOOK = "/staff/analysis/codebook/"
NEW = {"name": "School transport", "key": "", "description": "Buses to school.", "examples": ""}


def code_url(code, action=""):
    return f"{CODEBOOK}{code.pk}/{action + '/' if action else ''}"


def stored():
    """Every code as stored, to check that a refused change wrote nothing."""
    return list(Code.objects.order_by("pk").values())


@pytest.fixture
def signed_in(client, analyst):
    client.force_login(analyst)
    return client


@pytest.fixture
def bullying():
    return Code.objects.get(key="bullying")


# Who may change the codebook


@pytest.mark.parametrize("page", ["", "{pk}/"])
def test_staff_without_the_analyst_role_and_outsiders_cannot_see_the_codebook(
    client, officer, lead, outsider, bullying, page
):
    for person in (officer, lead, outsider):
        client.force_login(person)
        assert client.get(CODEBOOK + page.format(pk=bullying.pk)).status_code == 403


@pytest.mark.parametrize(
    ("page", "data"),
    [
        ("", NEW),
        ("{pk}/", {"name": "Picked on", "description": "", "examples": ""}),
        ("{pk}/retire/", {}),
        ("{pk}/bring-back/", {}),
    ],
)
def test_an_outsider_cannot_add_change_retire_or_bring_back_a_code(
    client, outsider, bullying, page, data
):
    Code.objects.filter(key="health").update(retired_at="2026-01-01T00:00Z")
    before = stored()
    client.force_login(outsider)
    assert client.post(CODEBOOK + page.format(pk=bullying.pk), data).status_code == 403
    assert stored() == before


def test_signed_out_visitors_are_sent_to_sign_in(client, bullying):
    response = client.get(code_url(bullying))
    assert response.status_code == 302 and response["Location"].startswith("/staff/login/")


def test_the_analysis_pages_that_show_codes_link_to_the_codebook(signed_in, analyst, demo_link):
    from tests.analysis.conftest import make_run

    run = make_run(demo_link.version, analyst, status=ThemeRun.Status.DONE)
    for url in ("/staff/analysis/", "/staff/analysis/priorities/", f"{run.get_absolute_url()}"):
        assert f'href="{CODEBOOK}"' in signed_in.get(url).content.decode(), url
    assert (
        f'href="{CODEBOOK}"'
        in signed_in.get(f"/staff/analysis/runs/{run.pk}/coding/").content.decode()
    )


# Reading and adding


def test_an_analyst_sees_every_code_with_its_description_examples_and_status(signed_in, bullying):
    bullying.retire()
    page = signed_in.get(CODEBOOK).content.decode()
    assert page.count('class="govuk-table__row" id="code-') == Code.objects.count()
    assert "Being bullied or picked on" in page and "they call me names" in page
    row = page.split('id="code-bullying"')[1].split("</tr>")[0]
    assert "Retired" in row and code_url(bullying) in row


def test_an_analyst_adds_a_code_with_a_key_made_from_its_name(signed_in):
    last = Code.objects.order_by("-order").first()
    response = signed_in.post(
        CODEBOOK, NEW | {"examples": "the school bus is late\n\n  buses are full  \n"}
    )
    assert response.status_code == 302 and response["Location"] == CODEBOOK
    code = Code.objects.get(key="school_transport")
    assert code.name == "School transport" and code.description == "Buses to school."
    assert code.examples == ["the school bus is late", "buses are full"]
    assert code.order > last.order and not code.is_retired()
    page = signed_in.get(CODEBOOK).content.decode()
    assert "Code “School transport” added." in page


def test_an_analyst_adds_a_code_with_a_key_of_their_own(signed_in):
    signed_in.post(CODEBOOK, NEW | {"key": " Travel_2 "})
    assert Code.objects.get(key="travel_2").name == "School transport"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": ""}, "Give the code a name."),
        ({"name": "   "}, "Give the code a name."),
        ({"name": "x" * 121}, "Keep the name to 120 characters or fewer."),
        ({"name": "bullying"}, "The codebook already has a code called “Bullying”"),
        ({"name": "Picked on", "key": "bullying"}, "The code “Bullying” already has the key"),
        ({"name": "Bullying!"}, "The code “Bullying” already has the key bullying"),
        ({"name": "Home and family?"}, "The code “Home and family” already has the key"),
        ({"name": "???"}, "Give the code a key: its name has no letters to make one."),
        ({"key": "school transport"}, "Use only lower-case letters, numbers and underscores"),
        ({"key": "school-transport"}, "Use only lower-case letters, numbers and underscores"),
        ({"key": "k" * 61}, "Keep the key to 60 characters or fewer."),
        ({"description": "d" * 1001}, "Keep the description to 1,000 characters or fewer."),
        ({"examples": "e" * 201}, "phrase 1 has 201"),
        ({"examples": "\n".join(f"phrase {n}" for n in range(31))}, "at most 30 example"),
        ({"examples": "a bus\x00"}, "Null characters are not allowed."),
        ({"name": "Bus\x00"}, "Null characters are not allowed."),
    ],
)
def test_a_code_that_cannot_be_added_is_refused_with_a_message_and_nothing_stored(
    signed_in, data, message
):
    before = stored()
    response = signed_in.post(CODEBOOK, NEW | data)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page and "There is a problem" in page
    assert stored() == before


def test_a_key_taken_at_the_last_moment_is_refused_without_a_server_error(signed_in, monkeypatch):
    from analysis.forms import CodeForm

    save = CodeForm.save

    def someone_else_adds_it_meanwhile(form, commit=True):
        # Made in the page's own transaction here, it goes when the refusal rolls that back.
        Code.objects.create(key="school_transport", name="Buses")
        return save(form, commit)

    monkeypatch.setattr(CodeForm, "save", someone_else_adds_it_meanwhile)
    response = signed_in.post(CODEBOOK, NEW)
    assert response.status_code == 400
    assert "Another analyst added a code with this key just now" in response.content.decode()
    assert not Code.objects.filter(name="School transport").exists()


# Changing


def test_an_analyst_changes_a_codes_name_description_and_examples_but_not_its_key(
    signed_in, bullying
):
    page = signed_in.get(code_url(bullying)).content.decode()
    assert "they call me names" in page and "Retire code" in page
    response = signed_in.post(
        code_url(bullying),
        {
            "name": "Bullying and being picked on",
            "key": "picked_on",
            "description": "Being bullied, in person or online.",
            "examples": "they push me\nthey call me names",
        },
    )
    assert response.status_code == 302
    bullying.refresh_from_db()
    assert bullying.key == "bullying"
    assert bullying.name == "Bullying and being picked on"
    assert bullying.description == "Being bullied, in person or online."
    assert bullying.examples == ["they push me", "they call me names"]


def test_a_code_keeps_its_own_name_when_only_its_description_changes(signed_in, bullying):
    response = signed_in.post(
        code_url(bullying), {"name": "BULLYING", "description": "", "examples": ""}
    )
    assert response.status_code == 302
    assert Code.objects.get(key="bullying").name == "BULLYING"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": ""}, "Give the code a name."),
        ({"name": "School"}, "The codebook already has a code called “School”"),
        ({"description": "d" * 1001}, "Keep the description to 1,000 characters or fewer."),
        ({"examples": "e" * 201}, "Keep each example phrase to 200 characters or fewer"),
    ],
)
def test_a_change_that_cannot_be_saved_is_refused_with_a_message_and_nothing_stored(
    signed_in, bullying, data, message
):
    before = stored()
    response = signed_in.post(
        code_url(bullying), {"name": "Picked on", "description": "", "examples": ""} | data
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert '<h1 class="govuk-heading-l">Change code: Bullying</h1>' in page
    assert stored() == before


@pytest.mark.parametrize("action", ["", "retire", "bring-back"])
@pytest.mark.parametrize("pk", [987654, 2**64])
def test_a_code_not_in_the_codebook_is_not_found(signed_in, action, pk):
    before = stored()
    url = f"{CODEBOOK}{pk}/{action + '/' if action else ''}"
    assert signed_in.get(url).status_code == (405 if action else 404)
    assert signed_in.post(url, {"name": "Taken over"}).status_code == 404
    assert stored() == before


# Retiring


def test_a_retired_code_is_no_longer_offered_for_coding(signed_in, analyst, bullying, demo_link):
    from tests.analysis.conftest import make_run

    response = signed_in.post(code_url(bullying, "retire"))
    assert response.status_code == 302
    bullying.refresh_from_db()
    assert bullying.is_retired()
    assert "Code “Bullying” retired." in signed_in.get(CODEBOOK).content.decode()
    assert "bullying" not in dict(HandCodingForm().fields["codes"].choices)
    form = HandCodingForm({"codes": ["bullying"], "sentiment": ""})
    assert not form.is_valid() and "Choose codes from the codebook." in str(form.errors)
    run = make_run(demo_link.version, analyst, status=ThemeRun.Status.DONE)
    load_demo_answers(demo_link, count=1)
    AnswerResult.objects.create(
        run=run,
        answer=Answer.objects.first(),
        theme_number=1,
        codes=["bullying"],
        code_confidence=0.4,
        sentiment="negative",
        redacted_text="they call me names",
    )
    page = signed_in.get(f"/staff/analysis/runs/{run.pk}/coding/").content.decode()
    assert "they call me names" in page
    assert 'value="bullying"' not in page and 'value="school"' in page


def test_other_cannot_be_retired(signed_in):
    other = Code.objects.get(key="other")
    assert "Retire code" not in signed_in.get(code_url(other)).content.decode()
    response = signed_in.post(code_url(other, "retire"), follow=True)
    assert "“Other” cannot be retired" in response.content.decode()
    other.refresh_from_db()
    assert not other.is_retired()


def test_a_retired_code_can_be_brought_back(signed_in, bullying):
    bullying.retire()
    assert "Bring back" in signed_in.get(code_url(bullying)).content.decode()
    response = signed_in.post(code_url(bullying, "bring-back"))
    assert response.status_code == 302
    bullying.refresh_from_db()
    assert not bullying.is_retired()
    assert "bullying" in dict(HandCodingForm().fields["codes"].choices)


def test_a_retired_code_stays_on_answers_coded_with_it_and_the_next_run_never_suggests_it(
    signed_in, analyst, demo_link, bullying, django_capture_on_commit_callbacks
):
    load_demo_answers(demo_link, count=160)
    question = Question.objects.get(step__version=demo_link.version, key="one-change")
    answers = list(question.answers.order_by("pk")[:20])
    for answer in answers:
        HandCoding.objects.create(answer=answer, codes=["bullying"], coded_by=analyst)
    signed_in.post(code_url(bullying, "retire"))
    with django_capture_on_commit_callbacks(execute=True):
        signed_in.post("/staff/analysis/", {"question": question.pk})
    run = ThemeRun.objects.get()
    assert run.status == ThemeRun.Status.DONE, run.error
    coded = AnswerResult.objects.filter(run=run, answer__in=answers)
    assert all(result.codes == ["bullying"] and result.codes_by_hand for result in coded)
    suggested = AnswerResult.objects.filter(run=run, codes_by_hand=False)
    assert suggested.exists()
    assert not any("bullying" in result.codes for result in suggested)
    assert all(HandCoding.objects.get(answer=a).codes == ["bullying"] for a in answers)
