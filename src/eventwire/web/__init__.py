"""The HTTP API and the dashboard (served by the same app)."""

from eventwire.web.app import create_app

__all__ = ["create_app"]
