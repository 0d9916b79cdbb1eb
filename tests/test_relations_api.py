"""The relations API through FastAPI's TestClient, on a small app over the seed data.

Exact answers are written out from the two seed articles and the curated reference data: the app's store holds
the reference data with only the two seed sources (``seed_store``, over seed_data()).
"""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from anugerah.api.relations import router
from anugerah.api.settings import Settings
from anugerah.graph.engine import EngineError, QueryTimeout
from anugerah.graph.namespaces import Base
from fastapi import FastAPI
from fastapi.testclient import TestClient

from .test_search import StoreEngine, seed_store

ID = Base().id
VIVA = "https://jatim.viva.co.id/kabar/8854-pemprov-jatim-borong-4-penghargaan-pelayanan-publik-dari-kemenpan-rb-ri"
PPP = ID + "recognition/bc6b67aba84e4a20"
SAKIP = ID + "recognition/751b8f777b9e64c5"
KIPP = ID + "recognition/8369263772bf8be6"
RB = ID + "recognition/d5a8bc88c5ce732f"
CETTAR = ID + "recognition/eef7db6cdb50867f"
EXPO = ID + "event/2023-11-23-pameran-inovasi-jatim-bureaucracy-fest"


def make_client(engine: Any, **settings: Any) -> TestClient:
    app = FastAPI()
    app.include_router(router(lambda: engine, Settings(**settings)))
    return TestClient(app)


@pytest.fixture(scope="module")
def engine() -> StoreEngine:
    return StoreEngine(seed_store())


@pytest.fixture(scope="module")
def client(engine: StoreEngine) -> TestClient:
    return make_client(engine)


def rows_of(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def short(iri: str | None) -> str | None:
    return iri[len(ID) :] if iri and iri.startswith(ID) else iri


# --- search ---------------------------------------------------------------------------------------------------


def test_search(client: TestClient) -> None:
    response = client.get("/api/search", params={"q": "Pemprov Jatim", "limit": 1})
    assert response.status_code == 200
    assert response.json() == {
        "q": "Pemprov Jatim",
        "hits": [
            {
                "iri": ID + "org/pemprov-jatim",
                "id": "org/pemprov-jatim",
                "label_id": "Pemerintah Provinsi Jawa Timur",
                "label_en": "East Java Provincial Government",
                "type": "agr:RegionalGovernment",
                "kind": "organisation",
                "matched": "Pemprov Jatim",
                "score": 100.0,
                "match": "exact",
            }
        ],
    }


def test_search_typo_english_and_types(client: TestClient) -> None:
    hits = client.get("/api/search", params={"q": "Emi Elestianto Dardak"}).json()["hits"]
    assert hits[0]["id"] == "person/emil-elestianto-dardak"
    hits = client.get("/api/search", params={"q": "East Java Provincial Transportation Agency"}).json()["hits"]
    assert hits[0]["id"] == "org/dishub-jatim"
    hits = client.get("/api/search", params=[("q", "jatim"), ("type", "region"), ("type", "agr:Office")]).json()
    assert {h["kind"] for h in hits["hits"]} == {"region", "office"}


def test_search_bad_input(client: TestClient) -> None:
    assert client.get("/api/search", params={"q": ""}).json() == {"q": "", "hits": []}
    assert client.get("/api/search", params={"q": "x" * 10_000}).status_code == 200
    response = client.get("/api/search", params={"q": "jatim", "type": "nonsense"})
    assert response.status_code == 400
    assert response.json()["detail"]["parameter"] == "type"
    response = client.get("/api/search", params={"q": "jatim", "limit": 0})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "limit"]
    response = client.get("/api/search")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "q"]


# --- entities -------------------------------------------------------------------------------------------------


