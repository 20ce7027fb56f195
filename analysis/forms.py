"""Forms analysts fill in: starting a theme run, coding an answer."""

import re

from django import forms
from django.core.validators import MaxLengthValidator, ProhibitNullCharactersValidator
from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from analysis.models import Action, Code, Priority, Sentiment, Theme, source_name
from analysis.services.theme_runs import answers_for, versions_with_free_text
from surveys.models import AgeBand, CollectionLink, Question, SurveyVersion

LARGEST_ID = 2**63 - 1


class KnownIdsField(forms.ModelMultipleChoiceField):
    """Ids too large for any row are refused as not valid, rather than sent to the database,
    which fails on them."""

    def clean(self, value):
        for pk in value if isinstance(value, list | tuple) else []:
            if str(pk).strip().isdigit() and int(pk) > LARGEST_ID:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super().clean(value)


class SourceChoiceField(KnownIdsField):
    def label_from_instance(self, version):
        return source_name(version)


class QuestionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, question):
        return f"{question.step.version}: {question.text}"


def cohort_tags() -> list[str]:
    """Every group a collection link is tagged with ("children in care", "SEND"), sorted."""
    tagged = CollectionLink.objects.exclude(cohort_tags=[]).values_list("cohort_tags", flat=True)
    return sorted({tag for tags in tagged for tag in (tags or [])}, key=str.lower)


