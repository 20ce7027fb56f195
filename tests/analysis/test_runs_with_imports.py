"""A theme run over a survey's answers and those of other surveys or imports: choosing them,
what is refused, the sources the run page names and counts, the files and the report, and
starting such a run again."""

import csv
import html
import io
import json
import zipfile

import pytest
from openpyxl import load_workbook

from analysis import services
from analysis.models import AnswerImport, ThemeRun, source_name
from surveys.demo_answers import load_demo_answers
from surveys.models import Answer, Question, Response
from tests.analysis.conftest import ago, finished_import

pytestmark = pytest.mark.django_db

RUNS = "/staff/analysis/"
IMPORTED = (
    b"Id,Answer,Codes\n"
    b"1,More street lights in the park at night,\n"
    b"2,Teachers who listen when you tell them about bullying,bullying\n"
    b"3,Somewhere to go after school that is not the street,\n"
    b"4,People to stop shouting at home,home_and_family\n"
    b"5,Police walking round the estate more,\n"
    b"6,More youth clubs open at weekends,\n"
    b"7,Stop people being mean online,online_safety\n"
    b"8,Adults who believe you,\n"
)
HAND_CODED = {
    "Teachers who listen when you tell them about bullying": ["bullying"],
    "People to stop shouting at home": ["home_and_family"],
    "Stop people being mean online": ["online_safety"],
}


def page(response) -> str:
    return html.unescape(response.content.decode())


def one_change(version_id) -> int:
    return Question.objects.get(step__version_id=version_id, key="one-change").pk


@pytest.fixture
def demo_answers(demo_link):
    load_demo_answers(demo_link, count=160)
    return demo_link


@pytest.fixture
def last_year(analyst) -> AnswerImport:
    """Last year's answers from another tool, three of them coded there."""
    return finished_import(
        analyst, IMPORTED, title="Feeling safe 2024 (SmartSurvey)", codes_column="Codes"
    )


def start(client, demo_link, django_capture_on_commit_callbacks, *also, **fields):
    """Send the start form as a browser does; the immediate task backend runs the run on
    commit."""
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(
            RUNS,
            {"question": one_change(demo_link.version_id), "also_versions": list(also), **fields},
        )


def own_answers(demo_link) -> int:
    return services.answers_for(
        version=demo_link.version, filters={"question": one_change(demo_link.version_id)}
    ).count()


def sources_shown(response) -> str:
    return page(response).split('id="sources"')[1].split("</dd>")[0]


# Starting a run with answers from an import


def test_the_start_form_offers_imports_by_title_and_date_with_a_hint(
    client, analyst, demo_link, last_year
):
    client.force_login(analyst)
    shown = page(client.get(RUNS))
    assert "Also include answers from (optional)" in shown
    assert f">{source_name(last_year.version)}</label>" in shown
    assert "Feeling safe 2024 (SmartSurvey), imported " in source_name(last_year.version)
    assert "the collection links above narrow only the question's own survey" in shown
    # The demo survey has no answers yet: nothing of it to add.
    assert f">{source_name(demo_link.version)}</label>" not in shown


def test_an_imports_page_says_how_to_theme_it_with_another_surveys_answers(
    client, analyst, last_year
):
    client.force_login(analyst)
    shown = page(client.get(last_year.get_absolute_url()))
    assert (
        "tick “Feeling safe 2024 (SmartSurvey)” under “Also include answers from” "
        f"(survey version {last_year.version_id})"
    ) in shown


def test_a_run_themes_a_surveys_answers_with_an_imports_and_names_both_with_counts(
    client, analyst, demo_answers, last_year, django_capture_on_commit_callbacks
):
    client.force_login(analyst)
    response = start(client, demo_answers, django_capture_on_commit_callbacks, last_year.version_id)
    run = ThemeRun.objects.get()
    assert response["Location"] == run.get_absolute_url()
    assert run.status == ThemeRun.Status.DONE, run.error
    own = own_answers(demo_answers)
    assert own > 100
    assert run.answer_count == own + 8
    by_version = {
        version: run.results.filter(answer__response__version=version).count()
        for version in (demo_answers.version_id, last_year.version_id)
    }
    assert by_version == {demo_answers.version_id: own, last_year.version_id: 8}
    assert run.themes.exists()
    shown = sources_shown(client.get(run.get_absolute_url()))
    assert f"{source_name(demo_answers.version)} · answers: {own}" in shown
    assert f"{source_name(last_year.version)} · answers: 8" in shown
    assert "Themes by survey or import" in page(client.get(run.get_absolute_url()))


