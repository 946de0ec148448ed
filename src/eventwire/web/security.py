"""Security headers on every answer of the app (the dashboard, the API, its docs and errors)."""

from __future__ import annotations

from collections.abc import Mapping

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class SecurityHeaders:
    """ASGI middleware adding ``headers`` to each HTTP response (``overrides`` by path, e.g. a
    looser Content-Security-Policy for a page that needs an inline script). Headers the app set
    itself are kept."""

    def __init__(
        self,
        app: ASGIApp,
        headers: Mapping[str, str],
        overrides: Mapping[str, Mapping[str, str]] | None = None,
    ) -> None:
        self.app = app
        self.headers = self._encode(headers)
        self.overrides = {p: self._encode({**headers, **h}) for p, h in (overrides or {}).items()}

    @staticmethod
    def _encode(headers: Mapping[str, str]) -> list[tuple[bytes, bytes]]:
        return [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = self.overrides.get(scope["path"], self.headers)

        async def add(message: Message) -> None:
            if message["type"] == "http.response.start":
                have = {k.lower() for k, _ in message.get("headers", [])}
                message = {
                    **message,
                    "headers": [
                        *message.get("headers", []),
                        *((k, v) for k, v in extra if k not in have),
                    ],
                }
            await send(message)

        await self.app(scope, receive, add)
