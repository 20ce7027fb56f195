"""Importing answers from another survey tool's CSV export: who may, what it stores, and that a
bad file gets a clear message and stores nothing."""

import html
import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from analysis import imports, services
from analysis.models import AnswerImport, HandCoding, ThemeRun
from surveys.models import Answer, CollectionLink, Question, Response, Survey, SurveyVersion

pytestmark = pytest.mark.django_db

IMPORT = "/staff/analysis/import/"
RUNS = "/staff/analysis/"
LONDON = ZoneInfo("Europe/London")

HEADER = "Response ID,Age,School,Submitted,What would make you feel safer?,Codes"
ROWS = [
    "101,13,Oak Academy,14/03/2025 10:22,More street lights in the park at night,School; bullying",
    "102,8 to 11,Oak Academy,2025-03-15,,",
    "103,parent,,,Safer crossings near the school gates,",
    "104,15,Elm College,16/06/2025,Teachers who listen when you tell them about bullying,Bullying",
    "105,,Elm College,17/06/2025,Somewhere to go after school that is not the street,",
    "106,9,Oak Academy,18/06/2025,People to stop shouting at home,home_and_family",
    "107,12-17,Elm College,19/06/2025,Police walking round the estate more,",
    "108,16,Elm College,20/06/2025,Less people selling drugs near the shops,",
    "109,4-7,Oak Academy,21/06/2025,My mum to be happy,",
    "110,17,Elm College,22/06/2025,More youth clubs open at weekends,",
    "111,14,Oak Academy,23/06/2025,Nothing it is fine,",
    "112,11,Oak Academy,24/06/2025,Stop people being mean online,online_safety",
    "113,13,Elm College,25/06/2025,Adults who believe you,",
]