def test_entity_page_of_an_agency(client: TestClient) -> None:
    response = client.get("/api/entities/org/dishub-jatim")
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == "org/dishub-jatim"
    assert body["iri"] == ID + "org/dishub-jatim"
    assert body["labels"] == {
        "id": "Dinas Perhubungan Provinsi Jawa Timur",
        "en": "East Java Provincial Transportation Agency",
    }
    assert body["alt_labels"] == {
        "id": ["Dinas Perhubungan Provinsi Jatim", "Dishub Jatim", "Dishub Provinsi Jawa Timur"],
    }
    assert [t["curie"] for t in body["types"]] == ["agr:RegionalAgency"]
    assert body["kind"] == "organisation"
    assert [(s["property_curie"], short(s["value"]) if s["value_kind"] == "iri" else s["value"])
            for s in body["statements"]] == [
        ("org:unitOf", "org/pemprov-jatim"),
        ("foaf:homepage", "https://dishub.jatimprov.go.id/"),
        ("agr:jurisdiction", "wilayah/35"),
    ]
    # Four recognitions received, none with a conferrer (the article names none), each with its quotes.
    recognitions = body["recognitions"]
    assert [(r["recognition"], r["role"], r["conferrers"], short(r["award"]["iri"])) for r in recognitions] == [
        (SAKIP, "recipient", [], "award/evaluasi-sakip"),
        (KIPP, "recipient", [], "award/kompetisi-inovasi-pelayanan-publik-jatim"),
        (RB, "recipient", [], "award/evaluasi-percepatan-reformasi-birokrasi"),
        (CETTAR, "recipient", [], "award/penilaian-budaya-kerja-cettar"),
    ]
    cettar = recognitions[3]
    assert cettar["grade"] == {"iri": ID + "grade/cettar/cettar", "label": "CETTAR"}
    assert cettar["date"] == "2023-11-23"
    assert cettar["event"]["iri"] == EXPO
    assert [(e["start"], e["end"], e["name_as_stated"]) for e in cettar["evidence"]] == [
        (7, 174, "Dinas Perhubungan Provinsi Jatim"),
        (175, 397, "Dishub Jatiim"),
    ]
    assert cettar["evidence"][1]["quote"].startswith("Penghargaan pertama adalah Predikat Cettar")
    assert body["tenures"] == [] and body["events"] == [] and body["evidence"] == []
    assert {short(i["subject"]) for i in body["incoming"] if i["property_curie"] == "agr:recipient"} == {
        short(SAKIP), short(KIPP), short(RB), short(CETTAR)
    }


def test_entity_page_of_a_presenter(client: TestClient) -> None:
    body = client.get("/api/entities/person/abdullah-azwar-anas").json()
    [recognition] = body["recognitions"]
    assert recognition["recognition"] == PPP
    assert recognition["role"] == "presenter"
    assert recognition["capacity"]["iri"] == ID + "post/menteri-panrb"
    assert recognition["recipients"] == [{"iri": ID + "org/pemprov-jatim", "label": "Pemerintah Provinsi Jawa Timur"}]
    assert recognition["conferrers"] == [
        {"iri": ID + "org/kemenpanrb", "label": "Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi"}
    ]
    assert recognition["quantity"] == 4
    assert "Menteri PAN RB, Abdullah Azwar Anas" in [e["quote"] for e in recognition["evidence"]]
    [tenure] = body["tenures"]
    assert tenure["office"]["iri"] == ID + "post/menteri-panrb"
    assert tenure["attested_on"] == ["2023-11-21"]
    assert [(e["quote"], e["start"]) for e in tenure["evidence"]] == [
        ("Menteri PAN RB, Abdullah Azwar Anas", 525),
        ("MenPAN RB Abdullah Azwar Anas", 2074),
    ]


def test_entity_page_of_an_event_opener(client: TestClient) -> None:
    body = client.get("/api/entities/person/emil-elestianto-dardak").json()
    [event] = body["events"]
    assert (event["event"], event["role"], event["start_date"]) == (EXPO, "opener", "2023-11-23")
    assert event["evidence"][0]["name_as_stated"] == "Emi Elestianto Dardak"


