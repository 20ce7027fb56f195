"""Importing answers from another survey tool's CSV export: who may, what it stores, how far an
import has got, and that a bad file gets a clear message and stores nothing."""

import html
import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection, connections
from django.test import TestCase

from analysis import imports, services
from analysis.models import AnswerImport, HandCoding, ThemeRun
from analysis.services import import_writes
from analysis.tasks import answers_import_task
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
    """Send the form as a browser does; the immediate task backend imports the file when the
    request's transaction commits."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(IMPORT, {**FIELDS, "file": file, **fields})


def post_queued(client, file, **fields):
    """Send the form, leaving the import queued as it is until a worker takes it."""
    return client.post(IMPORT, {**FIELDS, "file": file, **fields})


def counts() -> dict:
    models = [Survey, SurveyVersion, Question, CollectionLink, Response, Answer, HandCoding]
    return {model.__name__: model.objects.count() for model in models + [AnswerImport]}


def with_a_failed_import(before: dict) -> dict:
    """What a file with bad rows leaves: its import, failed, and nothing else."""
    assert AnswerImport.objects.latest("pk").status == AnswerImport.Status.FAILED
    return {**before, "AnswerImport": before["AnswerImport"] + 1}


def page(response) -> str:
    return html.unescape(response.content.decode())


# Who may import


def test_staff_without_the_analyst_role_and_outsiders_are_refused(client, officer, outsider):
    for person in (officer, outsider):
        client.force_login(person)
        assert client.get(IMPORT).status_code == 403
        assert post(client, good_file()).status_code == 403
    assert not Survey.objects.exists() and not Response.objects.exists()
    assert not AnswerImport.objects.exists()


def test_signed_out_visitors_are_sent_to_sign_in(client, db):
    for response in (client.get(IMPORT), post(client, good_file())):
        assert response.status_code == 302
        assert response["Location"].startswith("/staff/login/")
    assert not Survey.objects.exists()


@pytest.fixture
def finished_import(client, analyst) -> AnswerImport:
    client.force_login(analyst)
    post(client, good_file())
    client.logout()
    return AnswerImport.objects.get()


def test_an_imports_page_is_refused_to_staff_without_the_analyst_role_and_outsiders(
    client, finished_import, officer, lead, outsider
):
    for person in (officer, lead, outsider):
        client.force_login(person)
        response = client.get(finished_import.get_absolute_url())
        assert response.status_code == 403
        assert "Feeling safe 2025" not in page(response)


def test_an_imports_page_sends_signed_out_visitors_to_sign_in(client, finished_import):
    response = client.get(finished_import.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"].startswith("/staff/login/")


def test_an_import_that_does_not_exist_is_not_found(client, analyst):
    client.force_login(analyst)
    assert client.get(f"{IMPORT}999/").status_code == 404


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
    record = AnswerImport.objects.get()
    assert response.status_code == 302 and response["Location"] == record.get_absolute_url()
    survey = Survey.objects.get()
    assert survey.title == "Feeling safe 2025 (SmartSurvey)"
    assert "smartsurvey.csv" in survey.description
    version = survey.versions.get()
    assert version.is_published()
    question = Question.objects.get(step__version=version)
    assert question.text == "What would make you feel safer here?"
    assert question.is_free_text()
    assert f'<option value="{question.pk}"' in page(client.get(RUNS))


def test_the_imports_page_shows_it_done_with_its_count_and_where_to_theme_it(client, analyst):
    client.force_login(analyst)
    response = client.get(post(client, good_file())["Location"])
    assert response.status_code == 200
    shown = page(response)
    assert "Answers imported" in shown
    assert "12 answers, as “Feeling safe 2025 (SmartSurvey)”" in shown
    assert "choose their question, “What would make you feel safer?”" in shown
    assert f'href="{RUNS}"' in shown
    responses = f"/staff/versions/{SurveyVersion.objects.get().pk}/responses/"
    assert f'href="{responses}"' in shown and client.get(responses).status_code == 200
    # Finished: no progress bar, nothing polling for more.
    assert "<progress" not in shown and "data-app-import-pending" not in shown


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
    assert AnswerImport.objects.get().status == AnswerImport.Status.DONE
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
    assert response.status_code == 302
    assert "12 of these answers (ids 101, 103, 104, 105, 106 and 7 more) were imported before" in (
        page(client.get(response["Location"]))
    )
    assert counts() == with_a_failed_import(before)


def test_the_same_ids_with_other_answers_are_not_taken_for_a_reimport(client, analyst):
    client.force_login(analyst)
    post(client, good_file())
    other = csv_file("Response ID,Answer", "101,A different survey's answer", "103,Another one")
    response = post(client, other, title="Other survey", text_column="Answer", band_column="",
                    cohort_column="", date_column="", codes_column="")  # fmt: skip
    assert response.status_code == 302
    assert AnswerImport.objects.latest("pk").status == AnswerImport.Status.DONE


# Bad input found in the request: a clear message, status 400, nothing stored


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
            SimpleUploadedFile("answers.csv", b'Answer\n"An answer that never ends\n'),
            {"text_column": "Answer"},
            "The file is not a readable CSV file",
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


# Bad rows, found as the rows are read: the import's page lists them, and nothing is imported


@pytest.mark.parametrize(
    ("upload", "fields", "message"),
    [
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
    ],
)
def test_a_file_with_bad_rows_shows_the_problems_and_imports_nothing(
    client, analyst, upload, fields, message
):
    client.force_login(analyst)
    before = counts()
    response = post(client, upload, **fields)
    record = AnswerImport.objects.get()
    assert response.status_code == 302 and response["Location"] == record.get_absolute_url()
    shown = page(client.get(response["Location"]))
    assert "Nothing was imported" in shown
    assert message in shown
    assert "<progress" not in shown and "data-app-import-pending" not in shown
    assert counts() == with_a_failed_import(before)
    assert record.status == AnswerImport.Status.FAILED and record.version is None
    assert record.upload is None


def test_a_failure_while_writing_stores_nothing(analyst, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(HandCoding.objects, "bulk_create", broken)
    before = counts()
    record = services.answers_import_start(
        file=io.BytesIO(("\n".join([HEADER, *ROWS]) + "\n").encode()),
        filename="smartsurvey.csv",
        **FIELDS,
        by=analyst,
        queue=False,
    )
    with pytest.raises(RuntimeError):
        services.answers_import_execute(import_id=record.pk)
    assert counts() == with_a_failed_import(before)
    record.refresh_from_db()
    assert "RuntimeError: database went away" in record.problems[0]
    assert record.upload is None


# Queued, under way, finished


def test_the_upload_is_kept_only_until_the_import_finishes(client, analyst):
    client.force_login(analyst)
    response = post_queued(client, good_file())
    record = AnswerImport.objects.get()
    assert record.status == AnswerImport.Status.QUEUED
    assert bytes(record.upload) == ("\n".join([HEADER, *ROWS]) + "\n").encode()
    assert not Survey.objects.exists()
    answers_import_task.call(record.pk)
    record.refresh_from_db()
    assert record.status == AnswerImport.Status.DONE and record.row_count == 12
    assert record.upload is None
    assert "Answers imported" in page(client.get(response["Location"]))


def test_a_queued_import_shows_how_many_rows_wait_and_how_to_check_again(client, analyst):
    client.force_login(analyst)
    response = client.get(post_queued(client, good_file())["Location"])
    shown = page(response)
    assert response.status_code == 200
    assert "Waiting to start: 13 rows in the file" in shown
    assert 'role="status"' in shown and "<progress" in shown
    assert f'href="{AnswerImport.objects.get().get_absolute_url()}">Check again' in shown
    assert "<meta http-equiv" not in shown  # updated in place, never reloaded under a reader


def test_an_import_under_way_shows_its_rows_done_of_all(client, analyst):
    client.force_login(analyst)
    url = post_queued(client, good_file())["Location"]
    AnswerImport.objects.update(
        status=AnswerImport.Status.RUNNING,
        stage=AnswerImport.Stage.SAVING,
        rows_done=12_000,
        rows_total=200_000,
    )
    shown = page(client.get(url))
    assert "Saving answers: 12,000 of 200,000" in shown
    assert '<progress id="import-progress" max="200000" value="12000">' in shown
    assert "data-app-import-pending" in shown


def test_the_same_file_sent_twice_while_queued_is_imported_once(client, analyst):
    client.force_login(analyst)
    first = post_queued(client, good_file())
    again = post_queued(client, good_file())
    assert again.status_code == 302 and again["Location"] == first["Location"]
    assert AnswerImport.objects.count() == 1


def test_an_import_already_taken_is_left_alone(analyst):
    record = services.answers_import_start(
        file=io.BytesIO(("\n".join([HEADER, *ROWS]) + "\n").encode()),
        filename="smartsurvey.csv",
        **FIELDS,
        by=analyst,
        queue=False,
    )
    AnswerImport.objects.filter(pk=record.pk).update(status=AnswerImport.Status.RUNNING)
    assert services.answers_import_execute(import_id=record.pk).status == "running"
    assert not Survey.objects.exists()


def test_progress_is_reported_for_each_stage_in_bounded_steps(analyst, monkeypatch):
    monkeypatch.setattr(imports, "PROGRESS_EVERY", 5)
    monkeypatch.setattr(import_writes, "RESULTS_BATCH", 5)
    record = services.answers_import_start(
        file=io.BytesIO(("\n".join([HEADER, *ROWS]) + "\n").encode()),
        filename="smartsurvey.csv",
        **FIELDS,
        by=analyst,
        queue=False,
    )
    told = []
    record = services.answers_import_execute(
        import_id=record.pk, progress=lambda *step: told.append(step)
    )
    assert told == [
        ("Checking rows", 0, 13),
        ("Checking rows", 5, 13),
        ("Checking rows", 10, 13),
        ("Checking rows", 13, 13),
        ("Saving answers", 0, 12),
        ("Saving answers", 5, 12),
        ("Saving answers", 10, 12),
        ("Saving answers", 12, 12),
    ]
    assert (record.status, record.rows_done, record.rows_total) == ("done", 12, 12)


@pytest.mark.django_db(transaction=True)
def test_progress_while_saving_shows_before_the_import_commits(analyst, monkeypatch):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite lets one connection write at a time: the count shows on commit")
    monkeypatch.setattr(import_writes, "RESULTS_BATCH", 5)
    record = services.answers_import_start(
        file=io.BytesIO(("\n".join([HEADER, *ROWS]) + "\n").encode()),
        filename="smartsurvey.csv",
        **FIELDS,
        by=analyst,
        queue=False,
    )
    seen = []
    reader = connections.create_connection("default")

    def look(stage, done, total):
        if stage == "Saving answers":
            with reader.cursor() as cursor:
                table = AnswerImport._meta.db_table
                cursor.execute(f"SELECT rows_done FROM {table} WHERE id = %s", [record.pk])
                seen.append(cursor.fetchone()[0])

    try:
        services.answers_import_execute(import_id=record.pk, progress=look)
    finally:
        reader.close()
    assert seen == [0, 5, 10, 12]


# The management command


def command(*args):
    out = io.StringIO()
    call_command("import_answers", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def write(tmp_path, *lines):
    path = tmp_path / "forms-export.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def test_the_command_imports_a_file_with_a_progress_bar(tmp_path, analyst, capsys):
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
    record = AnswerImport.objects.get()
    assert record.file_name == "forms-export.csv" and record.upload is None
    bar = capsys.readouterr().err
    assert "13 of 13 checking rows" in bar and "12 of 12 saving answers" in bar


def test_the_command_gives_the_same_messages_and_imports_nothing(tmp_path, analyst):
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
    assert counts() == with_a_failed_import(before)