class ThemeRunForm(forms.Form):
    question = QuestionChoiceField(
        queryset=Question.objects.filter(
            kind__in=[Question.Kind.SHORT_TEXT, Question.Kind.LONG_TEXT],
            step__version__status=SurveyVersion.Status.PUBLISHED,
        )
        .select_related("step__version__survey")
        .order_by("step__version", "step__order", "order"),
        label=_("Question"),
        empty_label=None,
        error_messages={
            "required": _("Choose the question whose answers to theme."),
            "invalid_choice": _("Choose one of the free-text questions of a published survey."),
        },
    )
    bands = forms.MultipleChoiceField(
        choices=AgeBand.choices,
        required=False,
        label=_("Age groups (leave empty for all)"),
        widget=forms.CheckboxSelectMultiple,
    )
    links = KnownIdsField(
        queryset=CollectionLink.objects.order_by("name"),
        required=False,
        label=_("Collection links (leave empty for all)"),
        widget=forms.CheckboxSelectMultiple,
    )
    cohort = forms.ChoiceField(
        required=False,
        label=_("Group, such as children in care (leave empty for all)"),
        error_messages={"invalid_choice": _("Choose one of the groups the links are tagged with.")},
    )
    also_versions = SourceChoiceField(
        queryset=SurveyVersion.objects.filter(status=SurveyVersion.Status.PUBLISHED).select_related(
            "survey", "answer_import"
        ),
        required=False,
        label=_("Also include answers from (optional)"),
        help_text=_(
            "Every free-text answer of each survey or import ticked is themed with the question's "
            "answers, so last year's export can be read next to new answers. Age groups, the "
            "group and the dates narrow them too; the collection links above narrow only the "
            "question's own survey."
        ),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _(
                "Choose surveys and imports from the list: one of those chosen does not exist "
                "or is not published."
            ),
            "invalid_pk_value": _(
                "Choose surveys and imports from the list: one of those chosen does not exist."
            ),
        },
    )
    since = forms.DateField(required=False, label=_("Answers started on or after"))
    until = forms.DateField(required=False, label=_("Answers started on or before"))
    n_themes = forms.IntegerField(
        required=False,
        min_value=2,
        max_value=40,
        label=_("Number of themes (leave empty to choose automatically)"),
        error_messages={
            "min_value": _("Ask for at least 2 themes, or leave it empty."),
            "max_value": _("Ask for at most 40 themes, or leave it empty."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].choices = [("", _("All groups"))] + [
            (tag, tag) for tag in cohort_tags()
        ]
        # Offered: the versions with answers to add. Checked against: every published one, so
        # one without free text is refused with its own message.
        self.fields["also_versions"].widget.choices = [
            (version.pk, source_name(version)) for version in versions_with_free_text()
        ]

    def clean_also_versions(self):
        chosen = self.cleaned_data["also_versions"]
        with_text = set(
            versions_with_free_text().filter(pk__in=chosen).values_list("pk", flat=True)
        )
        for version in chosen:
            if version.pk not in with_text:
                raise forms.ValidationError(
                    _("“%(source)s” has no free-text answers to theme: untick it."),
                    params={"source": source_name(version)},
                )
        return chosen

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            self.add_error("until", _("The end date must be on or after the start date."))
        question, also = cleaned.get("question"), cleaned.get("also_versions")
        if question and also and question.step.version in also:
            self.add_error(
                "also_versions",
                _(
                    "“%(source)s” is the survey the question is from: its answers are in the run "
                    "already. Untick it."
                )
                % {"source": source_name(question.step.version)},
            )
        if not self.errors and not self._has_answers():
            self.add_error("question", self._no_answers_message())
        return cleaned

    def _has_answers(self) -> bool:
        version = self.cleaned_data["question"].step.version
        return answers_for(
            version=version,
            filters=self.filters(),
            also_versions=self.cleaned_data["also_versions"],
        ).exists()

    def _no_answers_message(self) -> str:
        if set(self.filters()) == {"question"}:
            return _("This question has no answers yet: choose another.")
        return _(
            "No answers to this question match the age groups, links, group and dates chosen: "
            "choose fewer."
        )

    def filters(self) -> dict:
        data = self.cleaned_data
        filters = {
            "question": data["question"].pk,
            "bands": list(data["bands"]),
            "links": [link.pk for link in data["links"]],
            "cohort": data["cohort"],
            "since": data["since"].isoformat() if data["since"] else "",
            "until": data["until"].isoformat() if data["until"] else "",
        }
        return {key: value for key, value in filters.items() if value}


class ExamplesField(forms.CharField):
    """Example phrases, one a line."""

    MAX_PHRASES = 30
    MAX_CHARS = 200

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list | tuple) else value

    def to_python(self, value):
        text = super().to_python(value)
        # Checked here, on the text: the validators that run later see a list.
        ProhibitNullCharactersValidator()(text)
        return [line.strip() for line in text.splitlines() if line.strip()]

    def validate(self, value):
        super().validate(value)
        if len(value) > self.MAX_PHRASES:
            raise forms.ValidationError(
                _("Give at most %(most)s example phrases: there are %(given)s."),
                params={"most": self.MAX_PHRASES, "given": len(value)},
            )
        for number, phrase in enumerate(value, start=1):
            if len(phrase) > self.MAX_CHARS:
                raise forms.ValidationError(
                    _(
                        "Keep each example phrase to %(most)s characters or fewer: "
                        "phrase %(number)s has %(given)s."
                    ),
                    params={"most": self.MAX_CHARS, "number": number, "given": len(phrase)},
                )


class CodeForm(forms.ModelForm):
    """A code of the codebook: its key only when it is added, as answers are coded with it."""

    KEY_PATTERN = re.compile(r"^[a-z0-9_]+$")

    key = forms.CharField(
        label=_("Key (optional)"),
        required=False,
        max_length=60,
        help_text=_(
            "Lower-case letters, numbers and underscores, such as school_transport. Leave empty "
            "to make it from the name. It cannot be changed later."
        ),
        error_messages={"max_length": _("Keep the key to 60 characters or fewer.")},
    )
    examples = ExamplesField(
        label=_("Example phrases (optional)"),
        required=False,
        widget=forms.Textarea,
        help_text=_(
            "One a line, in children's words, such as “nobody listens to me”. They teach "
            "suggestions before anyone has coded an answer."
        ),
    )

    class Meta:
        model = Code
        fields = ["name", "key", "description", "examples"]
        widgets = {"description": forms.Textarea}
        labels = {"name": _("Name"), "description": _("Description (optional)")}
        help_texts = {"description": _("What the code is about, in a sentence or two.")}
        error_messages = {
            "name": {
                "required": _("Give the code a name."),
                "max_length": _("Keep the name to 120 characters or fewer."),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["description"].validators.append(
            MaxLengthValidator(1000, _("Keep the description to 1,000 characters or fewer."))
        )
        if self.instance.pk:
            del self.fields["key"]

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        same = Code.objects.filter(name__iexact=name).exclude(pk=self.instance.pk).first()
        if same:
            raise forms.ValidationError(
                _("The codebook already has a code called “%(name)s”: give this one another name."),
                params={"name": same.name},
            )
        return name

    def clean_key(self):
        return self.cleaned_data["key"].strip().lower()

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk or "key" in self.errors or not cleaned.get("name"):
            return cleaned
        given = cleaned.get("key", "")
        key = given or slugify(cleaned["name"]).replace("-", "_")[:60].strip("_")
        if not key:
            self.add_error("key", _("Give the code a key: its name has no letters to make one."))
        elif not self.KEY_PATTERN.match(key):
            self.add_error(
                "key",
                _(
                    "Use only lower-case letters, numbers and underscores in the key, such as "
                    "school_transport."
                ),
            )
        elif same := Code.objects.filter(key=key).first():
            self.add_error(
                "key",
                _("The code “%(name)s” already has the key %(key)s: give this code another key.")
                % {"key": key, "name": same.name},
            )
        else:
            cleaned["key"] = key
        return cleaned

    def save(self, commit=True):
        code = super().save(commit=False)
        if not code.pk:
            code.key = self.cleaned_data["key"]
            code.order = (Code.objects.aggregate(last=Max("order"))["last"] or 0) + 1
        if commit:
            code.save()
        return code


class HandCodingForm(forms.Form):
    codes = forms.MultipleChoiceField(
        choices=(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose codes from the codebook.")},
    )
    sentiment = forms.ChoiceField(
        choices=[("", _("Keep as suggested"))] + list(Sentiment.choices),
        required=False,
        error_messages={"invalid_choice": _("Choose negative, neutral or positive.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["codes"].choices = list(Code.objects.in_use().values_list("key", "name"))

    def clean_codes(self):
        # Saved without a code, the answer would leave the list to code having taught nothing.
        if not self.cleaned_data["codes"]:
            raise forms.ValidationError(_("Choose at least one code: Other if none fits."))
        return self.cleaned_data["codes"]


class PriorityForm(forms.ModelForm):
    class Meta:
        model = Priority
        fields = ["name", "description", "codes"]
        field_classes = {"codes": KnownIdsField}
        widgets = {"codes": forms.CheckboxSelectMultiple}
        error_messages = {"name": {"required": _("Give the priority a name.")}}


class ActionForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = ["you_said", "we_did", "status", "theme", "code", "priority", "is_public"]
        labels = {
            "you_said": _("You said"),
            "we_did": _("We did"),
            "is_public": _("Show on the public page and to children after they answer"),
        }
        error_messages = {
            "you_said": {"required": _("Say what children told you.")},
            "we_did": {"required": _("Say what changed, in words a child would understand.")},
        }

    def __init__(self, *args, themes=None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = themes if themes is not None else Theme.objects.none()
        earlier = self.instance.theme_id
        if earlier and not choices.filter(pk=earlier).exists():
            # A theme of another run stays linked when the action is changed.
            choices = choices | Theme.objects.filter(pk=earlier)
        else:
            earlier = None
        self.fields["theme"].queryset = choices
        self.fields["theme"].label_from_instance = lambda theme: (
            f"{theme.label_shown()} ({_('theme run')} {theme.run_id})"
            if theme.pk == earlier
            else theme.label_shown()
        )
        self.fields["theme"].required = False


class AnswerImportForm(forms.Form):
    """Answers exported from another survey tool as CSV, and which column holds what."""

    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("Save a spreadsheet as “CSV UTF-8”. Up to 20 MB."),
        error_messages={
            "required": _("Choose the CSV file to import."),
            "empty": _(
                "The file is empty: it needs a header row naming the columns, then answers."
            ),
        },
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("For example, Feeling safe 2025 (SmartSurvey)."),
        error_messages={
            "required": _("Give the imported survey a title."),
            "max_length": _("Keep the title to 200 characters or fewer."),
        },
    )
    question_text = forms.CharField(
        label=_("The question children answered (optional)"),
        max_length=300,
        required=False,
        help_text=_("Leave empty to use the answers column's name."),
        error_messages={"max_length": _("Keep the question to 300 characters or fewer.")},
    )
    text_column = forms.CharField(
        label=_("Column with the answers"),
        max_length=200,
        error_messages={"required": _("Name the column that holds the answers.")},
    )
    default_band = forms.ChoiceField(
        label=_("Age group for answers without one (optional)"),
        choices=[("", _("None: every row gives its age group"))] + list(AgeBand.choices),
        required=False,
    )
    id_column = forms.CharField(
        label=_("Column with each answer's id (optional)"),
        max_length=200,
        required=False,
        help_text=_("Kept so the same answers are not imported twice."),
    )
    band_column = forms.CharField(
        label=_("Column with the age group or age (optional)"), max_length=200, required=False
    )
    cohort_column = forms.CharField(
        label=_("Column with the group, such as a school or council (optional)"),
        max_length=200,
        required=False,
    )
    date_column = forms.CharField(
        label=_("Column with the date answered (optional)"),
        max_length=200,
        required=False,
        help_text=_("Dates such as 2025-03-14 or 14/03/2025, with or without a time."),
    )
    codes_column = forms.CharField(
        label=_("Column with codes from the codebook (optional)"),
        max_length=200,
        required=False,
        help_text=_("Codes' names or keys, separated by ; or ,"),
    )

    def add_problems(self, problems) -> None:
        """Show each import problem beside the field it is about."""
        for problem in problems:
            self.add_error(problem.field if problem.field in self.fields else None, problem.message)
