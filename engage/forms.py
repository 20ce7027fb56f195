"""Forms for starting a live session and joining one."""

from django import forms
from django.utils.translation import gettext_lazy as _

from engage.models import JOIN_CODE_LENGTH, LiveSession
from surveys.models import CollectionLink, SurveyVersion


class SessionStartForm(forms.ModelForm):
    class Meta:
        model = LiveSession
        fields = ["version", "band", "link"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].queryset = SurveyVersion.objects.filter(
            status=SurveyVersion.Status.PUBLISHED
        ).select_related("survey")
        self.fields["version"].label = _("Survey")
        self.fields["band"].label = _("Age group in the room")
        self.fields["link"].queryset = CollectionLink.objects.select_related("version__survey")
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
