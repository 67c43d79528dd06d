"""A message of the assistant: its text and, where they fit, quick-reply buttons."""

from __future__ import annotations

from typing import Any

Message = dict[str, Any]


def say(text: str, buttons: list[dict[str, str]] | None = None) -> Message:
    message: Message = {"text": text}
    if buttons:
        message["buttons"] = buttons
    return message
