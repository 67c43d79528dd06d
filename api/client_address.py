"""The client's address: the connection's peer, or what X-Forwarded-For says when the peer is one
of TRUSTED_PROXIES (empty by default: nothing is trusted).

uvicorn would apply X-Forwarded-For itself (on by default, trusting 127.0.0.1): every command
that starts the API switches that off (`--no-proxy-headers`, README « Production ») and the
application applies uvicorn's own `ProxyHeadersMiddleware` with TRUSTED_PROXIES alone: from the
right of the header, the first address that is not a trusted proxy. If the server rewrote the
address anyway (uvicorn started without `--no-proxy-headers`: the peer is then one of the
header's own entries), a header chose it: it is not believed, every such request counts as one
unverified client (and the log says so once).
"""

from __future__ import annotations

import logging

from starlette.types import ASGIApp, Receive, Scope, Send
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

log = logging.getLogger("mesdroits.api")
UNVERIFIED = "non-verifiee"  # the one address of requests whose peer a header chose


def _entries(scope: Scope) -> list[tuple[str, int]]:
    """X-Forwarded-For's entries as uvicorn reads them: host and port (0 when there is none)."""
    found = []
    for name, value in scope.get("headers", ()):
        if name != b"x-forwarded-for":
            continue
        for item in value.decode("latin1").split(","):
            item = item.strip()
            host, _, port = item.rpartition(":") if item.count(":") == 1 else (item, "", "")
            if item.startswith("[") and "]" in item:  # [IPv6]:port
                host, _, port = item[1:].partition("]")
                port = port.removeprefix(":")
            found.append((host, int(port) if port.isdigit() else 0))
    return found


def rewritten_by_server(scope: Scope) -> bool:
    """True if the peer is one of X-Forwarded-For's entries: the server put it there."""
    client = scope.get("client")
    return bool(client) and tuple(client) in _entries(scope)


class TrustedProxies:
    """ASGI middleware, outermost: sets the scope's client before anything reads it."""

    def __init__(self, app: ASGIApp, trusted: tuple[str, ...]) -> None:
        self.app = app
        self.inner: ASGIApp = (ProxyHeadersMiddleware(app, trusted_hosts=list(trusted))  # type: ignore[arg-type]
                               if trusted else app)
        self.warned = False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket") and rewritten_by_server(scope):
            if not self.warned:
                self.warned = True
                log.warning("X-Forwarded-For already applied by the server: start uvicorn with "
                            "--no-proxy-headers (TRUSTED_PROXIES decides); such requests count "
                            "as one unverified client")
            scope["client"] = (UNVERIFIED, 0)
        await self.inner(scope, receive, send)
