"""A background worker's hold on a theme run or an answer import, and the refusals to start
work again."""

from django.utils import timezone


class WorkTakenBack(Exception):
    """The work was queued again after this worker fell silent: it is no longer this worker's."""


class CannotRestart(Exception):
    """Why work was not started again, in words for the person who asked."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class Claim:
    """A worker's hold on a theme run or an import. Each write stamps a fresh heartbeat, and is
    made only while the work is still this worker's: running, with the heartbeat this worker
    last wrote. A worker that was silent so long its work was started again, then wakes, stops
    at its next write instead of writing over the new attempt."""

    def __init__(self, model, pk: int, beat):
        self.model, self.pk, self.beat = model, pk, beat

    @classmethod
    def take(cls, model, pk: int) -> "Claim | None":
        """Take queued work; None when it is not queued (another worker took it, or it is
        finished)."""
        now = timezone.now()
        taken = model.objects.filter(pk=pk, status=model.Status.QUEUED).update(
            status=model.Status.RUNNING, heartbeat_at=now
        )
        return cls(model, pk, now) if taken else None

    def write(self, **fields) -> bool:
        """Write the fields if the work is still this worker's, and say whether it was."""
        now = timezone.now()
        held = self.model.objects.filter(
            pk=self.pk, status=self.model.Status.RUNNING, heartbeat_at=self.beat
        ).update(heartbeat_at=now, **fields)
        if held:
            self.beat = now
        return bool(held)

    def keep(self, **fields) -> None:
        """Write as the work goes on; raise WorkTakenBack if it is no longer this worker's."""
        if not self.write(**fields):
            raise WorkTakenBack
