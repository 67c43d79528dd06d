"""Security headers on every response, and the API's documentation served from here.

The Content-Security-Policy allows scripts and style sheets from this site only: no inline
script, no inline style sheet, nothing from a third party. The one exception is the inline
`style="…"` attributes of our own templates, each allowed by its hash ('unsafe-hashes'),
computed from the templates at start-up (the agent desk has two).
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

TEMPLATES = Path(__file__).resolve().parent / "templates"
_STYLE_ATTRIBUTE = re.compile(r'\sstyle="([^"{}]*)"')


def style_attribute_hashes(templates: Path = TEMPLATES) -> list[str]:
    """The CSP sources of the fixed style attributes written in our templates."""
    values = {match.group(1) for path in sorted(templates.glob("*.html"))
              for match in _STYLE_ATTRIBUTE.finditer(path.read_text())}
    return [f"'sha256-{base64.b64encode(hashlib.sha256(v.encode()).digest()).decode()}'"
            for v in sorted(values)]


def content_security_policy(templates: Path = TEMPLATES) -> str:
    hashes = style_attribute_hashes(templates)
    style_attributes = " ".join(["'unsafe-hashes'", *hashes]) if hashes else "'none'"
    return "; ".join([
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "style-src-elem 'self'",
        f"style-src-attr {style_attributes}",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "manifest-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ])


def security_headers(secure_cookies: bool) -> list[tuple[bytes, bytes]]:
    headers = {
        "Content-Security-Policy": content_security_policy(),
        "X-Frame-Options": "DENY",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",  # a sheet's address is its key: never sent on
        "Cross-Origin-Opener-Policy": "same-origin",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    }
    if secure_cookies:  # behind HTTPS (README, « Production »)
        headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
    return [(k.lower().encode(), v.encode()) for k, v in headers.items()]


class SecurityHeaders:
    """Pure ASGI middleware: the headers on every HTTP response, errors included."""

    def __init__(self, app: ASGIApp, secure_cookies: bool) -> None:
        self.app = app
        self.headers = security_headers(secure_cookies)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in self.headers:
                    if name.decode() not in headers:
                        headers.append(name.decode(), value.decode())
            await send(message)

        await self.app(scope, receive, with_headers)
