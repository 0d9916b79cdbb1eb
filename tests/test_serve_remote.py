"""`anugerah load` + `anugerah serve --endpoint`: the same API answered from a real Oxigraph server."""

from __future__ import annotations

from pathlib import Path

import httpx
from SPARQLWrapper import JSON, SPARQLWrapper

from .conftest import DATA, run_cli
from .oxigraph_server import oxigraph_server
from .server import run_server


def test_load_then_serve_from_an_oxigraph_server(tmp_path: Path) -> None:
    with oxigraph_server(tmp_path / "oxigraph") as oxigraph:
        loaded = run_cli("load", "--data", str(DATA), "--endpoint", oxigraph.store_url, "-q", cwd=tmp_path)
        assert loaded.returncode == 0, loaded.stderr
        assert "graphs into" in loaded.stderr
        bad = run_cli("load", "--dataset", str(tmp_path / "dist" / "anugerah.trig"),
                      "--endpoint", oxigraph.store_url.replace("/store", "/nowhere"), "-q", cwd=tmp_path)
        assert bad.returncode == 1 and "load failed" in bad.stderr and "Traceback" not in bad.stderr
        env = {"ANUGERAH_ENDPOINT": oxigraph.query_url, "ANUGERAH_TIMEOUT_S": "20"}
        with run_server(["anugerah.api.app:app_from_env", "--factory"], env=env) as url:
            client = SPARQLWrapper(url + "/sparql")
            client.setReturnFormat(JSON)
            client.setQuery("""PREFIX agr: <https://w3id.org/anugerah/def/core#>
                SELECT (COUNT(?r) AS ?n) WHERE { ?r agr:recipient <https://w3id.org/anugerah/id/org/dishub-jatim> }""")
            assert client.queryAndConvert()["results"]["bindings"][0]["n"]["value"] == "4"
            path = httpx.get(url + "/api/connections", params={"from": "Abdullah Azwar Anas", "to": "Dishub Jatim"},
                             timeout=30)
            assert path.status_code == 200, path.text
            assert "Menteri PAN RB, Abdullah Azwar Anas" in path.text
            holder = httpx.get(url + "/api/queries/office-holder-on-date",
                               params={"office": "post/gubernur-jatim", "date": "2023-11-21"}, timeout=30)
            assert holder.status_code == 200, holder.text
            assert "khofifah-indar-parawansa" in holder.text
            service = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"
            refused = httpx.get(url + "/sparql", params={"query": service})
            assert refused.status_code == 400