def test_codes_an_import_brought_stay_on_its_answers_in_the_run(
    client, analyst, demo_answers, last_year, django_capture_on_commit_callbacks
):
    client.force_login(analyst)
    start(client, demo_answers, django_capture_on_commit_callbacks, last_year.version_id)
    run = ThemeRun.objects.get()
    by_hand = {
        result.answer.text: result.codes
        for result in run.results.filter(codes_by_hand=True).select_related("answer")
    }
    assert by_hand == HAND_CODED
    assert run.summary["counts"]["coded_by_hand"] == 3


def test_the_run_records_the_added_versions_to_reproduce_it(
    client, analyst, demo_answers, last_year, django_capture_on_commit_callbacks
):
    client.force_login(analyst)
    start(client, demo_answers, django_capture_on_commit_callbacks, last_year.version_id)
    run = ThemeRun.objects.get()
    assert list(run.also_versions.all()) == [last_year.version]
    assert run.parameters["also_versions"] == [last_year.version_id]
    assert run.summary["sources"] == [
        {"version": demo_answers.version_id, "answers": own_answers(demo_answers)},
        {"version": last_year.version_id, "answers": 8},
    ]


def test_a_small_sources_count_is_hidden_and_the_other_with_it(
    client, analyst, demo_answers, django_capture_on_commit_callbacks
):
    """Three imported answers: their count is not shown, nor the survey's, from which it could
    be worked out against the total."""
    few = finished_import(analyst)
    client.force_login(analyst)
    start(client, demo_answers, django_capture_on_commit_callbacks, few.version_id)
    run = ThemeRun.objects.get()
    assert run.status == ThemeRun.Status.DONE, run.error
    assert run.results.filter(answer__response__version=few.version).count() == 3
    shown = sources_shown(client.get(run.get_absolute_url()))
    assert f"{source_name(few.version)} · answers: fewer than 5" in shown
    assert f"{source_name(demo_answers.version)} · answers: hidden" in shown
    assert str(own_answers(demo_answers)) not in shown


def test_age_groups_narrow_the_added_answers_and_links_only_the_surveys_own(
    demo_answers, last_year
):
    link = demo_answers
    both = services.answers_for(
        version=link.version,
        filters={"links": [link.pk]},
        also_versions=[last_year.version],
    )
    versions = set(both.values_list("response__version", flat=True))
    assert versions == {link.version_id, last_year.version_id}
    own_links = set(
        both.filter(response__version=link.version).values_list("response__link", flat=True)
    )
    assert own_links == {link.pk}
    younger = services.answers_for(
        version=link.version, filters={"bands": ["8-11"]}, also_versions=[last_year.version]
    )
    # The import's answers are all 12-17.
    assert younger.exists()
    assert not younger.filter(response__version=last_year.version).exists()


# Refused choices


@pytest.mark.parametrize(
    ("choice", "message"),
    [
        ("999999", "Choose surveys and imports from the list: one of those chosen does not exist"),
        ("99999999999999999999", "Choose surveys and imports from the list"),
        ("last year", "Choose surveys and imports from the list"),
        ("own", "is the survey the question is from: its answers are in the run already."),
        ("empty", "has no free-text answers to theme: untick it."),
    ],
)
def test_a_bad_choice_of_answers_to_add_says_why_and_starts_nothing(
    client, analyst, demo_link, last_year, choice, message, django_capture_on_commit_callbacks
):
    """The import's question is themed; the demo survey, published but unanswered, is the one
    with no free text."""
    question = Question.objects.get(step__version=last_year.version)
    given = {"own": last_year.version_id, "empty": demo_link.version_id}.get(choice, choice)
    client.force_login(analyst)
    with django_capture_on_commit_callbacks(execute=True) as queued:
        response = client.post(RUNS, {"question": question.pk, "also_versions": [given]})
    assert response.status_code == 400
    assert message in page(response)
    assert queued == []
    assert not ThemeRun.objects.exists()


def test_staff_without_the_analyst_role_and_outsiders_cannot_open_the_form_or_add_answers(
    client, officer, outsider, demo_answers, last_year, django_capture_on_commit_callbacks
):
    for person in (officer, outsider):
        client.force_login(person)
        assert client.get(RUNS).status_code == 403
        response = start(
            client, demo_answers, django_capture_on_commit_callbacks, last_year.version_id
        )
        assert response.status_code == 403
    assert not ThemeRun.objects.exists()


