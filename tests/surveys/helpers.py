"""Drive the respondent journey with Django's test client."""

from surveys.wizard import CHECK_STEP

MANAGEMENT = "answer_wizard-current_step"


def begin(client, band: str, slug: str = "demo"):
    return client.post(f"/s/{slug}/begin/", {"band": band})


def post_page(client, step: str, answers: dict | None = None, slug: str = "demo"):
    data = {MANAGEMENT: step}
    for key, value in (answers or {}).items():
        data[f"{step}-{key}"] = value
    return client.post(f"/s/{slug}/answer/{step}/", data)


def resume_code(client, slug: str = "demo") -> str:
    """The resume code this test browser holds, read from its cookies as the service reads it."""
    from django.test import RequestFactory

    from surveys.access import resume_code_for_browser
    from surveys.models import CollectionLink

    request = RequestFactory().get(f"/s/{slug}/")
    request.COOKIES = {name: morsel.value for name, morsel in client.cookies.items()}
    return resume_code_for_browser(request, CollectionLink.objects.get(slug=slug))


def page_url(step: str, slug: str = "demo") -> str:
    return f"/s/{slug}/answer/{step}/"


def check_url(slug: str = "demo") -> str:
    return page_url(CHECK_STEP, slug)


TEEN_ANSWERS = {
    "s-1": {"feel-today": "4"},
    "s-2": {"safe-home": "yes", "safest-place": "school"},
    "s-3": {"bullied": "never", "trusted-adults": ["family", "friend"]},
    "s-4": {"online-safe": "5", "online-app": "a drawing app"},
    "s-5": {"one-change": "More youth clubs open late"},
}


def answer_all_as_teen(client, slug: str = "demo"):
    begin(client, "12-17", slug)
    for step, answers in TEEN_ANSWERS.items():
        response = post_page(client, step, answers, slug)
        assert response.status_code == 302, response.content[:500]
    return response
