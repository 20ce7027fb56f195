"""Quick polls: Olivia (officer) writes one question on the start page and the room answers it
in a live session. The poll is a published survey of its own, with a closed collection link
that copies the chosen place, so answers are ordinary responses and concerns reach the place's
lead. Charlie (no role) and Ann (analyst) cannot start one."""

import pytest
from django.core import mail
from django.test import Client

from analysis.forms import ThemeRunForm
from engage import services
from engage.forms import SessionStartForm
from engage.models import LiveSession
from surveys import access as survey_access
from surveys import plan
from surveys.models import (
    Answer,
    Choice,
    CollectionLink,
    Concern,
    Question,
    Response,
    Survey,
    SurveyVersion,
)

pytestmark = pytest.mark.django_db

URL = "/staff/live/poll/"


@pytest.fixture
def place(demo_link, lead):
    demo_link.safeguarding_lead = lead
    demo_link.cohort_tags = ["youth club", "SEND"]
    demo_link.save()
    return demo_link


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


def start(officer, place, *, kind="single", options=("Pizza", "Pasta", "Salad"), band="12-17"):
    return services.poll_start(
        question="What should we cook next week?",
        kind=kind,
        options=list(options) if kind == "single" else [],
        band=band,
        place=place,
        officer=officer,
    )


def form_data(where, **changes):
    data = {
        "question": "What should we cook next week?",
        "kind": "single",
        "options": "Pizza\nPasta\n\nSalad\n",
        "band": "12-17",
        "place": where.pk,
    }
    data.update(changes)
    return {f"poll-{name}": value for name, value in data.items() if value is not None}


def phone(session):
    browser = Client()
    assert browser.post("/j/", {"code": session.code}).status_code == 302
    return browser


def counts():
    return (
        Survey.objects.count(),
        SurveyVersion.objects.count(),
        Question.objects.count(),
        CollectionLink.objects.count(),
        LiveSession.objects.count(),
    )


def test_a_poll_is_one_published_question_with_its_choices_run_live(officer, place, lead):
    session = start(officer, place)
    version = session.version
    assert version.is_published() and version.published_at is not None
    assert version.survey.title == "Quick poll: What should we cook next week?"
    assert version.survey.versions.count() == 1
    question = Question.objects.get(step__version=version)
    assert (question.kind, question.text) == ("single", "What should we cook next week?")
    assert list(question.choices.values_list("label", flat=True)) == ["Pizza", "Pasta", "Salad"]
    assert list(question.choices.values_list("value", flat=True)) == [
        "1-pizza",
        "2-pasta",
        "3-salad",
    ]
    assert session.is_open() and session.question == question
    assert session.question_state == LiveSession.QuestionState.WAITING
    assert (session.band, session.officer) == ("12-17", officer)
    assert services.session_questions(session) == [question]


def test_a_polls_link_copies_the_place_and_is_never_open_to_the_public(officer, place, lead):
    session = start(officer, place)
    link = session.link
    assert link.pk != place.pk and link.version == session.version
    assert (link.name, link.setting, link.cohort_tags) == (
        place.name,
        place.setting,
        place.cohort_tags,
    )
    assert link.safeguarding_lead == lead
    assert (link.fixed_band, link.created_by) == ("12-17", officer)
    assert not link.is_open()
    with pytest.raises(survey_access.LinkNotOpen):
        survey_access.link_for_answering(link.slug)
    assert Client().get(f"/s/{link.slug}/").status_code == 410


@pytest.mark.parametrize("kind", ["feelings", "yes_no", "short_text"])
def test_kinds_with_their_own_answers_store_no_choices(officer, place, kind):
    session = start(officer, place, kind=kind)
    assert session.question.kind == kind
    assert not Choice.objects.filter(question=session.question).exists()


@pytest.mark.parametrize(("band", "faces"), [("4-7", 3), ("8-11", 5), ("adult", 5)])
def test_a_feelings_poll_shows_as_many_faces_as_the_surveys_do(officer, place, band, faces):
    session = start(officer, place, kind="feelings", band=band)
    services.session_open_question(session=session)
    page = phone(session).get(f"/j/{session.code}/").content.decode()
    assert page.count("img/faces/face-") == faces


def test_an_officer_starts_a_poll_and_a_phone_answers_it(officer_client, place):
    response = officer_client.post(URL, form_data(place))
    session = LiveSession.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/staff/live/{session.pk}/"
    control = officer_client.get(response["Location"]).content.decode()
    assert "What should we cook next week?" in control and session.code in control

    officer_client.post(f"/staff/live/{session.pk}/open/")
    browser = phone(session)
    page = browser.get(f"/j/{session.code}/").content.decode()
    assert "What should we cook next week?" in page and "Pasta" in page
    sent = browser.post(f"/j/{session.code}/", {"question": session.question_id, "poll": "2-pasta"})
    assert sent.status_code == 302
    answer = Answer.objects.get()
    assert (answer.question, answer.value) == (session.question, "2-pasta")
    assert (answer.response.version, answer.response.link) == (session.version, session.link)


def test_a_polls_answers_are_the_surveys_responses_and_its_text_can_be_themed(
    officer_client, officer, place, settings
):
    settings.SMALL_NUMBER_THRESHOLD = 2
    session = start(officer, place, kind="short_text")
    services.session_open_question(session=session)
    for words in ["More trips out", "A quiet room"]:
        phone(session).post(f"/j/{session.code}/", {"question": session.question_id, "poll": words})
    services.session_end(session=session)
    responses = Response.objects.filter(version=session.version)
    assert responses.count() == 2 and all(r.is_complete() for r in responses)
    assert session.question in ThemeRunForm().fields["question"].queryset
    monitor = officer_client.get(f"/staff/versions/{session.version_id}/responses/")
    assert monitor.status_code == 200 and place.name in monitor.content.decode()


