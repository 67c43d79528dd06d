"""/docs: the API's interactive documentation, Swagger UI served from this site (its files come
from the fastapi-offline package), with no inline script: the CSP holds here too."""

from __future__ import annotations

from pathlib import Path

import fastapi_offline
from fastapi import APIRouter
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

router = APIRouter(include_in_schema=False)
SWAGGER_FILES = Path(fastapi_offline.__file__).resolve().parent / "static"
ASSETS = "/docs-assets"
PAGE = f"""<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Mes droits Nord — API</title>
<link rel="stylesheet" href="{ASSETS}/swagger-ui.css">
<link rel="icon" href="{ASSETS}/favicon.png">
</head>
<body>
<div id="swagger-ui"></div>
<script src="{ASSETS}/swagger-ui-bundle.js"></script>
<script src="/static/docs.js"></script>
</body>
</html>
"""


def swagger_files() -> StaticFiles:
    return StaticFiles(directory=SWAGGER_FILES)


@router.get("/docs")
def docs() -> HTMLResponse:
    return HTMLResponse(PAGE)
