from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("surveys.urls")),
    path("", include("analysis.urls")),
    path("", include("engage.urls")),
    path("", include("engage.reviews.urls")),
]
