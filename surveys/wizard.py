"""The respondent's journey through a survey, built on django-formtools' named-URL wizard.

The page list is built on each request from the version, the age band and earlier answers.
Each page's answers are written to the database as it is submitted (not kept in the session),
so the wizard's storage reads them back from the response.
"""

from collections import OrderedDict

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from formtools.wizard.forms import ManagementForm
from formtools.wizard.storage import get_storage
from formtools.wizard.storage.base import BaseStorage
from formtools.wizard.views import NamedUrlWizardView, StepsHelper

from surveys import access, services
from surveys.forms import describe_answer, page_form_class
from surveys.models import Answer
from surveys.plan import is_published_structure, plan_pages, structure_for, wording_for

CHECK_STEP = "check"
# Sent by the page script (static/js/app.js): "draw the next page in this response".
NEXT_HERE_FIELD = "next_here"
# How surveys/urls.py mounts the wizard; first_page() builds it the same way.
WIZARD_OPTIONS = {"url_name": "surveys-answer", "done_step_name": CHECK_STEP}
FRESH_PAGES_MAX = 2000
_CSRF_PLACEHOLDER = "\x00csrf-token\x00"
# (version, band, language, page address, pages, question count) -> page HTML, token left out.
_fresh_pages: dict[tuple, str] = {}
# (version, page, questions, band, language, first number) -> form class
_form_classes: dict[tuple, type] = {}


class ResponseStorage(BaseStorage):
    """Wizard storage read from the response row; writes happen in response_save_step."""

    def __init__(self, prefix, request=None, file_storage=None):
        super().__init__(prefix, request, file_storage)
        self.init_data()
        saved = request.survey_response.wizard_state.get("step_data", {})
        self.data[self.step_data_key] = dict(saved)


