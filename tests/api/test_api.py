"""The HTTP API: evaluation, catalogue, communes, and errors in French."""

from rules import evaluate


def test_evaluate_gives_the_engine_result(client, ines):
    response = client.post("/api/v1/evaluate", json=ines)
    assert response.status_code == 200
    assert response.json() == evaluate(ines)


def test_invalid_situation_is_422_with_french_messages(client):
    response = client.post("/api/v1/evaluate", json={"age": 300, "activite": "chomage"})
    assert response.status_code == 422
    body = response.json()
    fields = {d["champ"]: d["message"] for d in body["details"]}
    assert "ne peut pas dépasser 120 ans" in fields["age"]
    assert "sans_emploi" in fields["activite"]


def test_malformed_bodies_never_give_a_5xx(client):
    cases = [
        (b"{pas du json", "application/json"),
        (b"[1, 2]", "application/json"),
        (b"", "application/json"),
        (b"\xff\xfe", "application/json"),
        (b"age=3", "application/x-www-form-urlencoded"),
        (b'{"age": 1e999}', "application/json"),
        (b'{"commune": "' + b"a" * 5000 + b'"}', "application/json"),
    ]
    for body, kind in cases:
        response = client.post("/api/v1/evaluate", content=body, headers={"content-type": kind})
        assert response.status_code in (413, 422), (body[:20], response.status_code)
        assert "erreur" in response.json()
        assert "Traceback" not in response.text


def test_oversized_body_is_413(client):
    response = client.post("/api/v1/evaluate", content=b"{" + b" " * 200_000 + b"}",
                           headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert response.json()["erreur"] == "La requête est trop volumineuse."


def test_unknown_route_and_method_are_french(client):
    assert client.get("/api/v1/nope").json()["erreur"].startswith("Cette page n'existe pas")
    assert client.get("/api/v1/evaluate").status_code == 405
    assert "Méthode" in client.get("/api/v1/evaluate").json()["erreur"]


def test_schemes_and_one_scheme(client):
    listing = client.get("/api/v1/schemes").json()
    assert {"cej", "garantie_jeunes", "rsa"} <= {s["id"] for s in listing}
    gj = client.get("/api/v1/schemes/garantie_jeunes").json()
    assert gj["remplace_par"] == "cej" and gj["fin"] == "2022-02-28"
    missing = client.get("/api/v1/schemes/garantie_jeune")
    assert missing.status_code == 404 and "Dispositif inconnu" in missing.json()["erreur"]


def test_commune_autocomplete_tolerates_typos(client):
    assert client.get("/api/v1/communes", params={"q": "roub"}).json()[0]["nom"] == "Roubaix"
    assert client.get("/api/v1/communes", params={"q": "Tourcoin"}).json()[0]["insee"] == "59599"
    assert client.get("/api/v1/communes", params={"q": ""}).status_code == 422
    assert client.get("/api/v1/communes", params={"q": "x" * 500}).status_code == 422


def test_health(client):
    assert client.get("/api/v1/health").json()["statut"] == "ok"


def test_openapi_is_french_with_examples(client):
    spec = client.get("/openapi.json").json()
    evaluate_op = spec["paths"]["/api/v1/evaluate"]["post"]
    assert evaluate_op["summary"] == "Évaluer une situation"
    examples = evaluate_op["requestBody"]["content"]["application/json"]["examples"]
    assert examples["jeune"]["value"]["commune"] == "Roubaix"
    assert examples["jeune"]["value"]["code_insee"] == "59512"
    assert "/api/v1/sheets" in spec["paths"]


def test_the_openapi_examples_are_accepted_by_the_api(client):
    spec = client.get("/openapi.json").json()
    evaluate_op = spec["paths"]["/api/v1/evaluate"]["post"]
    examples = evaluate_op["requestBody"]["content"]["application/json"]["examples"]
    for name, example in examples.items():
        response = client.post("/api/v1/evaluate", json=example["value"])
        assert response.status_code == 200, (name, response.json())
        assert response.json()["territoire"]["dans_le_nord"], name
