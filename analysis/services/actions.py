"""'You said, we did': the partnership's actions, and those it chose to show children."""

from django.utils import timezone

from analysis.models import Action


def action_save(*, form, by) -> Action:
    action = form.save(commit=False)
    action.created_by_id = action.created_by_id or by.pk
    action.updated_at = timezone.now()
    action.save()
    return action


def public_actions(limit: int | None = None):
    """Actions the partnership chose to show children, newest first."""
    actions = Action.objects.filter(is_public=True)
    return actions[:limit] if limit else actions
