"""Live session services: the officer's controls, joining by code, answering the open question
and moderating free text. Every answer is an ordinary Answer of the survey version."""

import pytest
from django.core import mail

from engage import services
from engage.models import LiveParticipant, LiveSession, LiveTextAnswer
from surveys.models import Answer, Concern, Response

pytestmark = pytest.mark.django_db

ADDRESS = "203.0.113.7"


@pytest.fixture
def live(demo_link, officer, lead):
    demo_link.safeguarding_lead = lead
    demo_link.save()
    return services.session_start(
        version=demo_link.version, band="12-17", link=demo_link, officer=officer
    )


def go_to(session: LiveSession, key: str, *, open_it: bool = True) -> None:
    """Move the session on to the question with this key, and open it."""
    while session.question.key != key:
        assert services.session_next_question(session=session), key
        session.refresh_from_db()
    if open_it:
        services.session_open_question(session=session)


def join(session: LiveSession) -> LiveParticipant:
    return services.participant_join(code=session.code, address=ADDRESS)


def answer(participant, question=None, value=None, text="", *, question_id=None):
    session = participant.session
    session.refresh_from_db()
    question = question or services.session_question(session)
    return services.participant_answer(
        participant=participant,
        question_id=question_id or question.pk,
        raw_data={question.key: [text or str(value)]},
        answer=(question, text or value, text, False),
    )


def test_a_session_starts_waiting_on_its_first_question_with_an_unambiguous_code(live):
    assert live.is_open()
    assert live.question_state == LiveSession.QuestionState.WAITING
    assert live.question == services.session_questions(live)[0]
    assert len(live.code) == 6
    assert not set(live.code) & set("01ILO")


def test_follow_up_questions_that_depend_on_one_answer_are_left_out(live):
    keys = [q.key for q in services.session_questions(live)]
    assert "unsafe-why" not in keys
    assert {"feel-today", "safe-home", "one-change"} <= set(keys)


def test_joining_by_code_stores_nothing_until_the_first_answer(live):
    participant = services.participant_join(code=live.code.lower(), address=ADDRESS)
    assert participant.session == live
    assert len(participant.token) >= 40
    assert not participant.is_stored()
    assert not LiveParticipant.objects.exists() and not Response.objects.exists()


def test_the_first_answer_stores_the_participant_with_a_response_of_the_version(live):
    go_to(live, "safe-home")
    participant = join(live)
    question = services.session_question(live)
    services.participant_answer(
        participant=participant,
        question_id=question.pk,
        raw_data={question.key: ["yes"]},
        answer=(question, "yes", "", False),
        language="cy",
    )
    stored = LiveParticipant.objects.select_related("response").get()
    assert (stored.pk, stored.response_id) == (participant.pk, participant.response_id)
    assert (stored.token, stored.session) == (participant.token, live)
    assert stored.joined_at == participant.joined_at
    response = stored.response
    assert (response.version, response.link, response.band) == (live.version, live.link, "12-17")
    assert (response.language, response.started_at) == ("cy", participant.joined_at)
    assert Answer.objects.get().response == response


def test_two_first_answers_from_one_phone_store_it_once(live):
    """Two tabs answer before either has the cookie naming the stored participant."""
    go_to(live, "safe-home")
    participant = join(live)
    other_tab = LiveParticipant(
        session=live, token=participant.token, joined_at=participant.joined_at
    )
    answer(participant, value="yes")
    answer(other_tab, value="no")
    assert other_tab.pk == participant.pk
    assert LiveParticipant.objects.count() == 1 and Response.objects.count() == 1
    assert list(Answer.objects.values_list("value", flat=True)) == ["no"]


def test_a_refused_first_answer_stores_no_participant(live):
    participant = join(live)
    with pytest.raises(services.AnswerRefused):
        answer(participant, value="4")
    assert not participant.is_stored()
    assert not LiveParticipant.objects.exists() and not Response.objects.exists()


def test_a_phone_that_never_answers_leaves_no_response_when_the_session_ends(live):
    go_to(live, "safe-home")
    answer(join(live), value="yes")
    join(live)
    services.session_end(session=live)
    assert Response.objects.get().is_complete()


def test_a_wrong_code_is_refused_with_a_message(live):
    with pytest.raises(services.JoinRefused, match="couldn't find a session"):
        services.participant_join(code="ZZZZZZ", address=ADDRESS)
    assert not LiveParticipant.objects.exists()


def test_an_ended_session_cannot_be_joined(live):
    services.session_end(session=live)
    with pytest.raises(services.JoinRefused):
        join(live)
    assert not Response.objects.exists()


def test_wrong_codes_from_one_address_are_limited_but_others_still_join(live):
    for _attempt in range(services.JOIN_FAILURES_ALLOWED):
        with pytest.raises(services.JoinRefused):
            services.participant_join(code="ZZZZZZ", address=ADDRESS)
    with pytest.raises(services.TooManyJoins):
        services.participant_join(code=live.code, address=ADDRESS)
    assert services.participant_join(code=live.code, address="198.51.100.1")


def test_the_open_question_takes_an_answer_as_a_normal_answer(live):
    go_to(live, "safe-home")
    participant = join(live)
    assert answer(participant, value="yes") == []
    saved = Answer.objects.get()
    assert (saved.response, saved.question.key, saved.value) == (
        participant.response,
        "safe-home",
        "yes",
    )
    assert saved.response.version == live.version


