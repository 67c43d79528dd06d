"""The ASGI application: `api.main:app`, built on first use (importing this module reads no
settings and writes no file)."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from api import (
    routes_agent,
    routes_chat,
    routes_docs,
    routes_engine,
    routes_sheets,
    routes_sms,
)
from api.client_address import TrustedProxies
from api.db import migrate
from api.errors import BodySizeLimit, ContainErrors, install_error_handlers
from api.input_guard import JsonGuard
from api.log_privacy import install as install_log_privacy
from api.security_headers import SecurityHeaders
from api.settings import get_settings
from rules import money
from rules.engine.catalogue import default_catalogue

STATIC = Path(__file__).resolve().parent / "static"


@asynccontextmanager
async def lifespan(_: FastAPI) -> AsyncIterator[None]:
    migrate(get_settings().database_url)
    default_catalogue()  # load and check the catalogue before the first request
    await asyncio.to_thread(money.warm_up)  # OpenFisca-France, ~5 s: not during a request
    yield
    await routes_chat.close_http()


class App(FastAPI):
    def build_middleware_stack(self):  # type: ignore[no-untyped-def]
        # Outside Starlette's own error layer, so that a French 500 has the headers too; an
        # error already answered goes no further (the server would log it with its message).
        stack = ContainErrors(super().build_middleware_stack())
        settings = get_settings()
        stack = SecurityHeaders(stack, secure_cookies=settings.secure_cookies)
        # Outermost: the client's address is settled before anything reads it.
        return TrustedProxies(stack, settings.trusted_proxies)


def create_app() -> FastAPI:
    settings = get_settings()
    install_log_privacy()  # after the server configured its logging: it is loading the app
    app = App(
        title="Mes droits Nord",
        version="1.0",
        description="Vos droits sociaux et d'emploi dans le Nord, à partir de votre situation. "
        "Les réponses sont données a priori : l'organisme concerné décide.",
        lifespan=lifespan,
        docs_url=None,  # our own /docs (api/routes_docs.py): no script from a CDN
        redoc_url=None,
        swagger_ui_oauth2_redirect_url=None,
    )
    app.router.redirect_slashes = False  # api/errors.py redirects, never from the Host header
    install_error_handlers(app)
    app.add_middleware(JsonGuard)  # inside BodySizeLimit: reads bodies already bounded
    app.add_middleware(BodySizeLimit, limit=settings.max_body_bytes)
    app.include_router(routes_engine.router)
    app.include_router(routes_sheets.router)
    app.include_router(routes_agent.router)
    app.include_router(routes_chat.router)
    app.include_router(routes_sms.router)
    app.include_router(routes_docs.router)
    app.mount(routes_docs.ASSETS, routes_docs.swagger_files(), name="docs-assets")
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


@functools.cache
def _app() -> FastAPI:
    return create_app()


def __getattr__(name: str) -> FastAPI:
    """`api.main.app`, as uvicorn asks for it: built (and the secret key made) when asked."""
    if name == "app":
        return _app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
