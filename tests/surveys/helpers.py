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
