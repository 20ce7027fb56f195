"""Forms built from a survey version's questions, for one age band and language."""

from dataclasses import dataclass
from functools import lru_cache

from django import forms
from django.templatetags.static import static
from django.utils.translation import gettext_lazy as _

from surveys.models import AgeBand, CollectionLink, Question, SurveyVersion
from surveys.plan import Page, Wording, wording_for

PREFER_NOT_SAY = "prefer-not-say"
RATHER_NOT_SAY_SUFFIX = "__rather_not_say"

YES_NO_CHOICES = [("yes", _("Yes")), ("no", _("No")), ("not-sure", _("Not sure"))]
FEELINGS_5 = [
    ("1", _("Very sad")),
    ("2", _("Sad")),
    ("3", _("Okay")),
    ("4", _("Happy")),
    ("5", _("Very happy")),
]
# Three faces share the five-point scale's ends and middle, so bands can be compared.
FEELINGS_3 = [("1", _("Sad")), ("3", _("Okay")), ("5", _("Happy"))]

INVALID_CHOICE = _("Choose one of the answers on the page.")


@dataclass(frozen=True)
class ChoiceItem:
    value: str
    label: str
    image: str = ""
    image_alt: str = ""


def choice_items(question: Question, band: str, language: str) -> list[ChoiceItem]:
    kind = question.kind
    if kind == Question.Kind.YES_NO:
        return [ChoiceItem(v, str(label)) for v, label in YES_NO_CHOICES]
    if kind == Question.Kind.FEELINGS:
        scale = FEELINGS_3 if AgeBand.feelings_points(band) == 3 else FEELINGS_5
        return [
            ChoiceItem(v, str(label), f"img/faces/face-{v}.svg", str(label)) for v, label in scale
        ]
    return [
        ChoiceItem(c.value, c.label_in(language), c.image, c.image_alt_in(language))
        for c in question.choices.all()
    ]


@dataclass(frozen=True)
class Option:
    """One radio or checkbox as drawn: everything the template needs, worked out once."""

    input_id: str
    value: str
    label: str
    image_url: str
    image_alt: str
    checked: bool


@dataclass
class QuestionItem:
    """What a question template needs: the question, its words, choices and bound fields."""

    question: Question
    wording: Wording
    choices: list[ChoiceItem]
    field: forms.BoundField
    rather_not_say: forms.BoundField | None
    number: int

    def selected(self) -> list[str]:
        value = self.field.value()
        values = value if isinstance(value, list | tuple) else [value]
        return [str(v) for v in values if v not in (None, "")]

    def options(self) -> list[Option]:
        """The choices, then "I'd rather not say" where allowed, with ids and ticks."""
        selected = set(self.selected())
        base_id = self.field.id_for_label
        options = [
            Option(
                base_id if index == 0 else f"{base_id}-{index + 1}",
                choice.value,
                choice.label,
                static_url(choice.image) if choice.image else "",
                choice.image_alt if self.question.kind == Question.Kind.PICTURE else "",
                choice.value in selected,
            )
            for index, choice in enumerate(self.choices)
        ]
        if self.question.allow_prefer_not_say:
            options.append(
                Option(
                    f"{base_id}-rather-not-say",
                    PREFER_NOT_SAY,
                    str(_("I'd rather not say")),
                    "",
                    "",
                    PREFER_NOT_SAY in selected,
                )
            )
        return options


@lru_cache(maxsize=512)
def static_url(path: str) -> str:
    # Hashed static names are looked up in the manifest; the answer never changes in a process.
    return static(path)


