"""Security headers on every response, a CSP without inline scripts, /docs with no third-party
script, and redirects never built from the Host header."""

import re

import pytest

from api.main import create_app

HEADERS = {"x-frame-options": "DENY", "x-content-type-options": "nosniff",
           "referrer-policy": "no-referrer"}


def assert_secured(response):
    for name, value in HEADERS.items():
        assert response.headers.get(name) == value, (response.request.url, name)
    csp = response.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp and "http" not in csp


def test_every_kind_of_response_carries_the_headers(sqlite_client, monkeypatch):
    from fastapi.testclient import TestClient

    import api.routes_engine

    client = sqlite_client
    sheet = client.post("/api/v1/sheets", json={"age": 30, "commune": "Lille"}).json()
    responses = [
        client.get("/"), client.get("/agent/connexion"), client.get(f"/fiche/{sheet['id']}"),
        client.get(f"/fiche/{sheet['id']}.json"), client.get("/static/chat.js"),
        client.get("/static/style.css"), client.get("/fiche/inconnue"),
        client.get("/api/v1/nope"), client.post("/api/v1/evaluate", json={"age": "x"}),
        client.post("/api/v1/evaluate", content=b"{" + b" " * 100_000 + b"}",
                    headers={"content-type": "application/json"}),
        client.get("/agent/", follow_redirects=False), client.get("/docs"),
        client.get("/openapi.json"),
    ]

    def broken(_situation):
        raise RuntimeError("boom")

    monkeypatch.setattr(api.routes_engine, "evaluate", broken)
    responses.append(TestClient(client.app).post("/api/v1/evaluate", json={"age": 30}))
    assert [r.status_code for r in responses] == [
        200, 200, 200, 200, 200, 200, 404, 404, 422, 413, 307, 200, 200, 500]
    for response in responses:
        assert_secured(response)
        assert "strict-transport-security" not in response.headers


def test_hsts_behind_https(tmp_path, monkeypatch):
    from api_client import client_with

    with client_with(tmp_path, monkeypatch, SECURE_COOKIES="1") as client:
        hsts = client.get("/").headers["strict-transport-security"]
    assert hsts.startswith("max-age=31536000")


@pytest.mark.parametrize("path", ["/", "/agent/connexion", "/fiche/inconnue", "/docs", "sheet"])
def test_pages_have_no_inline_script_nor_style_sheet(sqlite_client, path):
    if path == "sheet":
        made = sqlite_client.post("/api/v1/sheets", json={"age": 30, "commune": "Lille"})
        path = f"/fiche/{made.json()['id']}"
    page = sqlite_client.get(path).text
    assert not re.search(r"<script(?![^>]*\bsrc=)", page), path
    assert "<style" not in page, path
    assert not re.search(r"""\bon[a-z]+\s*=\s*["']""", page), path  # no onclick=…
    loaded = re.findall(r'<script[^>]*\bsrc="([^"]+)"', page) + re.findall(
        r'<link[^>]*\bhref="([^"]+)"', page)
    assert loaded and all(source.startswith("/") for source in loaded), loaded  # this site


def test_docs_are_served_from_this_site(sqlite_client):
    page = sqlite_client.get("/docs").text
    scripts = re.findall(r'<script src="([^"]+)"', page)
    assert scripts == ["/docs-assets/swagger-ui-bundle.js", "/static/docs.js"]
    for asset in [*scripts, "/docs-assets/swagger-ui.css"]:
        assert sqlite_client.get(asset).status_code == 200
    assert sqlite_client.get("/redoc").status_code == 404  # it would load a CDN's script


def test_the_inline_style_attributes_of_the_desk_are_allowed_by_hash_only():
    from api.security_headers import content_security_policy, style_attribute_hashes

    hashes = style_attribute_hashes()
    assert len(hashes) == 2  # max-width:10rem and max-width:12rem in agent_desk.html
    assert f"style-src-attr 'unsafe-hashes' {' '.join(hashes)}" in content_security_policy()


@pytest.mark.parametrize("path, target", [("/agent/", "/agent"),
                                          ("/api/v1/schemes/?x=1", "/api/v1/schemes?x=1")])
def test_trailing_slash_redirects_are_relative_whatever_the_host(sqlite_client, path, target):
    for method in ("GET", "HEAD"):  # `curl -sI` sends HEAD
        response = sqlite_client.request(method, path, headers={"Host": "evil.example"},
                                         follow_redirects=False)
        assert response.status_code == 307
        assert response.headers["location"] == target


def test_no_redirect_to_another_site(sqlite_client):
    for path in ("/nope/", "/fiche/x/y/"):
        response = sqlite_client.get(path, follow_redirects=False)
        assert response.status_code == 404, path
        assert "location" not in response.headers


def test_app_builds():
    assert create_app().docs_url is None and create_app().redoc_url is None
