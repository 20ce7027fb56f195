"""The annual-report section: who may see it, what it shows from a finished run, and the
Word document."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from docx import Document

from analysis.models import Action, AnswerResult, Theme, ThemeRun
from surveys.models import Answer, Question, Response

pytestmark = pytest.mark.django_db

REPORT = "/staff/analysis/runs/{pk}/report/"
DOCX = "/staff/analysis/runs/{pk}/report.docx"
SMALL_QUOTE = "a quote from a small group"


def make_run(link, by, **fields):
    return ThemeRun.objects.create(
        version=link.version, code_version="analysis-1", created_by=by, **fields
    )


@pytest.fixture
def finished_run(demo_link, analyst):
    """A finished run stored directly: 12 answers about lights, 3 about games."""
    question = Question.objects.get(step__version=demo_link.version, key="one-change")
    run = make_run(demo_link, analyst, status=ThemeRun.Status.DONE, finished_at=timezone.now())
    Theme.objects.create(
        run=run,
        number=1,
        label="More street lights",
        size=12,
        share=0.8,
        stability=0.9,
        quotes=["the alley by the shops is too dark", "lights in the underpass please"],
    )
    Theme.objects.create(
        run=run,
        number=2,
        label="Strangers in games",
        size=3,
        share=0.2,
        stability=0.5,
        quotes=[SMALL_QUOTE],
    )
    started = timezone.now() - timedelta(days=30)
    for band, theme, count in [("8-11", 1, 7), ("12-17", 1, 5), ("12-17", 2, 3)]:
        for _ in range(count):
            response = Response.objects.create(
                version=demo_link.version, link=demo_link, band=band, started_at=started
            )
            answer = Answer.objects.create(
                response=response, question=question, value="lights", text="lights"
            )
            AnswerResult.objects.create(
                run=run,
                answer=answer,
                theme_number=theme,
                code_confidence=0.5,
                sentiment="neutral",
                redacted_text="lights",
            )
    run.answer_count = 15
    run.save()
    return run


@pytest.fixture
def signed_in(client, analyst):
    client.force_login(analyst)
    return client


# Who may see it


@pytest.mark.parametrize("url", [REPORT, DOCX])
def test_staff_without_the_analyst_role_are_refused(client, officer, outsider, finished_run, url):
    for person in (officer, outsider):
        client.force_login(person)
        assert client.get(url.format(pk=finished_run.pk)).status_code == 403


@pytest.mark.parametrize("url", [REPORT, DOCX])
def test_signed_out_visitors_are_sent_to_sign_in(client, finished_run, url):
    response = client.get(url.format(pk=finished_run.pk))
    assert response.status_code == 302
    assert response["Location"].startswith("/staff/login/")


def test_a_run_that_does_not_exist_is_not_found(signed_in):
    assert signed_in.get(REPORT.format(pk=999)).status_code == 404


# Runs without results


@pytest.mark.parametrize("url", [REPORT, DOCX])
def test_an_unfinished_run_goes_back_to_its_page_with_a_message(signed_in, demo_link, analyst, url):
    run = make_run(demo_link, analyst, status=ThemeRun.Status.RUNNING)
    response = signed_in.get(url.format(pk=run.pk), follow=True)
    assert response.redirect_chain == [(f"/staff/analysis/runs/{run.pk}/", 302)]
    assert "has not finished yet" in response.content.decode()


def test_a_failed_run_says_to_start_another(signed_in, demo_link, analyst):
    run = make_run(demo_link, analyst, status=ThemeRun.Status.FAILED, error="ValueError: x")
    response = signed_in.get(REPORT.format(pk=run.pk), follow=True)
    assert response.redirect_chain[-1][0] == f"/staff/analysis/runs/{run.pk}/"
    assert "start another" in response.content.decode()


# The printable page


def test_the_report_shows_themes_quotes_charts_and_which_run(signed_in, finished_run):
    Action.objects.create(
        you_said="It is too dark",
        we_did="New lights by the shops",
        status="done",
        created_by=finished_run.created_by,
    )
    response = signed_in.get(REPORT.format(pk=finished_run.pk))
    page = response.content.decode()
    assert response.status_code == 200
    assert "What children and young people told us and what changed" in page
    assert "More street lights" in page and "A small theme (fewer than 5 answers)" in page
    assert "Strangers in games" not in page
    assert "the alley by the shops is too dark" in page
    assert f"Theme run {finished_run.pk}, finished" in page and "analysis-1" in page
    assert page.count('role="img"') == 2 and "<desc" in page
    assert "New lights by the shops" in page
    assert "checked by analysts" in page and "Quotes are redacted" in page


def test_small_groups_show_fewer_than_5_and_none_of_their_quotes(signed_in, finished_run):
    page = signed_in.get(REPORT.format(pk=finished_run.pk)).content.decode()
    assert "fewer than 5" in page
    assert SMALL_QUOTE not in page
    # 3 answers in games and a total of 15 shown: the lights theme is hidden too.
    assert "hidden" in page
    assert ">12<" not in page and ">3<" not in page


def test_the_run_page_links_to_the_report(signed_in, finished_run):
    page = signed_in.get(finished_run.get_absolute_url()).content.decode()
    assert REPORT.format(pk=finished_run.pk) in page
    assert DOCX.format(pk=finished_run.pk) in page


# The Word document


def test_the_word_document_has_the_title_charts_and_no_small_group_quotes(signed_in, finished_run):
    response = signed_in.get(DOCX.format(pk=finished_run.pk))
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="report-theme-run-{finished_run.pk}.docx"'
    )
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert document.paragraphs[0].text == "What children and young people told us and what changed"
    assert len(document.inline_shapes) == 2
    assert "the alley by the shops is too dark" in text
    assert SMALL_QUOTE not in text
    quotes = [p for p in document.paragraphs if p.style.name == "Quote"]
    assert quotes and all(p.text.startswith("\u201c") for p in quotes)
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "fewer than 5" in cells
    assert f"Theme run {finished_run.pk}" in document.sections[0].footer.paragraphs[0].text