class AnswerWizard(NamedUrlWizardView):
    storage_name = "surveys.wizard.ResponseStorage"
    template_name = "surveys/page.html"
    # formtools needs one form at start-up; the real list comes from get_form_list().
    form_list = [("placeholder", forms.Form)]

    @classmethod
    def first_page(cls, request, link, response) -> HttpResponse:
        """The first page of a response just begun, drawn in the begin POST's own response (as
        the next page is after Continue) and as a GET of its address would draw it."""
        wizard = cls(**cls.get_initkwargs(**WIZARD_OPTIONS))
        wizard.setup(request, slug=link.slug)
        wizard.link, wizard.response = link, response
        request.survey_response = response
        wizard.prefix = wizard.get_prefix(request)
        wizard.storage = get_storage(wizard.storage_name, wizard.prefix, request)
        wizard.steps = StepsHelper(wizard)
        return wizard._draw_here(wizard.first_unanswered())

    def dispatch(self, request, *args, slug, step=None, **kwargs):
        self.link = request.survey_link
        self.response = access.response_for_browser(request, self.link)
        if self.response is None:
            messages.info(request, _("Start the survey here, or carry on with your code."))
            return redirect("surveys-start", slug=self.link.slug)
        request.survey_response = self.response
        return super().dispatch(request, *args, step=step, **kwargs)

    # The page list

    def get_form_list(self):
        if getattr(self, "_resolved_form_list", None) is None:
            steps = structure_for(self.response)
            self.pages = plan_pages(steps, self.response.band, self.response.answer_values())
            self.total_questions = sum(len(p.questions) for p in self.pages)
            forms_by_key, number = OrderedDict(), 1
            for page in self.pages:
                forms_by_key[page.key] = self._form_class(page, number)
                number += len(page.questions)
            self._resolved_form_list = forms_by_key
            self._cache_signature = None
        return self._resolved_form_list

    def _form_class(self, page, number: int):
        """Form classes of a published version never change: build each once per process."""
        band, language = self.response.band, get_language()
        if not is_published_structure(self.response.version_id):
            return page_form_class(page, band, language, number)
        key = (self.response.version_id, page.key, page.questions, band, language, number)
        found = _form_classes.get(key)
        if found is None:
            found = _form_classes[key] = page_form_class(page, band, language, number)
        return found

    def first_unanswered(self) -> str:
        answered = self.storage.data[self.storage.step_data_key]
        for key in self.get_form_list():
            if key not in answered:
                return key
        return CHECK_STEP

    def get_step_url(self, step):
        return reverse("surveys-answer", kwargs={"slug": self.link.slug, "step": step})

    # Requests

    def get(self, request, *args, step=None, **kwargs):
        if step is None:
            return redirect(self.get_step_url(self.first_unanswered()))
        if not self._reachable(step):
            return redirect(self.get_step_url(self.first_unanswered()))
        if step != CHECK_STEP:
            self.storage.current_step = step
        return super().get(request, *args, step=step, **kwargs)

    def post(self, request, *args, step=None, **kwargs):
        management = ManagementForm(request.POST, prefix=self.prefix)
        posted_step = management.is_valid() and management.cleaned_data["current_step"]
        if posted_step != step or step not in self.get_form_list():
            messages.error(request, _("That page has changed. Please answer it again."))
            return redirect(self.get_step_url(self.first_unanswered()))
        if not self._reachable(step):
            messages.error(request, _("Please answer the earlier questions first."))
            return redirect(self.get_step_url(self.first_unanswered()))
        self.storage.current_step = step
        self.help_needed = False
        return super().post(request, *args, step=step, **kwargs)

    def _reachable(self, step) -> bool:
        """Skipping ahead is refused: every page before this one must have been submitted."""
        keys = list(self.get_form_list())
        if step == CHECK_STEP:
            return self.first_unanswered() == CHECK_STEP
        if step not in keys:
            return False
        first_open = self.first_unanswered()
        return first_open == CHECK_STEP or keys.index(step) <= keys.index(first_open)

    # Saving

    def get_form_step_data(self, form):
        """Keep only this page's own fields: no CSRF token or wizard bookkeeping in storage."""
        prefix = form.prefix + "-"
        return {k: form.data.getlist(k) for k in form.data if k.startswith(prefix)}

    def process_step(self, form):
        raw = self.get_form_step_data(form)
        concerns = services.response_save_step(
            response=self.response,
            page_key=self.steps.current,
            raw_data=raw,
            answers=form.answers(),
        )
        self.help_needed = bool(concerns)
        return raw

    def render_next_step(self, form, **kwargs):
        if self._page_grew(form):
            return self._after_save(self.steps.current)
        return self._after_save(self.get_next_step() or CHECK_STEP)

    def render_done(self, form, **kwargs):
        if kwargs.get("step") != CHECK_STEP:
            if self._page_grew(form):
                return self._after_save(self.steps.current)
            return self._after_save(CHECK_STEP)
        return super().render_done(form, **kwargs)

    def _page_grew(self, form) -> bool:
        """An answer on this page revealed another question on it: show the page again."""
        now_shown = self.get_form_list().get(self.steps.current)
        if now_shown is None:
            return False
        return bool(set(now_shown.page.questions) - set(form.page.questions))

    def _after_save(self, next_step):
        if getattr(self, "help_needed", False):
            url = reverse("surveys-help", kwargs={"slug": self.link.slug})
            return redirect(f"{url}?next={next_step}")
        if wants_next_here(self.request):
            return self._draw_here(next_step)
        return redirect(self.get_step_url(next_step))

    def _draw_here(self, step):
        """The next page in this POST's own response, as a GET of its address would draw it."""
        if step == CHECK_STEP:
            return self.render_done(None, step=CHECK_STEP)
        self.storage.current_step = step
        form = self.get_form(
            data=self.storage.current_step_data, files=self.storage.current_step_files
        )
        return self.render(form)

    def render_revalidation_failure(self, failed_step, form, **kwargs):
        messages.error(self.request, _("Please check your answers on this page."))
        return redirect(self.get_step_url(failed_step))

    # Showing

    def render(self, form=None, **kwargs):
        """A page nobody has answered yet looks the same for everyone on the same path but for
        the CSRF token, so it is drawn once per process and the token put in afterwards."""
        form = form or self.get_form()
        key = self._fresh_page_key(form)
        if key is None:
            return super().render(form, **kwargs)
        html = _fresh_pages.get(key)
        if html is None:
            context = self.get_context_data(form=form, **kwargs)
            context["csrf_token"] = _CSRF_PLACEHOLDER
            html = render_to_string(self.get_template_names(), context, self.request)
            if len(_fresh_pages) >= FRESH_PAGES_MAX:
                _fresh_pages.clear()
            _fresh_pages[key] = html
        return HttpResponse(html.replace(_CSRF_PLACEHOLDER, get_token(self.request)))

    def _fresh_page_key(self, form) -> tuple | None:
        """What a fresh page depends on, or None when it shows anything of this respondent's
        (answers, errors, messages) or its survey version could still change."""
        if form.is_bound or len(messages.get_messages(self.request)):
            return None
        if not is_published_structure(self.response.version_id):
            return None
        return (
            self.response.version_id,
            self.response.band,
            get_language(),
            self.get_step_url(self.steps.current),
            tuple(self.get_form_list()),
            self.total_questions,
        )

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form=form, **kwargs)
        keys = list(self.get_form_list())
        index = keys.index(self.steps.current)
        first = form.first_number
        last = first + len(form.page.questions) - 1
        if first == last:
            progress = _("Question %(n)s of %(total)s") % {
                "n": first,
                "total": self.total_questions,
            }
        else:
            progress = _("Questions %(first)s to %(last)s of %(total)s") % {
                "first": first,
                "last": last,
                "total": self.total_questions,
            }
        context.update(
            link=self.link,
            response=self.response,
            page=form.page,
            items=form.items(),
            progress=progress,
            step_title=form.page.step.title_in(get_language()),
            question_heading="h1" if first == last else "h2",
            back_url=self.get_step_url(keys[index - 1]) if index else None,
            page_url=self.get_step_url(self.steps.current),
            resume_code=access.resume_code_for_browser(self.request, self.link),
        )
        return context

    def done(self, form_list, **kwargs):
        """Show check-your-answers; sending is a separate POST (surveys-submit)."""
        from django.shortcuts import render

        answers = {a.question_id: a for a in Answer.objects.filter(response=self.response)}
        rows = []
        for page in self.pages:
            for question in page.questions:
                answer = answers.get(question.id)
                rows.append(
                    {
                        "question_text": wording_for(
                            question, self.response.band, get_language()
                        ).text,
                        "change_url": self.get_step_url(page.key),
                        "answer": describe_answer(
                            question,
                            answer.value if answer else None,
                            answer.prefer_not_say if answer else False,
                            self.response.band,
                            get_language(),
                        ),
                    }
                )
        return render(
            self.request,
            "surveys/check.html",
            {
                "link": self.link,
                "rows": rows,
                "response": self.response,
                "back_url": self.get_step_url(self.pages[-1].key) if self.pages else None,
                "page_url": self.get_step_url(CHECK_STEP),
                "resume_code": access.resume_code_for_browser(self.request, self.link),
            },
        )


def wants_next_here(request) -> bool:
    """The page script asks for the next page in the POST's own response, saving a round trip
    on slow phone networks, and then gives the history that page's own address (app.js), so
    a refresh or Back loads it afresh and never sends answers again. Without the script the
    answer is a redirect, for the same reason."""
    return request.POST.get(NEXT_HERE_FIELD) == "1"


def shown_question_ids(response) -> tuple[set[int], bool]:
    """Questions on the pages this response now shows, and whether every page was submitted."""
    pages = plan_pages(structure_for(response), response.band, response.answer_values())
    answered = response.answered_pages()
    all_done = all(page.key in answered for page in pages)
    return {q.id for page in pages for q in page.questions}, all_done
