"""A theme smaller than the small-number threshold is never named: its label, words and quotes
come from the few children in it, so every page and file shows it as "A small theme (fewer
than 5 answers)". A theme at least the threshold in size keeps its name, words and quotes."""

import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.utils import timezone

from analysis.models import Action, AnswerResult, Theme, ThemeRun
from surveys.models import Answer, Question, Response

pytestmark = pytest.mark.django_db

SMALL = "A small theme (fewer than 5 answers)"
# Answer-level rows carry each answer's own redacted text by design (they are not for
# publication), so the answers here say something else than their theme's name, words and
# quotes: any of those found in a file came from the theme, not from an answer.
SMALL_WORDS = ["Strangers in games", "roblox strangers", "games chat", "a quote from a small group"]
BIG_WORDS = ["More street lights", "dark alley", "lamp posts"]
BIG_QUOTE = "the alley by the shops is too dark"


@pytest.fixture
def run(demo_link, analyst):
    """A finished run stored directly: 12 answers about lights, 3 about games."""
    question = Question.objects.get(step__version=demo_link.version, key="one-change")
    run = ThemeRun.objects.create(
        version=demo_link.version,
        code_version="analysis-1",
        created_by=analyst,
        status=ThemeRun.Status.DONE,
        finished_at=timezone.now(),
        answer_count=15,
    )
    Theme.objects.create(
        run=run,
        number=1,
        label="More street lights",
        size=12,
        share=0.8,
        stability=0.9,
        top_terms=["dark alley", "lamp posts"],
        quotes=[BIG_QUOTE, "lights in the underpass please"],
    )
    Theme.objects.create(
        run=run,
        number=2,
        label="Strangers in games",
        size=3,
        share=0.2,
        stability=0.5,
        top_terms=["roblox strangers", "games chat"],
        quotes=["a quote from a small group"],
    )
    started = timezone.now() - timedelta(days=30)
    for band, theme, count in [("8-11", 1, 7), ("12-17", 1, 5), ("12-17", 2, 3)]:
        for _ in range(count):
            response = Response.objects.create(
                version=demo_link.version, link=demo_link, band=band, started_at=started
            )
            answer = Answer.objects.create(
                response=response, question=question, value="an answer", text="an answer"
            )
            AnswerResult.objects.create(
                run=run,
                answer=answer,
                theme_number=theme,
                codes=["feeling_safe"],
                code_confidence=0.5,
                sentiment="neutral",
                redacted_text="an answer",
            )
    return run


@pytest.fixture
def signed_in(client, analyst):
    client.force_login(analyst)
    return client


def assert_small_theme_hidden(text: str) -> None:
    for words in SMALL_WORDS:
        assert words not in text


def zipped_text(content: bytes) -> str:
    """Every part of an XLSX or DOCX file, charts' alt text and document properties too."""
    with zipfile.ZipFile(io.BytesIO(content)) as parts:
        return " ".join(parts.read(name).decode("utf-8", "replace") for name in parts.namelist())


def test_the_run_page_names_only_the_big_theme(signed_in, run):
    page = signed_in.get(run.get_absolute_url()).content.decode()
    assert_small_theme_hidden(page)
    assert SMALL in page
    assert all(words in page for words in BIG_WORDS) and BIG_QUOTE in page


def test_the_spreadsheet_names_only_the_big_theme_on_every_sheet(signed_in, run):
    content = signed_in.get(f"/staff/analysis/runs/{run.pk}/export.xlsx").content
    text = zipped_text(content)
    assert_small_theme_hidden(text)
    assert SMALL in text
    assert all(words in text for words in BIG_WORDS)


def test_the_csv_names_only_the_big_theme(signed_in, run):
    text = signed_in.get(f"/staff/analysis/runs/{run.pk}/export.csv").content.decode("utf-8-sig")
    assert_small_theme_hidden(text)
    assert text.count(SMALL) == 3 and text.count("More street lights") == 12


def test_the_json_names_only_the_big_theme(signed_in, run):
    response = signed_in.get(f"/staff/analysis/runs/{run.pk}/export.json")
    assert_small_theme_hidden(response.content.decode())
    document = json.loads(response.content)
    big, small = document["themes"]
    assert small["label"] == SMALL and small["top_terms"] == "" and small["quotes"] == ""
    assert big["label"] == "More street lights" and big["top_terms"] == "dark alley; lamp posts"


def test_the_annual_report_page_names_only_the_big_theme(signed_in, run):
    page = signed_in.get(f"/staff/analysis/runs/{run.pk}/report/").content.decode()
    assert_small_theme_hidden(page)
    assert SMALL in page
    assert "More street lights" in page and BIG_QUOTE in page
    assert "is not named" in page


def test_the_word_document_names_only_the_big_theme(signed_in, run):
    content = signed_in.get(f"/staff/analysis/runs/{run.pk}/report.docx").content
    text = zipped_text(content)
    assert_small_theme_hidden(text)
    assert SMALL in text
    assert "More street lights" in text and BIG_QUOTE in text


def test_the_priorities_page_lists_the_big_uncovered_theme_and_never_names_the_small(
    signed_in, run
):
    page = signed_in.get(f"/staff/analysis/priorities/?run={run.pk}").content.decode()
    assert_small_theme_hidden(page)
    assert "More street lights" in page


def test_an_action_linked_to_a_small_theme_does_not_name_it(signed_in, run, analyst):
    Action.objects.create(
        you_said="Games",
        we_did="Talks in schools",
        theme=run.themes.get(number=2),
        created_by=analyst,
    )
    page = signed_in.get(f"/staff/analysis/actions/?run={run.pk}").content.decode()
    assert_small_theme_hidden(page)
    assert page.count(SMALL) == 2  # in the table of actions and among the themes to link to
    assert "More street lights" in page


def test_a_small_theme_reads_as_small_wherever_it_is_named_as_text(run):
    small, big = run.themes.get(number=2), run.themes.get(number=1)
    assert str(small) == small.label_shown() == SMALL
    assert str(big) == "More street lights"
    assert small.label_shown(threshold=3) == "Strangers in games"
