"""Which pages a respondent sees, in which order, for their age band and earlier answers."""

from dataclasses import dataclass

from django.db.models import Prefetch

from surveys.models import AgeBand, Choice, Question, QuestionWording, Step, SurveyVersion

# Published versions never change, so their loaded structure is kept for the process's life.
_published_cache: dict[int, list[Step]] = {}


@dataclass(frozen=True)
class Wording:
    text: str
    help_text: str
    image: str
    image_alt: str


@dataclass(frozen=True)
class Page:
    key: str
    step: Step
    questions: tuple[Question, ...]


def load_structure(version: SurveyVersion) -> list[Step]:
    """Steps with their questions, choices and wordings, in three queries."""
    if version.is_published() and version.pk in _published_cache:
        return _published_cache[version.pk]
    questions = Question.objects.order_by("order").prefetch_related(
        Prefetch("choices", queryset=Choice.objects.order_by("order")),
        Prefetch("wordings", queryset=QuestionWording.objects.all()),
    )
    steps = list(
        Step.objects.filter(version=version)
        .order_by("order")
        .prefetch_related(Prefetch("questions", queryset=questions))
    )
    if version.is_published():
        _published_cache[version.pk] = steps
    return steps


def forget_structure(version_id: int) -> None:
    """Drop a version read in as published by a transaction that then rolled back: the
    database may give its key to another version, which could still be a draft."""
    _published_cache.pop(version_id, None)


def is_published_structure(version_id: int) -> bool:
    """Whether this process holds the version as published, so it can no longer change."""
    return version_id in _published_cache


def structure_for(response) -> list[Step]:
    """The structure of the version a response answers, without reading the version row when
    it is already loaded."""
    cached = _published_cache.get(response.version_id)
    return cached if cached is not None else load_structure(response.version)


def plan_pages(steps: list[Step], band: str, answers: dict) -> list[Page]:
    """Visible pages: one per question for the youngest bands, otherwise one per step."""
    pages = []
    for step in steps:
        if not step.shown_to(band, answers):
            continue
        visible = tuple(q for q in step.questions.all() if q.shown_to(band, answers))
        if not visible:
            continue
        if AgeBand.one_question_per_page(band):
            pages.extend(Page(f"q-{q.key}", step, (q,)) for q in visible)
        else:
            pages.append(Page(f"s-{step.order}", step, visible))
    return pages


def all_questions(steps: list[Step], band: str) -> list[Question]:
    """Every question a band could see, whatever the answers (for previews)."""
    return [
        q
        for step in steps
        if not step.bands or band in step.bands
        for q in step.questions.all()
        if not q.bands or band in q.bands
    ]


def wording_for(question: Question, band: str, language: str) -> Wording:
    """The most specific wording: band and language, then language, then band, then default."""
    by_key = {(w.band, w.language): w for w in question.wordings.all()}
    for key in [(band, language), ("", language), (band, "en"), ("", "en")]:
        found = by_key.get(key)
        if found:
            return Wording(
                found.text,
                found.help_text,
                found.image or question.image,
                found.image_alt or question.image_alt,
            )
    return Wording(question.text, question.help_text, question.image, question.image_alt)