@pytest.mark.parametrize("path", ["org/nope", "person/abdullah-azwar-anas-2", "..%2F..%2Fetc", "x", "org/x%22%7D"])
def test_unknown_entities_are_404(client: TestClient, path: str) -> None:
    response = client.get(f"/api/entities/{path}")
    assert response.status_code == 404
    assert response.json()["detail"]["parameter"] == "path"


# --- awards ---------------------------------------------------------------------------------------------------

AWARDS = [
    # (recognition, recipient, award, conferrers, presenters, date)
    (PPP, "org/pemprov-jatim", "award/penghargaan-pelayanan-publik", ["org/kemenpanrb"], ["person/abdullah-azwar-anas"],
     "2023-11-21"),
    (SAKIP, "org/dishub-jatim", "award/evaluasi-sakip", [], [], "2023-11-23"),
    (KIPP, "org/dishub-jatim", "award/kompetisi-inovasi-pelayanan-publik-jatim", [], [], "2023-11-23"),
    (RB, "org/dishub-jatim", "award/evaluasi-percepatan-reformasi-birokrasi", [], [], "2023-11-23"),
    (CETTAR, "org/dishub-jatim", "award/penilaian-budaya-kerja-cettar", [], [], "2023-11-23"),
]


def summary(items: list[dict]) -> list[tuple]:
    return [
        (a["recognition"], short(a["recipient"]["iri"]), short(a["award"]["iri"]),
         [short(c["iri"]) for c in a["conferrers"]], [short(p["iri"]) for p in a["presenters"]], a["date"])
        for a in items
    ]


def test_who_awarded_whom(client: TestClient) -> None:
    body = client.get("/api/awards").json()
    assert body["count"] == 5
    assert summary(body["awards"]) == AWARDS
    ppp = body["awards"][0]
    assert ppp["quantity"] == 4 and ppp["year"] == 2023
    assert ppp["event"] == {"iri": ID + "event/2023-11-21-penghargaan-pelayanan-publik",
                            "label": "Penghargaan Pelayanan Publik Tahun 2023"}
    assert body["awards"][2]["work"] == {"iri": ID + "innovation/transjatim-ajaib", "label": "Transjatim Ajaib"}
    assert body["awards"][2]["placement"] == "top 30"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"year": 2023}, AWARDS),
        ({"year": 2022}, []),
        ({"region": "wilayah/35"}, AWARDS),  # Pemprov's jurisdiction, and Dishub's (and its parent's)
        ({"region": "Jawa Timur"}, AWARDS),  # by name
        ({"region": "wilayah/35.79"}, []),  # no recipient governs Kota Batu (the event was there)
        ({"region": "DKI Jakarta"}, []),
        ({"conferrer": "KemenPAN-RB"}, AWARDS[:1]),  # by acronym
        ({"conferrer": ID + "org/kemenpanrb"}, AWARDS[:1]),  # by IRI
        ({"recipient": "Dishub Jatim"}, AWARDS[1:]),
        ({"recipient": "org/dishub-jatim", "award": "SAKIP"}, AWARDS[1:2]),
        ({"award": "award/penghargaan-pelayanan-publik-2023"}, AWARDS[:1]),  # an edition
    ],
)
def test_who_awarded_whom_filters(client: TestClient, params: dict, expected: list) -> None:
    response = client.get("/api/awards", params=params)
    assert response.status_code == 200, response.text
    assert summary(response.json()["awards"]) == expected


