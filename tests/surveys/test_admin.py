"""Survey authoring in the admin: a published version and its questions cannot be changed."""

import pytest

from surveys.models import Question, SurveyVersion
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def author(db):
    return make_user("author", "administrator", is_staff=True, is_superuser=True)


def test_a_published_question_cannot_be_edited(client, author, demo_link):
    client.force_login(author)
    question = Question.objects.get(key="feel-today")
    page = client.get(f"/admin/surveys/question/{question.pk}/change/")
    assert page.status_code == 200
    assert b'name="text"' not in page.content  # shown read-only
    client.post(f"/admin/surveys/question/{question.pk}/change/", {"text": "Changed?"})
    question.refresh_from_db()
    assert question.text == "How do you feel today?"


def test_a_draft_version_can_be_edited_and_published(client, author, demo_link):
    client.force_login(author)
    draft = SurveyVersion.objects.create(
        survey=demo_link.version.survey, number=2, title="Feeling safe, second edition"
    )
    page = client.get(f"/admin/surveys/surveyversion/{draft.pk}/change/")
    assert b'name="title"' in page.content
    client.post(
        "/admin/surveys/surveyversion/",
        {
            "action": "publish",
            "_selected_action": [draft.pk],
        },
    )
    draft.refresh_from_db()
    assert draft.is_published() and draft.published_at


def test_staff_without_admin_access_are_refused(client, db):
    officer = make_user("officer-not-staff", "participation officer")
    client.force_login(officer)
    response = client.get("/admin/surveys/question/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.parametrize("model", ["surveyversion", "step", "question"])
def test_the_add_pages_open_with_a_form(client, author, demo_link, model):
    client.force_login(author)
    page = client.get(f"/admin/surveys/{model}/add/")
    assert page.status_code == 200
    assert b'type="submit"' in page.content and b'name="_save"' in page.content