def csv_file(*lines: str, name: str = "smartsurvey.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, ("\n".join(lines) + "\n").encode(), content_type="text/csv")


def good_file(name: str = "smartsurvey.csv") -> SimpleUploadedFile:
    return csv_file(HEADER, *ROWS, name=name)


FIELDS = {
    "title": "Feeling safe 2025 (SmartSurvey)",
    "question_text": "",
    "text_column": "What would make you feel safer?",
    "default_band": "12-17",
    "id_column": "Response ID",
    "band_column": "Age",
    "cohort_column": "School",
    "date_column": "Submitted",
    "codes_column": "Codes",
}


def post(client, file, **fields):
    return client.post(IMPORT, {**FIELDS, "file": file, **fields})


def counts() -> dict:
    models = [Survey, SurveyVersion, Question, CollectionLink, Response, Answer, HandCoding]
    return {model.__name__: model.objects.count() for model in models + [AnswerImport]}


def page(response) -> str:
    return html.unescape(response.content.decode())


# Who may import


def test_staff_without_the_analyst_role_and_outsiders_are_refused(client, officer, outsider):
    for person in (officer, outsider):
        client.force_login(person)
        assert client.get(IMPORT).status_code == 403
        assert post(client, good_file()).status_code == 403
    assert not Survey.objects.exists() and not Response.objects.exists()


def test_signed_out_visitors_are_sent_to_sign_in(client, db):
    for response in (client.get(IMPORT), post(client, good_file())):
        assert response.status_code == 302
        assert response["Location"].startswith("/staff/login/")
    assert not Survey.objects.exists()


def test_an_analyst_sees_the_form_linked_from_the_analysis_pages(client, analyst):
    client.force_login(analyst)
    response = client.get(IMPORT)
    assert response.status_code == 200
    assert 'class="govuk-file-upload"' in page(response)
    assert 'enctype="multipart/form-data"' in page(response)
    assert f'href="{IMPORT}"' in page(client.get(RUNS))


# A good file


def test_a_good_file_becomes_a_published_survey_of_one_free_text_question(client, analyst):
    client.force_login(analyst)
    response = post(client, good_file(), question_text="What would make you feel safer here?")
    assert response.status_code == 302 and response["Location"] == RUNS
    survey = Survey.objects.get()
    assert survey.title == "Feeling safe 2025 (SmartSurvey)"
    assert "smartsurvey.csv" in survey.description
    version = survey.versions.get()
    assert version.is_published()
    question = Question.objects.get(step__version=version)
    assert question.text == "What would make you feel safer here?"
    assert question.is_free_text()
    followed = page(client.get(RUNS))
    assert "Imported 12 answers as “Feeling safe 2025 (SmartSurvey)”" in followed
    assert f'<option value="{question.pk}"' in followed


def test_each_row_with_text_becomes_a_complete_response_and_answer(client, analyst):
    client.force_login(analyst)
    post(client, good_file())
    responses = Response.objects.order_by("pk")
    assert responses.count() == Answer.objects.count() == 12  # the row with no text is left out
    assert set(responses.values_list("status", flat=True)) == {Response.Status.COMPLETE}
    first = responses[0]
    assert first.band == "12-17"
    assert timezone_local(first.started_at) == datetime(2025, 3, 14, 10, 22, tzinfo=LONDON)
    assert first.completed_at == first.started_at
    answer = first.answers.get()
    assert answer.value == answer.text == "More street lights in the park at night"
    bands = list(responses.values_list("band", flat=True))
    assert bands == [
        "12-17", "adult", "12-17", "12-17", "8-11", "12-17", "12-17", "4-7", "12-17", "12-17",
        "8-11", "12-17",
    ]  # fmt: skip
    undated = responses[1]
    assert undated.started_at.date() == undated.completed_at.date()


def timezone_local(moment):
    return moment.astimezone(LONDON)


def test_each_group_gets_a_closed_link_and_rows_without_one_get_none(client, analyst):
    client.force_login(analyst)
    post(client, good_file())
    links = {link.name: link for link in CollectionLink.objects.all()}
    assert set(links) == {"Imported: Oak Academy", "Imported: Elm College"}
    oak = links["Imported: Oak Academy"]
    assert oak.cohort_tags == ["Oak Academy"] and oak.created_by == analyst
    assert not oak.is_open()
    assert oak.responses.count() == 5
    assert links["Imported: Elm College"].responses.count() == 6
    assert Response.objects.filter(link=None).count() == 1


def test_codes_become_the_analysts_hand_codes(client, analyst):
    client.force_login(analyst)
    post(client, good_file())
    codings = {c.answer.text: c for c in HandCoding.objects.select_related("answer")}
    assert len(codings) == 4
    assert codings["More street lights in the park at night"].codes == ["school", "bullying"]
    assert codings["Stop people being mean online"].codes == ["online_safety"]
    assert {c.coded_by for c in codings.values()} == {analyst}


def test_the_import_is_recorded_with_who_when_and_the_files_ids(client, analyst):
    client.force_login(analyst)
    post(client, good_file())
    record = AnswerImport.objects.get()
    assert (record.file_name, record.row_count, record.imported_by) == (
        "smartsurvey.csv",
        12,
        analyst,
    )
    assert record.version == SurveyVersion.objects.get()
    assert set(record.source_ids) == {str(n) for n in range(101, 114)} - {"102"}
    assert Answer.objects.get(pk=record.source_ids["104"]).text.startswith("Teachers who listen")


def test_the_question_is_the_columns_name_unless_given(client, analyst):
    client.force_login(analyst)
    post(client, good_file())
    assert Question.objects.get().text == "What would make you feel safer?"


def test_rows_without_a_band_column_take_the_default_band(client, analyst):
    client.force_login(analyst)
    response = post(
        client,
        csv_file("Answer", "More buses", "Safer parks"),
        text_column="Answer",
        default_band="18-25",
        id_column="",
        band_column="",
        cohort_column="",
        date_column="",
        codes_column="",
    )
    assert response.status_code == 302
    assert list(Response.objects.values_list("band", flat=True)) == ["18-25", "18-25"]
    assert not CollectionLink.objects.exists() and not HandCoding.objects.exists()


def test_a_theme_run_over_the_imported_answers_works(
    client, analyst, django_capture_on_commit_callbacks
):
    client.force_login(analyst)
    post(client, good_file())
    question = Question.objects.get()
    elm = CollectionLink.objects.get(name="Imported: Elm College")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(RUNS, {"question": question.pk})
        # A fixed number of themes: choosing one automatically fails on a handful of answers
        # whose best silhouette is below zero (analysis/themes.py _choose_k).
        client.post(RUNS, {"question": question.pk, "links": [elm.pk], "n_themes": 2})
    everything, elm_only = ThemeRun.objects.order_by("pk")
    assert everything.status == ThemeRun.Status.DONE, everything.error
    assert everything.answer_count == 12
    assert everything.results.filter(codes_by_hand=True).count() == 4
    assert elm_only.status == ThemeRun.Status.DONE, elm_only.error
    assert elm_only.answer_count == 6
    assert client.get(everything.get_absolute_url()).status_code == 200


# Importing again


def test_the_same_file_again_is_refused_and_stores_nothing(client, analyst):
    client.force_login(analyst)
    post(client, good_file())
    before = counts()
    response = post(client, good_file(name="copy.csv"), title="Again")
    assert response.status_code == 400
    assert "These answers were imported before, as “Feeling safe 2025 (SmartSurvey)”" in page(
        response
    )
    assert counts() == before


def test_another_text_column_of_the_same_file_can_be_imported(client, analyst):
    client.force_login(analyst)
    post(client, good_file())
    response = post(
        client,
        good_file(),
        title="Feeling safe 2025: schools",
        text_column="School",
        codes_column="",
    )
    assert response.status_code == 302
    assert Survey.objects.count() == 2


def test_rows_imported_before_are_recognised_by_id_and_answer(client, analyst):
    client.force_login(analyst)
    post(client, good_file())
    before = counts()
    newer = csv_file(HEADER, *ROWS, "114,12,Oak Academy,26/06/2025,A new answer,")
    response = post(client, newer, title="Feeling safe 2025 (later export)")
    assert response.status_code == 400
    assert "12 of these answers (ids 101, 103, 104, 105, 106 and 7 more) were imported before" in (
        page(response)
    )
    assert counts() == before


def test_the_same_ids_with_other_answers_are_not_taken_for_a_reimport(client, analyst):
    client.force_login(analyst)
    post(client, good_file())
    other = csv_file("Response ID,Answer", "101,A different survey's answer", "103,Another one")
    response = post(client, other, title="Other survey", text_column="Answer", band_column="",
                    cohort_column="", date_column="", codes_column="")  # fmt: skip
    assert response.status_code == 302


# Bad input: a clear message, status 400, nothing stored


@pytest.mark.parametrize(
    ("upload", "fields", "message"),
    [
        (
            SimpleUploadedFile("answers.xlsx", b"PK\x03\x04" + b"\x00" * 64),
            {},
            "The file is an Excel workbook, not a CSV file.",
        ),
        (
            SimpleUploadedFile("answers.csv", b"Answer\n\x81\x8d\x8f\n"),
            {"text_column": "Answer"},
            "The file's text could not be read",
        ),
        (
            SimpleUploadedFile("answers.csv", b"\n\n"),
            {},
            "The file is empty: it needs a header row naming the columns, then answers.",
        ),
        (
            SimpleUploadedFile("answers.csv", b""),
            {},
            "The file is empty",
        ),
        (
            csv_file(HEADER, *ROWS),
            {"text_column": "Answer"},
            "The file has no text column called “Answer”. Its columns are: “Response ID”, “Age”, "
            "“School”, “Submitted”, “What would make you feel safer?”, “Codes”.",
        ),
        (
            csv_file(HEADER, *ROWS),
            {"date_column": "Date"},
            "The file has no date column called “Date”. Its columns are: “Response ID”",
        ),
        (
            csv_file(HEADER, "1,13,,,,", "2,14,,,  ,"),
            {},
            "No row has an answer in the column “What would make you feel safer?”.",
        ),
        (
            csv_file(HEADER, *ROWS, "120,13,,31/02/2025,An answer,"),
            {},
            "The date could not be read in row 15 (“31/02/2025”).",
        ),
        (
            csv_file(HEADER, *ROWS, "120,teenager,,,An answer,"),
            {},
            "The age band could not be read in row 15 (“teenager”).",
        ),
        (
            csv_file(HEADER, *ROWS, "120,,,,An answer,"),
            {"default_band": ""},
            "Rows 6, 15 have no age band: choose the age group for answers without one.",
        ),
        (
            csv_file(HEADER, *ROWS, "120,13,,,An answer,gangs; bullying; Knife crime"),
            {},
            "The codebook has no code called “Knife crime” (row 15); “gangs” (row 15).",
        ),
        (
            csv_file(HEADER, *ROWS, "101,13,,,An answer,"),
            {},
            "Each answer needs its own id, but these are used more than once: “101” (rows 2, 15).",
        ),
        (None, {}, "Choose the CSV file to import."),
        (csv_file(HEADER, *ROWS), {"title": ""}, "Give the imported survey a title."),
        (csv_file(HEADER, *ROWS), {"text_column": ""}, "Name the column that holds the answers."),
    ],
)
def test_a_bad_file_gets_a_clear_message_and_stores_nothing(
    client, analyst, upload, fields, message
):
    client.force_login(analyst)
    before = counts()
    response = client.post(IMPORT, {**FIELDS, **fields, **({"file": upload} if upload else {})})
    assert response.status_code == 400
    assert message in page(response)
    assert "There is a problem" in page(response)
    assert counts() == before


def test_a_file_too_large_is_refused(client, analyst, monkeypatch):
    monkeypatch.setattr(imports, "MAX_BYTES", 100)
    client.force_login(analyst)
    before = counts()
    response = post(client, good_file())
    assert response.status_code == 400
    assert "The file is larger than 0 MB, the most that can be imported at once." in page(response)
    assert counts() == before


def test_a_file_with_too_many_rows_is_refused(client, analyst, monkeypatch):
    monkeypatch.setattr(imports, "MAX_ROWS", 5)
    client.force_login(analyst)
    before = counts()
    response = post(client, good_file())
    assert response.status_code == 400
    assert "The file has 13 rows: up to 5 can be imported at once." in page(response)
    assert counts() == before


def test_a_failure_while_writing_stores_nothing(analyst, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(HandCoding.objects, "bulk_create", broken)
    before = counts()
    with pytest.raises(RuntimeError):
        services.answers_import(
            file=io.BytesIO(("\n".join([HEADER, *ROWS]) + "\n").encode()),
            filename="smartsurvey.csv",
            **FIELDS,
            by=analyst,
        )
    assert counts() == before


# The management command


def command(*args):
    out = io.StringIO()
    call_command("import_answers", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def write(tmp_path, *lines):
    path = tmp_path / "forms-export.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def test_the_command_imports_a_file(tmp_path, analyst):
    path = write(tmp_path, HEADER, *ROWS)
    out = command(
        path, "--text-column", "What would make you feel safer?", "--title", "Forms 2024",
        "--by", analyst.username, "--band-column", "Age", "--cohort-column", "School",
        "--date-column", "Submitted", "--codes-column", "Codes", "--id-column", "Response ID",
        "--default-band", "12-17", "--question", "What would help?",
    )  # fmt: skip
    assert out.startswith("Imported 12 answers as “Forms 2024”")
    assert Question.objects.get().text == "What would help?"
    assert HandCoding.objects.count() == 4
    assert AnswerImport.objects.get().file_name == "forms-export.csv"


def test_the_command_gives_the_same_messages_and_stores_nothing(tmp_path, analyst):
    path = write(tmp_path, HEADER, *ROWS, "120,13,,31/02/2025,An answer,")
    before = counts()
    with pytest.raises(
        CommandError, match=r"The date could not be read in row 15 \(“31/02/2025”\)"
    ):
        command(
            path, "--text-column", "What would make you feel safer?", "--title", "Forms 2024",
            "--by", analyst.username, "--band-column", "Age", "--date-column", "Submitted",
        )  # fmt: skip
    with pytest.raises(CommandError, match="no text column called “Answer”"):
        command(path, "--text-column", "Answer", "--title", "T", "--by", analyst.username)
    with pytest.raises(CommandError, match="No user called 'nobody'"):
        command(path, "--text-column", "Answer", "--title", "T", "--by", "nobody")
    with pytest.raises(CommandError, match="No file at"):
        command(str(tmp_path / "missing.csv"), "--text-column", "A", "--title", "T", "--by", "ann")
    assert counts() == before