def test_a_resubmitted_answer_replaces_the_first(live):
    go_to(live, "safe-home")
    participant = join(live)
    answer(participant, value="yes")
    answer(participant, value="no")
    assert list(Answer.objects.values_list("value", flat=True)) == ["no"]


@pytest.mark.parametrize("state", ["waiting", "closed", "results"])
def test_a_question_that_is_not_open_refuses_answers(live, state):
    participant = join(live)
    if state != "waiting":
        services.session_open_question(session=live)
        services.session_close_question(session=live)
    if state == "results":
        services.session_show_results(session=live)
    with pytest.raises(services.AnswerRefused, match="closed"):
        answer(participant, value="4")
    assert not Answer.objects.exists()


def test_an_answer_to_another_question_is_refused(live):
    go_to(live, "safe-home")
    participant = join(live)
    other = services.session_questions(live)[0]
    with pytest.raises(services.AnswerRefused, match="moved on"):
        answer(participant, other, value="4")
    assert not Answer.objects.exists()


def test_an_answer_for_another_sessions_question_is_refused(live, demo_link, officer):
    other = services.session_start(
        version=demo_link.version, band="12-17", link=demo_link, officer=officer
    )
    go_to(other, "safe-home")
    go_to(live, "feel-today")
    participant = join(live)
    question = services.session_question(other)
    with pytest.raises(services.AnswerRefused):
        answer(participant, question, value="yes")
    assert not Answer.objects.exists()


def test_an_ended_session_refuses_answers_and_its_responses_count_as_sent(live):
    go_to(live, "safe-home")
    participant = join(live)
    answer(participant, value="yes")
    services.session_end(session=live)
    with pytest.raises(services.AnswerRefused, match="ended"):
        answer(participant, value="no")
    assert Answer.objects.get().value == "yes"
    assert Response.objects.get().is_complete()


def test_a_phone_joining_just_after_another_server_process_ended_the_session_cannot_answer(
    live,
):
    """Joining trusts this process's copy of the session for a few seconds; answering never."""
    go_to(live, "safe-home")
    join(live)
    LiveSession.objects.filter(pk=live.pk).update(status=LiveSession.Status.ENDED)
    late = join(live)
    with pytest.raises(services.AnswerRefused, match="ended"):
        answer(late, value="yes")
    assert not Answer.objects.exists()


def test_free_text_waits_for_moderation_and_a_change_waits_again(live):
    go_to(live, "one-change")
    participant = join(live)
    answer(participant, text="More youth clubs")
    text = LiveTextAnswer.objects.get()
    assert text.status == LiveTextAnswer.Status.PENDING
    services.text_moderate(text=text, approve=True)
    assert LiveTextAnswer.objects.approved().count() == 1
    answer(participant, text="Longer opening hours")
    assert LiveTextAnswer.objects.get().status == LiveTextAnswer.Status.PENDING
    assert Answer.objects.get().text == "Longer opening hours"


def test_rejected_text_stays_in_the_answers(live):
    go_to(live, "one-change")
    answer(join(live), text="Something rude")
    services.text_moderate(text=LiveTextAnswer.objects.get(), approve=False)
    assert LiveTextAnswer.objects.get().status == LiveTextAnswer.Status.REJECTED
    assert Answer.objects.get().text == "Something rude"


def test_worrying_text_raises_a_concern_for_the_links_lead_and_never_reaches_the_wall(
    live, lead, django_capture_on_commit_callbacks
):
    go_to(live, "one-change")
    with django_capture_on_commit_callbacks(execute=True):
        concerns = answer(join(live), text="I want to kill myself")
    concern = Concern.objects.get()
    assert concerns == [concern]
    assert concern.lead == lead
    assert [m.to for m in mail.outbox] == [[lead.email]]
    text = LiveTextAnswer.objects.get()
    assert text.status == LiveTextAnswer.Status.REJECTED
    services.text_moderate(text=text, approve=True)
    assert text.status == LiveTextAnswer.Status.REJECTED


def test_next_after_the_last_question_says_so(live):
    last = services.session_questions(live)[-1]
    go_to(live, last.key, open_it=False)
    assert services.session_next_question(session=live) is False
    live.refresh_from_db()
    assert live.question == last


def test_controls_on_an_ended_session_are_refused(live):
    services.session_end(session=live)
    with pytest.raises(services.LiveError, match="ended"):
        services.session_open_question(session=live)


def test_live_answers_count_in_the_surveys_responses_and_go_into_a_theme_run(
    live, officer, analyst, client
):
    from analysis import services as analysis_services
    from analysis.models import AnswerResult

    go_to(live, "one-change")
    said = ["More youth clubs", "Longer lunch breaks", "Safer parks", "Free buses", "More clubs"]
    said += ["Better lights on the way home"]
    for text in said:
        answer(join(live), text=text)
    services.session_end(session=live)

    client.force_login(officer)
    monitor = client.get(f"/staff/versions/{live.version_id}/responses/").content.decode()
    assert Response.objects.filter(version=live.version, link=live.link).count() == len(said)
    total_cell = '<td class="govuk-table__cell govuk-table__cell--numeric">6</td>'
    assert total_cell in monitor  # the link's total: six responses, not a small number

    run = analysis_services.theme_run_start(
        version=live.version, filters={}, n_themes=None, by=analyst, queue=False
    )
    analysis_services.theme_run_execute(run_id=run.pk)
    analysed = AnswerResult.objects.filter(run=run, answer__text__in=said)
    assert analysed.count() == len(said)