class PageForm(forms.Form):
    """One wizard page. Subclassed per page with `page`, `band`, `language` and `first_number`."""

    page: Page
    band: str
    language: str
    first_number: int = 1

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for question in self.page.questions:
            self.fields[question.key] = self._field_for(question)
            if question.is_free_text() and question.allow_prefer_not_say:
                self.fields[question.key + RATHER_NOT_SAY_SUFFIX] = forms.BooleanField(
                    required=False, label=_("I'd rather not say")
                )

    def _field_for(self, question: Question) -> forms.Field:
        wording = wording_for(question, self.band, self.language)
        required = {"required": _("Answer this question to carry on: %(q)s") % {"q": wording.text}}
        if question.is_free_text():
            limit = question.text_limit()
            return forms.CharField(
                required=question.required,
                max_length=limit,
                error_messages={
                    **required,
                    "max_length": _(
                        "Your answer must be %(limit_value)d characters or fewer "
                        "(it has %(show_value)d). Make it shorter to carry on."
                    ),
                },
            )
        choices = [(c.value, c.label) for c in choice_items(question, self.band, self.language)]
        if question.allow_prefer_not_say:
            choices.append((PREFER_NOT_SAY, _("I'd rather not say")))
        field_class = (
            forms.MultipleChoiceField
            if question.kind == Question.Kind.MULTIPLE
            else forms.ChoiceField
        )
        return field_class(
            choices=choices,
            required=question.required,
            error_messages={**required, "invalid_choice": INVALID_CHOICE},
        )

    def clean(self):
        cleaned = super().clean()
        for question in self.page.questions:
            picked = cleaned.get(question.key)
            if isinstance(picked, list) and PREFER_NOT_SAY in picked and len(picked) > 1:
                self.add_error(
                    question.key,
                    _("Choose “I'd rather not say” on its own, or untick it."),
                )
        return cleaned

    def items(self) -> list[QuestionItem]:
        result = []
        for number, question in enumerate(self.page.questions, start=self.first_number):
            rns_name = question.key + RATHER_NOT_SAY_SUFFIX
            result.append(
                QuestionItem(
                    question=question,
                    wording=wording_for(question, self.band, self.language),
                    choices=choice_items(question, self.band, self.language),
                    field=self[question.key],
                    rather_not_say=self[rns_name] if rns_name in self.fields else None,
                    number=number,
                )
            )
        return result

    def answers(self) -> list[tuple[Question, object, str, bool]]:
        """(question, value, free text, prefer not say) for each question on the page."""
        result = []
        for question in self.page.questions:
            raw = self.cleaned_data.get(question.key)
            if question.is_free_text():
                rns = self.cleaned_data.get(question.key + RATHER_NOT_SAY_SUFFIX, False)
                text = raw or ""
                result.append((question, text or None, text, bool(rns and not text)))
            elif raw == PREFER_NOT_SAY or (isinstance(raw, list) and PREFER_NOT_SAY in raw):
                result.append((question, None, "", True))
            elif question.kind == Question.Kind.FEELINGS:
                result.append((question, int(raw) if raw else None, "", False))
            else:
                result.append((question, raw or None, "", False))
        return result


def page_form_class(page: Page, band: str, language: str, first_number: int) -> type[PageForm]:
    attrs = {"page": page, "band": band, "language": language, "first_number": first_number}
    return type("PageForm", (PageForm,), attrs)


def describe_answer(question: Question, value, prefer_not_say: bool, band: str, language: str):
    """The answer in words, for the check-your-answers page."""
    if prefer_not_say:
        return _("I'd rather not say")
    if value in (None, "", []):
        return _("Skipped")
    if question.is_free_text():
        return value
    labels = {c.value: c.label for c in choice_items(question, band, language)}
    values = value if isinstance(value, list) else [value]
    return ", ".join(labels.get(str(v), str(v)) for v in values)


class BandForm(forms.Form):
    band = forms.ChoiceField(
        choices=AgeBand.choices,
        error_messages={
            "required": _("Choose how old you are."),
            "invalid_choice": _("Choose how old you are."),
        },
    )


class ResumeForm(forms.Form):
    code = forms.CharField(
        label=_("Your code"),
        max_length=20,
        error_messages={"required": _("Enter the code you were given, like ABCD 2345.")},
    )

    def clean_code(self):
        code = "".join(ch for ch in self.cleaned_data["code"].upper() if ch.isalnum())
        if len(code) != 8:
            raise forms.ValidationError(_("The code has 8 letters and numbers, like ABCD 2345."))
        return code


class CollectionLinkForm(forms.ModelForm):
    cohort_tags_text = forms.CharField(
        label=_("Groups (optional)"),
        required=False,
        help_text=_("Separate with commas, e.g. children in care, SEND."),
    )

    class Meta:
        model = CollectionLink
        fields = [
            "version",
            "name",
            "setting",
            "opens_at",
            "closes_at",
            "fixed_band",
            "safeguarding_lead",
        ]
        widgets = {
            "opens_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "closes_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
        }

    def __init__(self, *args, leads=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].queryset = SurveyVersion.objects.filter(
            status=SurveyVersion.Status.PUBLISHED
        ).select_related("survey")
        self.fields["version"].label = _("Survey")
        self.fields["safeguarding_lead"].queryset = leads
        self.fields["safeguarding_lead"].required = True
        self.fields["safeguarding_lead"].label = _("Named safeguarding lead")
        self.fields["fixed_band"].label = _("Age band (leave empty to let people choose)")
        for field in self.fields.values():
            is_select = isinstance(field.widget, forms.Select)
            field.widget.attrs["class"] = "govuk-select" if is_select else "govuk-input"

    def clean(self):
        cleaned = super().clean()
        opens, closes = cleaned.get("opens_at"), cleaned.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("The closing date must be after the opening date."))
        return cleaned

    def cohort_tags(self) -> list[str]:
        raw = self.cleaned_data.get("cohort_tags_text", "")
        return sorted({tag.strip().lower() for tag in raw.split(",") if tag.strip()})


class ConcernActionForm(forms.Form):
    what = forms.CharField(
        label=_("What was done"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        error_messages={"required": _("Write what was done, even if it was 'no action needed'.")},
    )
    closes_concern = forms.BooleanField(
        label=_("This concern has been handled: close it"), required=False
    )