def test_worrying_text_in_a_poll_raises_a_concern_for_the_places_lead(
    officer_client, officer, place, lead, django_capture_on_commit_callbacks
):
    session = start(officer, place, kind="short_text")
    services.session_open_question(session=session)
    with django_capture_on_commit_callbacks(execute=True):
        response = phone(session).post(
            f"/j/{session.code}/", {"question": session.question_id, "poll": "my dad hits me"}
        )
    assert response["Location"] == f"/j/{session.code}/help/"
    concern = Concern.objects.get()
    assert concern.lead == lead and concern.answer.question == session.question
    assert [m.to for m in mail.outbox] == [[lead.email]]
    assert "my dad hits me" in officer_client.get(f"/staff/live/{session.pk}/").content.decode()


def test_fewer_answers_than_the_threshold_show_no_numbers_for_a_poll(
    officer_client, officer, place, settings
):
    settings.SMALL_NUMBER_THRESHOLD = 5
    session = start(officer, place, kind="yes_no")
    services.session_open_question(session=session)
    for _ in range(4):
        phone(session).post(f"/j/{session.code}/", {"question": session.question_id, "poll": "yes"})
    page = officer_client.get(f"/staff/live/{session.pk}/present/").content.decode()
    assert "Waiting for more answers." in page and "app-live-chart__count" not in page


BAD_INPUT = {
    "no question": ({"question": "   "}, "question", "Enter the question to ask."),
    "long question": (
        {"question": "Why " * 51},
        "question",
        "The question must be 200 characters or fewer (it has 203).",
    ),
    "no kind": ({"kind": None}, "kind", "Choose how people answer."),
    "unknown kind": ({"kind": "picture"}, "kind", "Choose how people answer."),
    "one answer": ({"options": "Pizza\n\n"}, "options", "Write at least 2 answers"),
    "nine answers": (
        {"options": "\n".join(f"Answer {n}" for n in range(9))},
        "options",
        "Write no more than 8 answers (there are 9).",
    ),
    "same answer twice": (
        {"options": "Pizza\nPasta\n pizza "},
        "options",
        "Each answer must be different: “pizza” is there twice.",
    ),
    "long answer": (
        {"options": "Pizza\n" + "x" * 101},
        "options",
        "Each answer must be 100 characters or fewer.",
    ),
    "no age group": ({"band": ""}, "band", "Choose the age group in the room."),
    "unknown place": ({"place": 99999}, "place", "Choose a place from the list."),
    "no place": ({"place": None}, "place", "Choose where the session takes place."),
}


@pytest.mark.parametrize("case", BAD_INPUT)
def test_bad_input_gets_a_message_linked_to_its_field_and_stores_nothing(
    officer_client, place, case
):
    changes, field, message = BAD_INPUT[case]
    before = counts()
    response = officer_client.post(URL, form_data(place, **changes))
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page and message in page.replace("&#x27;", "'")
    anchor = f"id_poll-{field}_0" if field == "kind" else f"id_poll-{field}"
    assert f'href="#{anchor}"' in page and f'id="{anchor}"' in page
    assert counts() == before


def test_a_polls_place_must_not_be_another_polls_own_link(officer_client, officer, place):
    poll_link = start(officer, place).link
    before = counts()
    response = officer_client.post(URL, form_data(place, place=poll_link.pk))
    assert response.status_code == 400
    assert "Choose a place from the list." in response.content.decode()
    assert counts() == before


def test_answers_to_choose_from_are_ignored_for_other_kinds(officer_client, place):
    officer_client.post(URL, form_data(place, kind="yes_no", options="Pizza"))
    session = LiveSession.objects.get()
    assert session.question.kind == "yes_no"
    assert not Choice.objects.filter(question=session.question).exists()


def test_if_the_session_cannot_start_nothing_of_the_poll_stays(officer, place, monkeypatch):
    """A poll whose join code keeps clashing with a running session leaves no survey behind."""
    running = start(officer, place)
    monkeypatch.setattr(LiveSession, "new_code", staticmethod(lambda: running.code))
    before = counts()
    with pytest.raises(RuntimeError):
        start(officer, place)
    assert counts() == before
    assert set(plan._published_cache) <= set(SurveyVersion.objects.values_list("pk", flat=True))


def test_the_start_page_offers_both_ways_and_leaves_polls_out_of_the_survey_lists(
    officer_client, officer, place
):
    poll = start(officer, place)
    page = officer_client.get("/staff/live/new/").content.decode()
    assert "Run a survey" in page and "Ask one question" in page
    assert f'action="{URL}"' in page
    assert "Quick poll: What should" not in page
    form = SessionStartForm()
    assert poll.version not in form.fields["version"].queryset
    assert poll.link not in form.fields["link"].queryset
    assert place in form.fields["link"].queryset


@pytest.mark.parametrize("who", ["outsider", "analyst"])
def test_others_are_refused_starting_a_poll(client, place, who, request):
    client.force_login(request.getfixturevalue(who))
    before = counts()
    assert client.get(URL).status_code == 403
    assert client.post(URL, form_data(place)).status_code == 403
    assert counts() == before


def test_signed_out_visitors_are_sent_to_sign_in(client, place):
    response = client.post(URL, form_data(place))
    assert response.status_code == 302 and "/staff/login/" in response["Location"]
    assert not LiveSession.objects.exists()


def test_an_administrator_may_start_a_poll(client, place, admin_user):
    client.force_login(admin_user)
    assert client.post(URL, form_data(place)).status_code == 302
    assert LiveSession.objects.get().officer == admin_user
