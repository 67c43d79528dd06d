"""What Rasa writes to its log: no message text, whatever happens. Installed by
bot/tracker_store.py, the project's module that Rasa loads at start-up (before any message).

Rasa 3.6 logs the text of a turn when the gateway gives up on it (`rest.message.received.timeout`)
or when it fails, through structlog; its stdlib loggers add exceptions whose messages may quote
what the person wrote. Here every structlog value that is not a number is masked except the
event's name, exceptions keep their type and frames but lose their message, and the warning
Rasa prints for a message shaped like `/intent{…}` is silenced (the gateway never sends one).
"""

from __future__ import annotations

import logging
import sys
import traceback
import warnings
from typing import Any

MASK = "***"
_KEPT = {"event", "level", "timestamp", "logger", "logger_name", "event_key", "log_level"}
_installed = False


def exception_summary(error: BaseException | None) -> str:
    """The exception's type and where it was raised, never its message (it may quote text)."""
    if error is None:
        return ""
    frames = traceback.extract_tb(error.__traceback__)[-6:]
    where = " ← ".join(f"{frame.filename.rsplit('/', 1)[-1]}:{frame.lineno} {frame.name}"
                       for frame in reversed(frames))
    return f"{type(error).__name__} ({where})" if where else type(error).__name__


def redact_event(_logger: Any, _name: str, event_dict: dict[str, Any]) -> dict[str, Any]:
    """structlog processor: names and numbers stay, every other value is masked."""
    for key, value in list(event_dict.items()):
        if key in _KEPT or isinstance(value, bool | int | float) or value is None:
            continue
        if key == "exc_info":
            error = value[1] if isinstance(value, tuple) else value
            if error is True:
                error = sys.exc_info()[1]
            event_dict.pop(key)
            if isinstance(error, BaseException):
                event_dict["exception"] = exception_summary(error)
            continue
        event_dict[key] = MASK
    return event_dict


class RedactExceptions(logging.Filter):
    """stdlib logging: an exception is logged as its type and frames, without its message."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[1] is not None:
            record.msg = f"{record.getMessage()} [{exception_summary(record.exc_info[1])}]"
            record.args = ()
            record.exc_info = None
            record.exc_text = None
        record.stack_info = None
        return True


def _handlers() -> list[logging.Handler]:
    found = list(logging.getLogger().handlers)
    for logger in logging.Logger.manager.loggerDict.values():
        if isinstance(logger, logging.Logger):
            found.extend(logger.handlers)
    return found


def install() -> None:
    """Once per process, after Rasa configured its logging."""
    global _installed
    if _installed:
        return
    _installed = True
    warnings.filterwarnings("ignore", message=r"(?s).*Failed to parse arguments in line")
    for handler in _handlers():
        handler.addFilter(RedactExceptions())
    try:
        import structlog
    except ImportError:
        return
    processors = structlog.get_config()["processors"]
    if isinstance(processors, list) and redact_event not in processors:
        # In place: loggers already made share this list. Right after structlog marks an
        # exception (before it is rendered with its message), else before the renderer.
        marks = [i for i, p in enumerate(processors) if p is structlog.dev.set_exc_info]
        processors.insert(marks[0] + 1 if marks else max(len(processors) - 1, 0),
                          redact_event)
