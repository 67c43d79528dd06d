"""What the API and the action server write to their logs: no message text, no sheet id.

Sheet ids open the sheet: a path is logged as « /fiche/*** ». An exception is logged as its type
and the frames it went through, never its message (a message may quote what a person wrote).
Rasa, in its own environment, has the same rules in bot/log_privacy.py.
"""

from __future__ import annotations

import logging
import re
import sys
import traceback

_SHEET_ID = re.compile(r"(/fiche/|/sheets/)[A-Za-z0-9_-]{16,}")


def mask_ids(text: str) -> str:
    return _SHEET_ID.sub(r"\1***", text)


def exception_summary(error: BaseException | None) -> str:
    """The exception's type and where it was raised, never its message."""
    if error is None:
        return ""
    frames = traceback.extract_tb(error.__traceback__)[-6:]
    where = " ← ".join(f"{frame.filename.rsplit('/', 1)[-1]}:{frame.lineno} {frame.name}"
                       for frame in reversed(frames))
    return f"{type(error).__name__} ({where})" if where else type(error).__name__


class MaskSheetIds(logging.Filter):
    """Sheet ids are bearer secrets: access logs show « /fiche/*** » instead."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(mask_ids(a) if isinstance(a, str) else a for a in record.args)
        elif isinstance(record.msg, str) and not record.args:
            record.msg = mask_ids(record.msg)
        return True


class RedactExceptions(logging.Filter):
    """An exception is logged as its type and frames, without its message."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[1] is not None:
            record.msg = f"{record.getMessage()} [{exception_summary(record.exc_info[1])}]"
            record.args = ()
            record.exc_info = None
            record.exc_text = None
        record.stack_info = None
        return True


_FILTERS = (MaskSheetIds(), RedactExceptions())


def _handlers() -> list[logging.Handler]:
    found = list(logging.getLogger().handlers)
    for logger in list(logging.Logger.manager.loggerDict.values()):
        if isinstance(logger, logging.Logger):
            found.extend(logger.handlers)
    return found


def install() -> None:
    """On every handler configured so far (uvicorn's, Sanic's), and a root handler if there is
    none; call it after the server configured its logging. Idempotent."""
    root = logging.getLogger()
    if not root.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    for handler in [*_handlers(), logging.lastResort]:
        if handler is None:
            continue
        for privacy_filter in _FILTERS:
            if privacy_filter not in handler.filters:
                handler.addFilter(privacy_filter)
