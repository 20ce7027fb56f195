"""Browser fixtures: one headless Chromium for the browser tests, a phone-sized page per test,
and axe-core.

Sync Playwright runs an asyncio event loop in the test thread for as long as it is started,
and Django refuses database calls from a thread with a running loop unless
DJANGO_ALLOW_ASYNC_UNSAFE is set. Both last only while the browser tests run: set for the whole
process, the variable would leak into other tests' `manage.py check --deploy` subprocesses
(async.E001), and a loop left running would refuse their database calls.
"""

import re
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

PHONE = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "locale": "en-GB",
}


@pytest.fixture(scope="package")
def browser():
    """One Chromium for every browser test (the whole run when only tests/browser is run)."""
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_context(browser):
    """Open extra browser contexts (a second device, no JavaScript); all closed afterwards."""
    opened = []

    def make(**options):
        context = browser.new_context(**{**PHONE, **options})
        context.set_default_timeout(10_000)
        opened.append(context)
        return context

    yield make
    for context in opened:
        context.close()


@pytest.fixture
def context(new_context):
    return new_context()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture
def survey_url(live_server, transactional_db, demo_link):
    """The demo survey's address on the live server."""
    return f"{live_server.url}/s/{demo_link.slug}/"


def _describe(violations) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation.get('impact')}): {violation['help']} "
            f"[{violation.get('helpUrl', '')}]"
        )
        for node in violation.get("nodes", []):
            lines.append(f"    target: {node.get('target')}  html: {node.get('html', '')[:160]}")
            summary = " ".join((node.get("failureSummary") or "").split())
            if summary:
                lines.append(f"    why: {summary[:300]}")
    return "\n".join(lines)


def check_axe(page) -> None:
    """Fail listing every WCAG 2.2 A/AA violation axe-core finds on the page as it is now.

    axe needs timers, which do not run in a context with JavaScript switched off. Such a page
    is checked as it is: its HTML, scripts removed, is served at the same address to a
    scratch page with scripting on (same styles and pictures) and checked there.
    """
    target = page
    scratch = None
    if not _scripts_run(page):
        scratch = page.context.browser.new_context(
            viewport=page.viewport_size, is_mobile=True, has_touch=True
        )
        target = scratch.new_page()
        html = re.sub(r"<script\b.*?</script>", "", page.content(), flags=re.S | re.I)
        url = page.url
        target.route(
            lambda address: address == url,
            lambda route: route.fulfill(body=html, content_type="text/html"),
        )
        target.goto(url)
    try:
        if not target.evaluate("typeof window.axe !== 'undefined'"):
            target.add_script_tag(path=str(AXE_JS))
        result = target.evaluate(
            """tags => axe.run(document, {runOnly: {type: 'tag', values: tags},
                                          resultTypes: ['violations']})""",
            AXE_TAGS,
        )
    finally:
        if scratch is not None:
            scratch.close()
    violations = result["violations"]
    assert not violations, f"axe found problems on {page.url}:\n{_describe(violations)}"


def _scripts_run(page) -> bool:
    try:
        return page.evaluate("document.body.classList.contains('js-enabled')")
    except Exception:
        return False


@pytest.fixture(name="check_axe")
def _check_axe_fixture():
    return check_axe


# Steps of the journey shared by the tests.


def continue_(page) -> None:
    """Press Continue and wait for the next page."""
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()


def begin(page, survey_url: str, band_label: str, axe: bool = True) -> None:
    """From the start page, choose an age band, read the assent page and press Start."""
    page.goto(survey_url)
    assert page.get_by_role("heading", name="How old are you?", level=1).is_visible()
    if axe:
        check_axe(page)
    page.get_by_role("button", name=band_label, exact=True).click()
    page.wait_for_url("**/about/?band=*")
    assert page.get_by_role("heading", name="Before you start").is_visible()
    if axe:
        check_axe(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Start").click()
    page.wait_for_url("**/answer/*/")
