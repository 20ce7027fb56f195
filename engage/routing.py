"""Websocket routes for live sessions (added with the live-session consumers)."""

websocket_urlpatterns: list = []
