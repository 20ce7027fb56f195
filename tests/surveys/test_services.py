"""Saving a page: two tabs of one response, and a response sent meanwhile."""

import pytest

from surveys import services
from surveys.models import Answer, Question, Response

pytestmark = pytest.mark.django_db


def question(link, key) -> Question:
    return Question.objects.get(step__version=link.version, key=key)


def save(response, page_key, link, key, value):
    return services.response_save_step(
        response=response,
        page_key=page_key,
        raw_data={f"{page_key}-{key}": [str(value)]},
        answers=[(question(link, key), value, "", False)],
    )


def test_a_saved_page_is_kept_with_the_response_and_its_answer(demo_link):
    response, _code = services.response_start(link=demo_link, band="12-17", language="en")

    save(response, "s-1", demo_link, "feel-today", 4)

    stored = Response.objects.get()
    assert stored.answered_pages() == {"s-1"}
    assert stored.answer_values() == {question(demo_link, "feel-today").pk: 4}
    assert Answer.objects.get().value == 4
    assert response.wizard_state == stored.wizard_state  # the caller's copy is up to date


def test_a_tab_opened_before_another_saved_adds_its_page_without_undoing_the_other(demo_link):
    response, _code = services.response_start(link=demo_link, band="12-17", language="en")
    first_tab = Response.objects.get(pk=response.pk)
    second_tab = Response.objects.get(pk=response.pk)

    save(first_tab, "s-1", demo_link, "feel-today", 4)
    save(second_tab, "s-2", demo_link, "safe-home", "yes")

    stored = Response.objects.get()
    assert stored.answered_pages() == {"s-1", "s-2"}
    assert set(stored.answer_values().values()) == {4, "yes"}
    assert Answer.objects.count() == 2


def test_a_tab_left_open_after_sending_stores_nothing(demo_link):
    response, _code = services.response_start(link=demo_link, band="12-17", language="en")
    left_open = Response.objects.get(pk=response.pk)
    services.response_complete(response=response, shown_question_ids=set())

    concerns = save(left_open, "s-1", demo_link, "feel-today", 4)

    assert concerns == []
    assert not Answer.objects.exists()
    assert Response.objects.get().answered_pages() == set()


def test_saving_a_page_again_replaces_its_answers_and_keeps_every_kind_of_value(demo_link):
    response, _code = services.response_start(link=demo_link, band="12-17", language="en")
    adults = question(demo_link, "trusted-adults")
    change = question(demo_link, "one-change")

    services.response_save_step(
        response=response,
        page_key="s-3",
        raw_data={"s-3-trusted-adults": ["family", "teacher"]},
        answers=[(adults, ["family", "teacher"], "", False), (change, None, "", True)],
    )
    concerns = services.response_save_step(
        response=response,
        page_key="s-3",
        raw_data={"s-3-trusted-adults": ["teacher"]},
        answers=[(adults, ["teacher"], "", False), (change, "More buses", "More buses", False)],
    )

    assert concerns == []
    stored = {a.question.key: a for a in Answer.objects.select_related("question")}
    assert len(stored) == 2
    assert stored["trusted-adults"].value == ["teacher"]
    assert stored["one-change"].value == "More buses" and not stored["one-change"].prefer_not_say
    assert Response.objects.get().wizard_state["step_data"]["s-3"] == {
        "s-3-trusted-adults": ["teacher"]
    }


def test_a_skipped_question_is_stored_with_no_value_not_a_json_null(demo_link):
    response, _code = services.response_start(link=demo_link, band="12-17", language="en")

    save(response, "s-1", demo_link, "feel-today", None)

    assert Answer.objects.filter(value__isnull=True).count() == 1


def test_worrying_words_on_a_saved_page_raise_a_concern_on_the_stored_answer(demo_link):
    response, _code = services.response_start(link=demo_link, band="12-17", language="en")
    change = question(demo_link, "one-change")
    text = "my dad hits me when he is drunk"

    concerns = services.response_save_step(
        response=response,
        page_key="s-5",
        raw_data={"s-5-one-change": [text]},
        answers=[(change, text, text, False)],
    )

    assert [c.answer for c in concerns] == [Answer.objects.get()]
    assert concerns[0].is_open()
