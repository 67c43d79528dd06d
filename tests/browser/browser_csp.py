"""Content-Security-Policy violations seen by Chromium (it reports each on the console)."""

from __future__ import annotations

from playwright.sync_api import BrowserContext


def watch_csp(context: BrowserContext) -> list[str]:
    """Every CSP violation in this context's pages, as Chromium words it, from now on."""
    violations: list[str] = []

    def seen(message) -> None:  # type: ignore[no-untyped-def]
        if "Content Security Policy" in message.text:
            violations.append(f"{message.page.url if message.page else ''}: {message.text}")

    context.on("console", seen)
    return violations
