"""Forms for starting a live session and joining one."""

from django import forms
from django.utils.translation import gettext_lazy as _

from engage.models import (
    JOIN_CODE_LENGTH,
    POLL_KINDS,
    POLL_OPTIONS_MAX,
    POLL_OPTIONS_MIN,
    POLL_SLUG_PREFIX,
    LiveSession,
)
from surveys.models import AgeBand, CollectionLink, Question, SurveyVersion

POLL_QUESTION_MAX = 200
POLL_OPTION_MAX = 100
POLL_KIND_LABELS = {
    Question.Kind.SINGLE: _("Choose one answer from a list you write"),
    Question.Kind.FEELINGS: _("Feelings faces (3 faces for 4 to 7, 5 for older groups)"),
    Question.Kind.YES_NO: _("Yes, no or not sure"),
    Question.Kind.SHORT_TEXT: _("A few words of their own"),
}


def places():
    """Places a session can be run for: every collection link but those made for polls."""
    return CollectionLink.objects.exclude(
        version__survey__slug__startswith=POLL_SLUG_PREFIX
    ).select_related("version__survey")


class PlaceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.version.survey.title})"


class SessionStartForm(forms.ModelForm):
    class Meta:
        model = LiveSession
        fields = ["version", "band", "link"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].queryset = (
            SurveyVersion.objects.filter(status=SurveyVersion.Status.PUBLISHED)
            .exclude(survey__slug__startswith=POLL_SLUG_PREFIX)
            .select_related("survey")
        )
        self.fields["version"].label = _("Survey")
        self.fields["band"].label = _("Age group in the room")
        self.fields["link"].queryset = places()
        self.fields["link"].required = True
        self.fields["link"].label = _("Where (its safeguarding lead receives any concern)")
        self.fields["link"].help_text = ""
        for field in self.fields.values():
            field.widget.attrs["class"] = "govuk-select"

    def clean(self):
        cleaned = super().clean()
        version, link = cleaned.get("version"), cleaned.get("link")
        if version and link and link.version_id != version.pk:
            self.add_error("link", _("Choose a place collecting answers to this survey."))
        return cleaned


class PollStartForm(forms.Form):
    """One question asked on the spot, for a live session of its own."""

    question = forms.CharField(
        label=_("Your question"),
        max_length=POLL_QUESTION_MAX,
        help_text=_("Use plain words the age group knows, like “What is best about our club?”"),
        error_messages={
            "required": _("Enter the question to ask."),
            "max_length": _(
                "The question must be %(limit_value)d characters or fewer (it has %(show_value)d)."
            ),
        },
    )
    kind = forms.ChoiceField(
        label=_("How people answer"),
        choices=[(kind, POLL_KIND_LABELS[kind]) for kind in POLL_KINDS],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose how people answer."),
            "invalid_choice": _("Choose how people answer."),
        },
    )
    options = forms.CharField(
        label=_("Answers to choose from"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Only for a list: 2 to 8 answers, one on each line."),
    )
    band = forms.ChoiceField(
        label=_("Age group in the room"),
        choices=[("", _("Choose an age group"))] + AgeBand.choices,
        error_messages={
            "required": _("Choose the age group in the room."),
            "invalid_choice": _("Choose the age group in the room."),
        },
    )
    place = PlaceField(
        label=_("Where (its safeguarding lead receives any concern)"),
        queryset=CollectionLink.objects.none(),
        empty_label=_("Choose a place"),
        error_messages={
            "required": _("Choose where the session takes place."),
            "invalid_choice": _("Choose a place from the list."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = places()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") != Question.Kind.SINGLE:
            cleaned["options"] = []  # only a list has answers to choose from
            return cleaned
        problem, options = self._list_problem(cleaned.get("options", ""))
        if problem:
            self.add_error("options", problem)
        cleaned["options"] = options
        return cleaned

    @staticmethod
    def _list_problem(raw: str) -> tuple[str, list[str]]:
        """What is wrong with the written answers, if anything, and the answers."""
        options = [line.strip() for line in raw.splitlines() if line.strip()]
        if len(options) < POLL_OPTIONS_MIN:
            return _("Write at least %(min)d answers to choose from, one on each line.") % {
                "min": POLL_OPTIONS_MIN
            }, options
        if len(options) > POLL_OPTIONS_MAX:
            return _("Write no more than %(max)d answers (there are %(n)d).") % {
                "max": POLL_OPTIONS_MAX,
                "n": len(options),
            }, options
        seen = set()
        for option in options:
            if len(option) > POLL_OPTION_MAX:
                return _("Each answer must be %(limit)d characters or fewer.") % {
                    "limit": POLL_OPTION_MAX
                }, options
            if option.casefold() in seen:
                return _("Each answer must be different: “%(answer)s” is there twice.") % {
                    "answer": option
                }, options
            seen.add(option.casefold())
        return "", options


class JoinForm(forms.Form):
    code = forms.CharField(
        label=_("Session code"),
        max_length=20,
        error_messages={"required": _("Enter the code on the screen, like ABC 234.")},
    )

    def clean_code(self):
        code = LiveSession.clean_code(self.cleaned_data["code"])
        if len(code) != JOIN_CODE_LENGTH:
            raise forms.ValidationError(
                _("The code has %(n)d letters and numbers, like ABC 234.") % {"n": JOIN_CODE_LENGTH}
            )
        return code
