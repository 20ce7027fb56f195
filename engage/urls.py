from django.urls import path

from engage import views

urlpatterns = [
    # Participants: one short address, then the code
    path("j/", views.join, name="engage-join"),
    path("j/<str:code>/", views.participate, name="engage-participate"),
    path("j/<str:code>/help/", views.help_page, name="engage-help"),
    path("j/<str:code>/state/", views.participant_state, name="engage-participant-state"),
    # Officers
    path("staff/live/", views.session_list, name="engage-sessions"),
    path("staff/live/new/", views.session_start, name="engage-start"),
    path("staff/live/poll/", views.poll_start, name="engage-poll"),
    path("staff/live/<int:pk>/", views.control, name="engage-control"),
    path("staff/live/<int:pk>/present/", views.presenter, name="engage-presenter"),
    path("staff/live/<int:pk>/state/", views.session_state, name="engage-state"),
    path("staff/live/<int:pk>/texts/<int:text_pk>/", views.text_moderate, name="engage-moderate"),
    path("staff/live/<int:pk>/<slug:action>/", views.control_action, name="engage-action"),
]
