from django.conf import settings


def service(request):
    return {
        "QUICK_EXIT_URL": settings.QUICK_EXIT_URL,
        "SMALL_NUMBER_THRESHOLD": settings.SMALL_NUMBER_THRESHOLD,
    }
