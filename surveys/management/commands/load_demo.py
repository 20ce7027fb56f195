from django.conf import settings
from django.core.management.base import BaseCommand
from django.urls import reverse

from engage.reviews.demo import DEMO_REVIEWER, fresh_demo_links, load_demo_review
from surveys.access import Role
from surveys.demo import DEMO_PASSWORD, DEMO_USERS, demo_users, load_demo
from surveys.demo_answers import load_demo_answers


class Command(BaseCommand):
    help = "Load the demo survey, link and staff users (safe to run again)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-answers",
            action="store_true",
            help="Leave out the made-up answers that give analysts something to theme.",
        )

    def handle(self, *args, **options):
        link = load_demo()
        added = 0 if options["no_answers"] else load_demo_answers(link)
        self.stdout.write(self.style.SUCCESS("Demo loaded."))
        if added:
            self.stdout.write(f"Added {added} made-up responses for analysis.")
        self.stdout.write(f"Survey link: {settings.SITE_URL}{link.get_absolute_url()}")
        self.stdout.write(f"Staff sign-in: {settings.SITE_URL}/staff/ (password {DEMO_PASSWORD})")
        for username, _first, _last, role in DEMO_USERS:
            self.stdout.write(f"  {username:<13} {role}")
        self.stdout.write(f"  {DEMO_REVIEWER[0]:<13} review coordinator (lead reviewer)")
        self._family_links()

    def _family_links(self):
        """Fresh single-use links to the demo practice review's family portal, each run."""
        coordinator = demo_users()[Role.REVIEW_COORDINATOR]
        review = load_demo_review(coordinator)
        self.stdout.write(f"Family portal for demo review {review.reference} (links work once):")
        for member, token, code in fresh_demo_links(review, coordinator):
            url = settings.SITE_URL + reverse("family-invitation", kwargs={"token": token})
            check = f" with access code {code}" if code else ""
            self.stdout.write(f"  {member.get_relationship_display():<7} {url}{check}")
