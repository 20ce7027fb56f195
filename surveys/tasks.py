"""Background work. Tasks take ids and run after the transaction that queued them commits."""

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django_tasks import task


@task()
def concern_notify_lead(concern_id: int) -> bool:
    """Tell the named safeguarding lead that a concern is waiting. The email holds no answer
    text: the lead reads it signed in."""
    from surveys.models import Concern

    concern = Concern.objects.select_related("lead", "response__link").get(pk=concern_id)
    if not concern.lead or not concern.lead.email:
        return False
    link = concern.response.link
    url = settings.SITE_URL + reverse("staff-concern", kwargs={"pk": concern.pk})
    send_mail(
        subject=f"New safeguarding concern from {link.name if link else 'a survey'}",
        message=(
            "An answer to a children's survey suggests a child may be at risk.\n\n"
            f"Read it and record what was done: {url}\n\n"
            "The concern stays open until someone records how it was handled."
        ),
        from_email=None,
        recipient_list=[concern.lead.email],
    )
    return True