def test_signed_out_visitors_are_sent_to_sign_in_and_nothing_starts(
    client, demo_answers, last_year, django_capture_on_commit_callbacks
):
    for response in (
        client.get(RUNS),
        start(client, demo_answers, django_capture_on_commit_callbacks, last_year.version_id),
    ):
        assert response.status_code == 302
        assert response["Location"].startswith("/staff/login/")
    assert not ThemeRun.objects.exists()


# Files and the report


@pytest.fixture
def combined_run(client, analyst, demo_answers, last_year, django_capture_on_commit_callbacks):
    client.force_login(analyst)
    start(client, demo_answers, django_capture_on_commit_callbacks, last_year.version_id)
    run = ThemeRun.objects.get()
    assert run.status == ThemeRun.Status.DONE, run.error
    return run


def expected_sources(run) -> dict[int, str]:
    """Each answer's source, by answer id, as the database has it."""
    return {
        pk: source_name(version)
        for pk, version in (
            (answer.pk, answer.response.version)
            for answer in Answer.objects.filter(results__run=run).select_related(
                "response__version__survey"
            )
        )
    }


def test_the_csv_names_each_answers_survey_or_import(client, combined_run):
    response = client.get(f"/staff/analysis/runs/{combined_run.pk}/export.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert list(rows[0])[:2] == ["answer_id", "source"]
    assert {int(row["answer_id"]): row["source"] for row in rows} == expected_sources(combined_run)
    assert len({row["source"] for row in rows}) == 2


def test_the_json_and_spreadsheet_name_each_answers_survey_or_import(client, combined_run):
    expected = expected_sources(combined_run)
    document = json.loads(client.get(f"/staff/analysis/runs/{combined_run.pk}/export.json").content)
    assert {a["answer_id"]: a["source"] for a in document["answers"]} == expected
    assert [s["name"] for s in document["run"]["sources"]] == [
        source_name(v) for v in combined_run.sources()
    ]
    book = load_workbook(
        io.BytesIO(client.get(f"/staff/analysis/runs/{combined_run.pk}/export.xlsx").content)
    )
    answers = list(book["Answers"].values)
    assert answers[0][:2] == ("answer_id", "source")
    assert {row[0]: row[1] for row in answers[1:]} == expected
    assert "Themes by survey or import" in book.sheetnames


def test_the_report_says_which_surveys_and_imports_it_drew_on(client, combined_run, last_year):
    names = [source_name(version) for version in combined_run.sources()]
    shown = page(client.get(f"/staff/analysis/runs/{combined_run.pk}/report/"))
    assert f"It draws on answers from {names[0]}; {names[1]}." in shown
    document = client.get(f"/staff/analysis/runs/{combined_run.pk}/report.docx").content
    with zipfile.ZipFile(io.BytesIO(document)) as docx:
        text = html.unescape(docx.read("word/document.xml").decode())
    assert names[1] in text


def test_the_report_counts_who_took_part_in_every_source(client, combined_run, demo_answers):
    report = services.report_for_run(combined_run, threshold=5)
    own = Response.objects.filter(version=demo_answers.version).count()
    assert report.taking_part_total.value == own + 8


# Starting again


def test_a_stalled_run_started_again_keeps_its_added_answers(
    client, analyst, demo_answers, last_year, django_capture_on_commit_callbacks
):
    run = services.theme_run_start(
        version=demo_answers.version,
        filters={"question": one_change(demo_answers.version_id)},
        n_themes=None,
        also_versions=[last_year.version],
        by=analyst,
        queue=False,
    )
    ThemeRun.objects.filter(pk=run.pk).update(
        status=ThemeRun.Status.RUNNING, progress=40, heartbeat_at=ago(11)
    )
    client.force_login(analyst)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{run.get_absolute_url()}restart/")
    run.refresh_from_db()
    assert run.status == ThemeRun.Status.DONE, run.error
    assert list(run.also_versions.all()) == [last_year.version]
    assert run.parameters["also_versions"] == [last_year.version_id]
    assert run.results.filter(answer__response__version=last_year.version).count() == 8
    assert run.answer_count == own_answers(demo_answers) + 8
