"""Websocket routes for live sessions.

A phone's socket sits under its session's join address so that the participant cookie, which
is scoped to `/j/<code>/`, travels with it.
"""

from django.urls import path

from engage import consumers

websocket_urlpatterns = [
    path("j/<str:code>/ws/", consumers.ParticipantConsumer.as_asgi(), name="engage-ws-phone"),
    path("ws/live/<int:pk>/", consumers.StaffConsumer.as_asgi(), name="engage-ws-staff"),
]
