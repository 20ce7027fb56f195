from django.conf import settings
from django.core.management.base import BaseCommand

from surveys.demo import DEMO_PASSWORD, DEMO_USERS, load_demo


class Command(BaseCommand):
    help = "Load the demo survey, link and staff users (safe to run again)."

    def handle(self, *args, **options):
        link = load_demo()
        self.stdout.write(self.style.SUCCESS("Demo loaded."))
        self.stdout.write(f"Survey link: {settings.SITE_URL}{link.get_absolute_url()}")
        self.stdout.write(f"Staff sign-in: {settings.SITE_URL}/staff/ (password {DEMO_PASSWORD})")
        for username, _first, _last, role in DEMO_USERS:
            self.stdout.write(f"  {username:<13} {role}")
