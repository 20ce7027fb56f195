from django.contrib.auth import views as auth_views
from django.urls import path
from django.views.generic import RedirectView

from surveys import staff_views, views
from surveys.views import link_required
from surveys.wizard import WIZARD_OPTIONS, AnswerWizard

answer_wizard = link_required(AnswerWizard.as_view(**WIZARD_OPTIONS))

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="staff-home"), name="home"),
    # Children and young people
    path("s/<slug:slug>/", views.start, name="surveys-start"),
    path("s/<slug:slug>/about/", views.about, name="surveys-about"),
    path("s/<slug:slug>/begin/", views.begin, name="surveys-begin"),
    path("s/<slug:slug>/restart/", views.restart, name="surveys-restart"),
    path("s/<slug:slug>/resume/", views.resume, name="surveys-resume"),
    path("s/<slug:slug>/saved/", views.saved, name="surveys-saved"),
    path("s/<slug:slug>/help/", views.help_page, name="surveys-help"),
    path("s/<slug:slug>/answer/", answer_wizard, name="surveys-answer-start"),
    path("s/<slug:slug>/answer/<str:step>/", answer_wizard, name="surveys-answer"),
    path("s/<slug:slug>/send/", views.send, name="surveys-send"),
    path("s/<slug:slug>/thanks/", views.thanks, name="surveys-thanks"),
    # Staff
    path(
        "staff/login/",
        auth_views.LoginView.as_view(template_name="staff/login.html"),
        name="staff-login",
    ),
    path("staff/logout/", auth_views.LogoutView.as_view(), name="staff-logout"),
    path("staff/", staff_views.home, name="staff-home"),
    path("staff/surveys/", staff_views.survey_list, name="staff-surveys"),
    path("staff/versions/<int:pk>/preview/<str:band>/", staff_views.preview, name="staff-preview"),
    path("staff/versions/<int:pk>/responses/", staff_views.monitor, name="staff-monitor"),
    path("staff/links/", staff_views.link_list, name="staff-links"),
    path("staff/links/new/", staff_views.link_create, name="staff-link-create"),
    path("staff/links/<int:pk>/", staff_views.link_detail, name="staff-link"),
    path("staff/links/<int:pk>/qr.svg", staff_views.link_qr, name="staff-link-qr"),
    path("staff/concerns/", staff_views.concern_list, name="staff-concerns"),
    path("staff/concerns/<int:pk>/", staff_views.concern_detail, name="staff-concern"),
]
