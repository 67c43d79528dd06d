"""The desk as a test drives it: an account, the login form with its CSRF token, the desk's."""

from __future__ import annotations

import re

from api.agents import create_agent
from api.db import session_scope
from api.settings import get_settings

PASSWORD = "un-mot-de-passe-solide"


def add_agent(username="alice", name="Alice Martin"):
    with session_scope(get_settings().database_url) as session:
        return create_agent(session, username, name, PASSWORD).id


def csrf_from(html):
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def login(client, username="alice", password=PASSWORD, **headers):
    token = csrf_from(client.get("/agent/connexion").text)
    return client.post("/agent/connexion", data={"username": username, "password": password,
                                                 "csrf": token},
                       headers=headers, follow_redirects=False)


def desk_token(client):
    return re.search(r'data-csrf="([^"]+)"', client.get("/agent").text).group(1)


def resume(client, code, token=None):
    """« Reprendre » at the desk with a resident's hand-over code."""
    return client.post("/agent/reprise", json={"code": code},
                       headers={"X-CSRF-Token": token or desk_token(client)})
