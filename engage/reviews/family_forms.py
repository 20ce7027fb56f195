"""Forms a family member fills in: the link's check, how they take part, their account,
comments, consent, and asking for a new link."""

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from engage.models import Contribution, FamilyMember, Invitation
from engage.reviews.services import MAX_COMMENT_CHARS


def _one_kind_of_newline(text: str) -> str:
    # Browsers send a line break as two characters; count it as one, as the page's counter does.
    return text.replace("\r\n", "\n")


def _too_long(text: str, limit: int) -> str:
    return _("This has %(count)s characters. Keep it to %(limit)s or fewer.") % {
        "count": f"{len(text):,}",
        "limit": f"{limit:,}",
    }


class NoCheckForm(forms.Form):
    """The link alone lets them in: nothing to ask."""

    def answer(self) -> str:
        return ""


class AccessCodeForm(forms.Form):
    code = forms.CharField(
        max_length=40,
        error_messages={"required": _("Enter the access code we sent you.")},
    )

    def answer(self) -> str:
        return self.cleaned_data["code"]


class DateOfBirthForm(forms.Form):
    """Day, month and year in three boxes; one YYYY-MM-DD value is taken too, as the check
    compares dates in that form."""

    day = forms.CharField(max_length=2, required=False)
    month = forms.CharField(max_length=2, required=False)
    year = forms.CharField(max_length=4, required=False)
    answer_iso = forms.CharField(max_length=10, required=False)

    def clean(self):
        data = super().clean()
        try:
            if data.get("answer_iso"):
                data["date"] = date.fromisoformat(data["answer_iso"])
            else:
                data["date"] = date(int(data["year"]), int(data["month"]), int(data["day"]))
        except (TypeError, ValueError, KeyError):
            raise forms.ValidationError(
                _("Enter your date of birth as numbers, for example 27 3 1985.")
            ) from None
        if not 1900 <= data["date"].year <= date.today().year:
            raise forms.ValidationError(_("Enter the year with 4 numbers, for example 1985."))
        return data

    def answer(self) -> str:
        return self.cleaned_data["date"].isoformat()


CHECK_FORMS = {
    Invitation.SecondFactor.NONE: NoCheckForm,
    Invitation.SecondFactor.ACCESS_CODE: AccessCodeForm,
    Invitation.SecondFactor.DATE_OF_BIRTH: DateOfBirthForm,
}


def check_form(invitation: Invitation, data=None) -> forms.Form:
    if data is not None and "answer" in data:
        # One plain value for either check, as a letter or an assistive tool may give it.
        field = "code" if invitation.second_factor == "access_code" else "answer_iso"
        data = {field: data["answer"]}
    return CHECK_FORMS[invitation.second_factor](data)


class TakePartForm(forms.Form):
    takes_part_by = forms.ChoiceField(
        choices=FamilyMember.TakesPartBy.choices,
        error_messages={
            "required": _("Choose how you would like to take part."),
            "invalid_choice": _("Choose how you would like to take part."),
        },
    )
    supporter_name = forms.CharField(max_length=200, required=False)
    interpreter_language = forms.CharField(max_length=60, required=False)
    other_help = forms.CharField(max_length=2000, required=False)


class AccountPartForm(forms.Form):
    """One part of the written account. Empty is allowed: it clears the part."""

    text = forms.CharField(required=False, strip=False)

    def clean_text(self):
        text = _one_kind_of_newline(self.cleaned_data["text"])
        if len(text) > Contribution.MAX_SECTION_CHARS:
            raise forms.ValidationError(_too_long(text, Contribution.MAX_SECTION_CHARS))
        return text


class CommentForm(forms.Form):
    text = forms.CharField(
        strip=True, error_messages={"required": _("Write your comment before sending it.")}
    )

    def clean_text(self):
        text = _one_kind_of_newline(self.cleaned_data["text"])
        if len(text) > MAX_COMMENT_CHARS:
            raise forms.ValidationError(_too_long(text, MAX_COMMENT_CHARS))
        return text


class ConsentForm(forms.Form):
    choice = forms.ChoiceField(
        choices=FamilyMember.QuoteConsent.choices,
        error_messages={
            "required": _("Choose how we may use your words."),
            "invalid_choice": _("Choose how we may use your words."),
        },
    )


class NewLinkForm(forms.Form):
    email = forms.EmailField(
        max_length=254,
        error_messages={
            "required": _("Enter your email address."),
            "invalid": _("Enter an email address like name@example.com."),
        },
    )