def test_who_awarded_whom_as_csv(client: TestClient) -> None:
    response = client.get("/api/awards", params={"format": "csv"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    table = rows_of(response.text)
    assert table[0] == [
        "recognition", "type", "recipient", "recipient_label", "conferrer", "conferrer_label", "presenter",
        "presenter_label", "award", "award_label", "edition", "edition_label", "grade", "grade_label", "placement",
        "quantity", "work", "work_label", "date", "year", "event", "event_label",
    ]
    assert len(table) == 6
    ppp = dict(zip(table[0], table[1], strict=True))
    assert ppp["recipient_label"] == "Pemerintah Provinsi Jawa Timur"
    assert ppp["conferrer_label"] == "Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi"
    assert ppp["presenter_label"] == "Abdullah Azwar Anas"
    assert ppp["quantity"] == "4"
    # Never an invented conferrer: Dishub's rows leave it empty.
    assert {dict(zip(table[0], row, strict=True))["conferrer"] for row in table[2:]} == {""}
    assert client.get("/api/awards", headers={"Accept": "text/csv"}).text == response.text


@pytest.mark.parametrize(
    ("params", "status", "parameter"),
    [
        ({"year": "twenty"}, 422, "year"),
        ({"recipient": "org/nobody"}, 404, "recipient"),
        ({"recipient": "zzzqqqxxx"}, 404, "recipient"),
        ({"region": "https://example.org/elsewhere"}, 404, "region"),
        ({"conferrer": "  "}, 400, "conferrer"),
        ({"format": "xml"}, 422, "format"),
    ],
)
def test_who_awarded_whom_errors(client: TestClient, params: dict, status: int, parameter: str) -> None:
    response = client.get("/api/awards", params=params)
    assert response.status_code == status
    detail = response.json()["detail"]
    assert (detail[0]["loc"][-1] if isinstance(detail, list) else detail["parameter"]) == parameter


# --- connections ----------------------------------------------------------------------------------------------


def test_how_are_abdullah_azwar_anas_and_dishub_jatim_connected_asked_by_name(client: TestClient) -> None:
    response = client.get("/api/connections", params={"from": "Abdullah Azwar Anas", "to": "Dishub Jatim"})
    assert response.status_code == 200
    body = response.json()
    assert body["from"] == {"iri": ID + "person/abdullah-azwar-anas", "id": "person/abdullah-azwar-anas",
                            "label": "Abdullah Azwar Anas"}
    assert body["to"]["id"] == "org/dishub-jatim"
    first = body["paths"][0]
    assert [(short(s["from"]), s["relation"], s["direction"], short(s["to"])) for s in first["steps"]] == [
        ("person/abdullah-azwar-anas", "presented", "forward", "org/pemprov-jatim"),
        ("org/pemprov-jatim", "unit_of", "backward", "org/dishub-jatim"),
    ]
    presented = first["steps"][0]["facts"][0]
    assert presented["fact"] == PPP
    assert presented["source"] == VIVA
    assert presented["evidence"][0]["quote"] == "Menteri PAN RB, Abdullah Azwar Anas"
    assert (presented["evidence"][0]["start"], presented["evidence"][0]["end"]) == (525, 560)
    assert first["steps"][1]["facts"][0]["source"] == "reference data"
    assert body["count"] == len(body["paths"]) >= 3
    assert [p["length"] for p in body["paths"]] == sorted(p["length"] for p in body["paths"])


def test_connections_by_id_iri_and_with_options(client: TestClient) -> None:
    by_id = client.get("/api/connections", params={"from": "person/abdullah-azwar-anas", "to": "org/dishub-jatim",
                                                   "max_paths": 1}).json()
    by_iri = client.get("/api/connections", params={"from": ID + "person/abdullah-azwar-anas",
                                                    "to": ID + "org/dishub-jatim", "max_paths": 1}).json()
    assert by_id == by_iri and by_id["count"] == 1
    restricted = client.get("/api/connections", params=[("from", "Azwar Anas"), ("to", "Dishub Jatim"),
                                                        ("relation", "held_office"), ("relation", "post_in"),
                                                        ("relation", "conferred"), ("relation", "unit_of")]).json()
    assert [s["relation"] for s in restricted["paths"][0]["steps"]] == ["held_office", "post_in", "conferred",
                                                                          "unit_of"]
    none = client.get("/api/connections", params={"from": "Azwar Anas", "to": "Dishub Jatim", "cutoff": 1}).json()
    assert none["paths"] == [] and none["count"] == 0


@pytest.mark.parametrize(
    ("params", "status", "parameter"),
    [
        ({"from": "zzzqqqxxx", "to": "Dishub Jatim"}, 404, "from"),
        ({"from": "Dishub Jatim", "to": "org/nobody"}, 404, "to"),
        ({"from": "Pelayanan Publik", "to": "Dishub Jatim"}, 422, "from"),  # several awards and events
        ({"from": "Dishub Jatim", "to": "Dishub Jatim", "relation": "likes"}, 400, "relation"),
        ({"from": "Dishub Jatim", "to": "grade/sakip/memuaskan"}, 404, "to"),  # an entity in no relation
        ({"from": "Dishub Jatim"}, 422, "to"),
        ({"from": "Dishub Jatim", "to": "Jatim", "max_paths": 0}, 422, "max_paths"),
    ],
)
def test_connection_errors_name_the_parameter(client: TestClient, params: dict, status: int, parameter: str) -> None:
    response = client.get("/api/connections", params=params)
    assert response.status_code == status, response.text
    detail = response.json()["detail"]
    assert (detail[0]["loc"][-1] if isinstance(detail, list) else detail["parameter"]) == parameter


def test_an_ambiguous_name_lists_the_candidates(client: TestClient) -> None:
    detail = client.get("/api/connections", params={"from": "Pelayanan Publik", "to": "Jatim"}).json()["detail"]
    ids = [c["id"] for c in detail["candidates"]]
    assert "award/penghargaan-pelayanan-publik" in ids and len(ids) >= 2


# --- named queries --------------------------------------------------------------------------------------------


def test_the_named_queries_are_listed_with_their_parameters(client: TestClient) -> None:
    body = client.get("/api/queries").json()
    assert [q["name"] for q in body] == [
        "connection", "events-at", "evidence-for", "office-holder-on-date", "recognitions-of", "who-awarded-whom",
    ]
    by_name = {q["name"]: q for q in body}
    assert [(p["name"], p["type"], p["required"]) for p in by_name["office-holder-on-date"]["params"]] == [
        ("office", "iri", True), ("date", "xsd:date", True),
    ]
    assert [(p["name"], p["type"], p["required"]) for p in by_name["who-awarded-whom"]["params"]] == [
        ("year", "xsd:gYear", False), ("recipient", "iri", False), ("conferrer", "iri", False),
    ]
    assert by_name["who-awarded-whom"]["url"] == "/api/queries/who-awarded-whom"


def test_a_named_query_as_json(client: TestClient) -> None:
    response = client.get("/api/queries/office-holder-on-date",
                          params={"office": "post/gubernur-jatim", "date": "2023-11-21"})
    assert response.status_code == 200
    assert response.json() == {
        "query": "office-holder-on-date",
        "params": {"office": "post/gubernur-jatim", "date": "2023-11-21"},
        "columns": ["office", "date", "holder", "holderLabel", "tenure", "basis", "startDate", "endDate",
                    "tenureType"],
        "rows": [
            {
                "office": ID + "post/gubernur-jatim",
                "date": "2023-11-21",
                "holder": ID + "person/khofifah-indar-parawansa",
                "holderLabel": "Khofifah Indar Parawansa",
                "tenure": ID + "tenure/gubernur-jatim/khofifah-indar-parawansa",
                "basis": "attestation",
                "startDate": None,
                "endDate": None,
                "tenureType": None,
            }
        ],
        "row_count": 1,
        "truncated": False,
    }


def test_a_named_query_as_csv_has_a_label_column_next_to_each_iri_column(client: TestClient) -> None:
    response = client.get("/api/queries/who-awarded-whom", params={"year": "2023", "format": "csv"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    table = rows_of(response.text)
    assert table[0] == [
        "recognition", "recognition_label", "recipient", "recipient_label", "recipientLabel", "conferrer",
        "conferrer_label", "conferrerLabel", "presenter", "presenter_label", "presenterLabel", "award", "award_label",
        "awardLabel", "grade", "grade_label", "gradeLabel", "placement", "quantity", "work", "work_label", "workLabel",
        "date", "year", "event", "event_label", "eventLabel",
    ]
    assert len(table) == 6
    first = dict(zip(table[0], table[1], strict=True))
    assert first["recipient"] == ID + "org/pemprov-jatim"
    assert first["recipient_label"] == "Pemerintah Provinsi Jawa Timur"
    assert first["presenter_label"] == "Abdullah Azwar Anas"
    assert first["recognition_label"] == ""  # a recognition has no label
    # Accept: text/csv works as well as format=csv.
    by_accept = client.get("/api/queries/who-awarded-whom", params={"year": "2023"},
                           headers={"Accept": "text/csv"})
    assert by_accept.text == response.text


def test_labels_in_csv_come_from_one_cached_query(engine: StoreEngine) -> None:
    fresh = make_client(engine)
    params = {"entity": "person/abdullah-azwar-anas", "format": "csv"}
    fresh.get("/api/queries/recognitions-of", params=params)
    before = engine.queries
    table = rows_of(fresh.get("/api/queries/recognitions-of", params=params).text)
    assert engine.queries == before + 1  # only the named query itself
    row = dict(zip(table[0], table[1], strict=True))
    assert row["role"] == "presenter"
    assert row["capacity_label"] == "Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi"
    assert row["entity_label"] == "Abdullah Azwar Anas"


@pytest.mark.parametrize(
    ("path", "params", "status", "parameter"),
    [
        ("office-holder-on-date", {"office": "post/gubernur-jatim", "date": "2023-02-30"}, 400, "date"),
        ("office-holder-on-date", {"office": "not an iri", "date": "2023-11-21"}, 400, "office"),
        ("office-holder-on-date", {"office": "post/gubernur-jatim"}, 422, "date"),
        ("office-holder-on-date", {"office": "post/gubernur-jatim", "date": ""}, 400, "date"),
        ("who-awarded-whom", {"year": "23"}, 400, "year"),
        ("who-awarded-whom", {"colour": "red"}, 400, "colour"),
        ("who-awarded-whom", [("year", "2023"), ("year", "2024")], 400, "year"),
        ("who-awarded-whom", {"format": "xml"}, 422, "format"),
        ("no-such-query", {}, 404, "name"),
    ],
)
def test_named_query_errors_name_the_parameter(
    client: TestClient, path: str, params: Any, status: int, parameter: str
) -> None:
    response = client.get(f"/api/queries/{path}", params=params)
    assert response.status_code == status, response.text
    detail = response.json()["detail"]
    assert (detail[0]["loc"][-1] if isinstance(detail, list) else detail["parameter"]) == parameter


HOSTILE = ['org/x"} DROP ALL {', "org/x> } ; DELETE WHERE { ?s ?p ?o } #", "2023\"} UNION {", "} DROP", "'\"{}<>\\"]


@pytest.mark.parametrize("value", HOSTILE)
def test_a_hostile_parameter_cannot_change_a_query(client: TestClient, value: str) -> None:
    quads = len(seed_store())
    expected = client.get("/api/queries/who-awarded-whom").json()
    for name in ("recipient", "conferrer", "year"):
        response = client.get("/api/queries/who-awarded-whom", params={name: value})
        assert response.status_code == 400
        assert response.json()["detail"]["parameter"] == name
    for name in ("recipient", "conferrer", "region", "award"):
        assert client.get("/api/awards", params={name: value}).status_code in (404, 422)
    assert client.get("/api/connections", params={"from": value, "to": "Jatim"}).status_code in (404, 422)
    assert client.get("/api/search", params={"q": value}).status_code == 200
    assert client.get("/api/entities/" + value.replace("/", "%2F")).status_code == 404
    assert client.get("/api/queries/who-awarded-whom").json() == expected
    assert len(seed_store()) == quads


# --- OpenAPI --------------------------------------------------------------------------------------------------


def test_openapi_documents_each_named_query_with_typed_parameters(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    for name in ("connection", "events-at", "evidence-for", "office-holder-on-date", "recognitions-of",
                 "who-awarded-whom"):
        assert f"/api/queries/{name}" in paths
    assert "/api/queries/{name}" not in paths
    operation = paths["/api/queries/office-holder-on-date"]["get"]
    assert operation["summary"].startswith("Who held an office on a date")
    params = {p["name"]: p for p in operation["parameters"]}
    assert set(params) == {"office", "date", "format"}
    assert params["office"]["required"] is True and params["date"]["required"] is True
    assert params["date"]["schema"]["type"] == "string" and params["date"]["schema"]["format"] == "date"
    assert "YYYY-MM-DD" in params["date"]["schema"]["description"]
    assert "text/csv" in operation["responses"]["200"]["content"]
    who = {p["name"]: p for p in paths["/api/queries/who-awarded-whom"]["get"]["parameters"]}
    assert who["year"]["required"] is False
    assert who["year"]["schema"]["type"] == "string" and who["year"]["schema"]["pattern"] == "^[0-9]{4}$"
    connections = {p["name"]: p for p in paths["/api/connections"]["get"]["parameters"]}
    assert connections["from"]["required"] is True
    assert connections["max_paths"]["schema"]["type"] == "integer"
    for path in ("/api/search", "/api/entities/{path}", "/api/awards", "/api/connections", "/api/queries"):
        assert path in paths


# --- engine failures, caching ---------------------------------------------------------------------------------


class FailingEngine:
    def __init__(self, error: Exception) -> None:
        self.error = error

    def select(self, query: str, bindings: Any = None, *, timeout_s: float | None = None) -> list:
        raise self.error

    def ask(self, query: str, bindings: Any = None, *, timeout_s: float | None = None) -> bool:
        raise self.error


@pytest.mark.parametrize(("error", "status"), [(EngineError("worker died"), 503), (QueryTimeout("too slow"), 503)])
def test_an_engine_failure_is_never_a_500(error: Exception, status: int) -> None:
    failing = make_client(FailingEngine(error))
    for url, params in [
        ("/api/search", {"q": "Jatim"}),
        ("/api/entities/org/dishub-jatim", {}),
        ("/api/awards", {}),
        ("/api/connections", {"from": "org/dishub-jatim", "to": "org/pemprov-jatim"}),
        ("/api/queries/who-awarded-whom", {}),
    ]:
        response = failing.get(url, params=params)
        assert response.status_code == status, url
        assert "could not answer" in response.json()["detail"]["message"]


def test_the_index_and_network_are_built_once_per_engine() -> None:
    engine = StoreEngine(seed_store())
    fresh = make_client(engine)
    fresh.get("/api/search", params={"q": "Jatim"})
    fresh.get("/api/connections", params={"from": "Azwar Anas", "to": "Dishub Jatim"})
    before = engine.queries
    fresh.get("/api/search", params={"q": "Dishub"})
    fresh.get("/api/connections", params={"from": "Khofifah", "to": "Dishub Jatim"})
    assert engine.queries == before


def test_row_limit_truncates_and_says_so(engine: StoreEngine) -> None:
    small = make_client(engine, row_limit=2)
    body = small.get("/api/queries/who-awarded-whom").json()
    assert body["row_count"] == 2 and body["truncated"] is True
    response = small.get("/api/queries/who-awarded-whom", params={"format": "csv"})
    assert response.headers["x-anugerah-truncated"] == "true"
    assert len(rows_of(response.text)) == 3
