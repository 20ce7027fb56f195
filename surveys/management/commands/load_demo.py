from django.conf import settings
from django.core.management.base import BaseCommand

from surveys.demo import DEMO_PASSWORD, DEMO_USERS, load_demo
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
