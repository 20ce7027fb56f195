"""Forms for the staff pages of a practice review. Family members' forms live in family_forms."""

from datetime import date

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.validators import validate_email
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from engage.models import (
    Contribution,
    FamilyMember,
    Invitation,
    Review,
    ReviewAssignment,
    SharedDocument,
)
from engage.models.reviews import Stage
from surveys.access import Role

# Staff

RETENTION_YEARS = 7


def years_from(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


class DateParts(forms.MultiWidget):
    """Day, month and year boxes, as the GOV.UK date input pattern asks."""

    def __init__(self, attrs=None):
        boxes = {"day": forms.TextInput, "month": forms.TextInput, "year": forms.TextInput}
        super().__init__(boxes, attrs)

    def decompress(self, value):
        if isinstance(value, date):
            return [value.day, value.month, value.year]
        return [None, None, None]

    def id_for_label(self, id_):
        return id_


class DatePartsBoundField(forms.BoundField):
    def parts(self) -> list[tuple[str, str, str, str, int]]:
        """(suffix, label, id, value, width) for the day, month and year boxes."""
        value = self.value()
        if not isinstance(value, list | tuple):
            value = self.field.widget.decompress(value)
        labels = [("day", _("Day"), 2), ("month", _("Month"), 2), ("year", _("Year"), 4)]
        return [
            (
                suffix,
                label,
                self.auto_id if index == 0 else f"{self.auto_id}-{suffix}",
                "" if value[index] is None else str(value[index]),
                width,
            )
            for index, (suffix, label, width) in enumerate(labels)
        ]


class DatePartsField(forms.Field):
    widget = DateParts
    default_error_messages = {
        "invalid": _("Enter a real date, with the day, month and year as numbers, like 27 3 2026."),
    }

    def get_bound_field(self, form, field_name):
        return DatePartsBoundField(form, self, field_name)

    def to_python(self, value):
        if isinstance(value, date) or value is None:
            return value
        parts = [str(part or "").strip() for part in value]
        if not any(parts):
            return None
        if not all(part.isdecimal() and len(part) <= 4 for part in parts):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        day, month, year = (int(part) for part in parts)
        if year < 1900:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            return date(year, month, day)
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


def required(message):
    return {"required": message}


def choose(message):
    return {"required": message, "invalid_choice": message}


def not_in_future(value: date) -> None:
    if value and value > timezone.localdate():
        raise forms.ValidationError(_("The date must be today or in the past."))


class ReviewForm(forms.Form):
    reference = forms.CharField(
        label=_("Reference"),
        max_length=40,
        help_text=_("The partnership's reference, e.g. LCSPR-2026-03."),
        error_messages=required(_("Enter the review's reference.")),
    )
    working_title = forms.CharField(
        label=_("Working title"),
        max_length=200,
        help_text=_("Private to assigned staff; never shown to families."),
        error_messages=required(_("Enter a working title.")),
    )
    child_pseudonym = forms.CharField(
        label=_("Name the review uses for the child"),
        max_length=80,
        help_text=_("For example, Child J. Families see this name."),
        error_messages=required(_("Enter the name the review uses for the child.")),
    )
    stage = forms.ChoiceField(
        label=_("Stage"),
        choices=Stage.choices,
        initial=Stage.RAPID_REVIEW,
        error_messages=choose(_("Choose one of the stages.")),
    )
    stage_on = DatePartsField(
        label=_("Date the review reached this stage"),
        help_text=_("For example, 27 3 2026. Leave empty for today."),
        required=False,
        validators=[not_in_future],
    )
    reviewer_name = forms.CharField(label=_("Reviewer's name"), max_length=120, required=False)
    reviewer_intro = forms.CharField(
        label=_("About the reviewer, for families"),
        help_text=_("Who the reviewer is, in a few plain sentences."),
        max_length=2000,
        required=False,
        widget=forms.Textarea,
    )
    retention_until = DatePartsField(
        label=_("Keep family contributions until"),
        help_text=_("After this date every family contribution is deleted."),
        error_messages=required(_("Enter the date until which contributions are kept.")),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["retention_until"].initial = years_from(timezone.localdate(), RETENTION_YEARS)

    def clean_reference(self):
        reference = self.cleaned_data["reference"]
        if Review.objects.filter(reference__iexact=reference).exists():
            raise forms.ValidationError(
                _(
                    "A review with the reference %(reference)s already exists. Check the "
                    "reference, or ask its coordinator to assign you to it."
                ),
                params={"reference": reference},
            )
        return reference

    def clean_retention_until(self):
        until = self.cleaned_data["retention_until"]
        if until and until <= timezone.localdate():
            raise forms.ValidationError(
                _("The date to keep contributions until must be in the future.")
            )
        return until

    def review_fields(self) -> dict:
        """The cleaned fields as services.review_create takes them."""
        fields = dict(self.cleaned_data)
        fields[f"{fields['stage']}_on"] = fields.pop("stage_on") or timezone.localdate()
        return fields


class StageForm(forms.Form):
    stage = forms.ChoiceField(
        label=_("Stage"),
        choices=Stage.choices,
        error_messages=choose(_("Choose one of the stages.")),
    )
    on_date = DatePartsField(
        label=_("Date the review reached this stage"),
        help_text=_("For example, 27 3 2026."),
        validators=[not_in_future],
        error_messages=required(_("Enter the date the review reached this stage.")),
    )


def assignable_staff():
    """Active people who hold the review coordinator role (administrators hold every role)."""
    roles = Q(groups__name__in=[Role.REVIEW_COORDINATOR, Role.ADMINISTRATOR])
    return (
        get_user_model()
        .objects.filter(roles | Q(is_superuser=True), is_active=True)
        .distinct()
        .order_by("username")
    )


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        full_name = user.get_full_name()
        return f"{full_name} ({user.get_username()})" if full_name else user.get_username()


class AssignForm(forms.Form):
    user = StaffChoiceField(
        label=_("Person"),
        queryset=get_user_model().objects.none(),
        empty_label=_("Choose a person"),
        error_messages={
            "required": _("Choose the person to assign."),
            "invalid_choice": _("Choose an active member of staff who coordinates reviews."),
        },
    )
    role = forms.ChoiceField(
        label=_("Their role in this review"),
        choices=ReviewAssignment.Role.choices,
        error_messages=choose(_("Choose one of the roles.")),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = assignable_staff()


class MemberForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=120,
        help_text=_("How to address them."),
        error_messages=required(_("Enter the family member's name.")),
    )
    relationship = forms.ChoiceField(
        label=_("Relationship to the child"),
        choices=FamilyMember.Relationship.choices,
        error_messages=choose(_("Choose one of the relationships.")),
    )
    contact_by = forms.ChoiceField(
        label=_("How to contact them"),
        choices=FamilyMember.ContactBy.choices,
        error_messages=choose(_("Choose one of the ways to contact them.")),
    )
    contact_details = forms.CharField(
        label=_("Contact details"),
        help_text=_("Their email address, phone number, postal address or supporter's details."),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    language = forms.ChoiceField(
        label=_("Language for the portal and emails"),
        help_text=_("The portal opens in it; they can change it on any page."),
        choices=settings.LANGUAGES,
        initial="en",
        widget=forms.RadioSelect,
        error_messages=choose(_("Choose a language.")),
    )

    def clean(self):
        cleaned = super().clean()
        details = cleaned.get("contact_details", "").strip()
        if cleaned.get("contact_by") == FamilyMember.ContactBy.EMAIL:
            try:
                validate_email(details)
            except forms.ValidationError:
                self.add_error(
                    "contact_details",
                    _("Enter an email address in the right format, like name@example.com."),
                )
        cleaned["contact_details"] = details
        return cleaned


class InviteForm(forms.Form):
    second_factor = forms.ChoiceField(
        label=_("What they must also give to open the link"),
        choices=Invitation.SecondFactor.choices,
        initial=Invitation.SecondFactor.ACCESS_CODE,
        widget=forms.RadioSelect,
        error_messages=choose(_("Choose what they must give to open the link.")),
    )
    date_of_birth = DatePartsField(
        label=_("Their date of birth"),
        help_text=_("Only if you chose their date of birth. For example, 27 3 1985."),
        required=False,
        validators=[not_in_future],
    )

    def clean(self):
        cleaned = super().clean()
        factor = cleaned.get("second_factor")
        if factor == Invitation.SecondFactor.DATE_OF_BIRTH and not cleaned.get("date_of_birth"):
            if "date_of_birth" not in self.errors:
                self.add_error(
                    "date_of_birth", _("Enter their date of birth, or choose another check.")
                )
        elif factor != Invitation.SecondFactor.DATE_OF_BIRTH:
            cleaned["date_of_birth"] = None
        return cleaned


OFFLINE_SOURCES = [
    (value, label)
    for value, label in Contribution.Source.choices
    if value != Contribution.Source.PORTAL
]


class RecordForm(forms.Form):
    source = forms.ChoiceField(
        label=_("Where it comes from"),
        choices=OFFLINE_SOURCES,
        error_messages=choose(_("Choose where the contribution comes from.")),
    )
    notes = forms.CharField(
        label=_("What they said"),
        help_text=_("In their words as far as possible."),
        max_length=Contribution.MAX_SECTION_CHARS,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            **required(_("Write down what the family member said.")),
            "max_length": _(
                "Keep the notes under %(limit_value)d characters (they have %(show_value)d)."
            ),
        },
    )
    agreed = forms.BooleanField(
        label=_("The family member agreed to this record of what they said"),
        error_messages=required(
            _("Record this only once the family member has agreed to these notes.")
        ),
    )


class ToldForm(forms.Form):
    on_date = DatePartsField(
        label=_("Date they were told"),
        help_text=_("For example, 27 3 2026."),
        validators=[not_in_future],
        error_messages=required(_("Enter the date they were told.")),
    )
    how = forms.CharField(
        label=_("How they were told"),
        help_text=_("For example, a meeting at home with the reviewer."),
        max_length=120,
        error_messages=required(_("Say how they were told.")),
    )


class MemberChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, member):
        return _("%(relationship)s, added %(added)s") % {
            "relationship": member.get_relationship_display(),
            "added": f"{timezone.localtime(member.added_at):%d/%m/%Y}",
        }


class ShareForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What it is"),
        choices=SharedDocument.Kind.choices,
        widget=forms.RadioSelect,
        error_messages=choose(_("Choose what the document is.")),
    )
    title = forms.CharField(
        label=_("Title"), max_length=200, error_messages=required(_("Enter a title."))
    )
    body = forms.CharField(
        label=_("The document"),
        help_text=_("Paste the text family members will read."),
        max_length=200_000,
        widget=forms.Textarea(attrs={"rows": 12}),
        error_messages=required(_("Paste the text of the document.")),
    )
    members = MemberChoiceField(
        label=_("Share with"),
        queryset=FamilyMember.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one family member who is still taking part."),
            "invalid_choice": _("Choose family members who are still taking part."),
            "invalid_pk_value": _("Choose family members who are still taking part."),
        },
    )
    comments_until = DatePartsField(
        label=_("Comments close after"),
        help_text=_("Leave empty to take comments until the report is published."),
        required=False,
    )

    def __init__(self, *args, review: Review, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = review.members.filter(withdrawn_at=None)

    def clean_comments_until(self):
        until = self.cleaned_data["comments_until"]
        if until and until < timezone.localdate():
            raise forms.ValidationError(_("The date comments close must be today or later."))
        return until


class ConcernCloseForm(forms.Form):
    what_was_done = forms.CharField(
        label=_("What was done"),
        help_text=_("Who you told, what you decided and why. This record is kept."),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages=required(_("Say what was done before marking the concern handled.")),
    )
