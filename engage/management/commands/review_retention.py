from django.core.management.base import BaseCommand

from engage.reviews.services import retention_delete_due


class Command(BaseCommand):
    help = (
        "Delete every family contribution, comment and concern text of reviews past their "
        "retention date, and record the deletion in each review's log. Run it daily."
    )

    def handle(self, *args, **options):
        done = retention_delete_due()
        for review in done:
            self.stdout.write(f"Deleted family contributions of review {review.reference}.")
        self.stdout.write(self.style.SUCCESS(f"{len(done)} reviews past their retention date."))
