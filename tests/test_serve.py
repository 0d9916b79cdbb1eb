"""`anugerah serve` as the README runs it: the real command, real HTTP, a real browser, a fuzzed OpenAPI spec."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator

import httpx
import pytest
import schemathesis
from anugerah.api.app import create_app
from anugerah.api.settings import Settings
from hypothesis import HealthCheck, settings
from SPARQLWrapper import JSON, SPARQLWrapper

from .browser import ARTIFACTS, open_page
from .conftest import DATA
from .server import free_port


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`anugerah serve` in a subprocess: it builds dist/ first (none exists yet), then serves it."""
    workdir = tmp_path_factory.mktemp("serve")
    port = free_port()
    log = (workdir / "server.log").open("w+")
    process = subprocess.Popen(
        [sys.executable, "-m", "anugerah", "serve", "--data", str(DATA), "--port", str(port), "--timeout", "10"],
        cwd=workdir, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            if process.poll() is not None:
                log.seek(0)
                raise AssertionError(f"anugerah serve exited:\n{log.read()}")
            try:
                if httpx.get(url + "/sparql", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise AssertionError("anugerah serve did not answer within 90 s")
            time.sleep(0.3)
        assert (workdir / "dist" / "anugerah.nq").is_file(), "serve should have built dist/ first"
        yield url
    finally:
        _stop(process)
        log.close()


def test_landing_page_links_the_endpoint_and_named_queries(served: str) -> None:
    page = httpx.get(served + "/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "/sparql" in page.text and "who-awarded-whom" in page.text


def test_sparqlwrapper_gets_json_from_the_served_endpoint(served: str) -> None:
    client = SPARQLWrapper(served + "/sparql")
    client.setReturnFormat(JSON)
    client.setQuery("""PREFIX agr: <https://w3id.org/anugerah/def/core#>
        SELECT (COUNT(?r) AS ?n) WHERE { ?r agr:recipient <https://w3id.org/anugerah/id/org/dishub-jatim> }""")
    result = client.queryAndConvert()
    assert result["results"]["bindings"][0]["n"]["value"] == "4"


def test_how_are_anas_and_dishub_connected_has_a_sourced_path(served: str) -> None:
    answer = httpx.get(served + "/api/connections",
                       params={"from": "Abdullah Azwar Anas", "to": "Dishub Jatim"}, timeout=30)
    assert answer.status_code == 200, answer.text
    text = answer.text
    assert "pemprov-jatim" in text
    assert "Menteri PAN RB, Abdullah Azwar Anas" in text  # the quote behind the first step
    assert "jatim.viva.co.id" in text  # and the article it comes from


def test_query_page_assets_are_served_locally(served: str) -> None:
    page = httpx.get(served + "/query")
    assert page.status_code == 200
    assert '<script src="/static/vendor/yasgui/yasgui.min.js">' in page.text
    assert "cdn" not in page.text.lower() and 'src="http' not in page.text
    asset = httpx.get(served + "/static/vendor/yasgui/yasgui.min.js")
    assert asset.status_code == 200 and len(asset.content) > 100_000


def test_query_page_runs_a_named_query_in_chromium(served: str) -> None:
    with open_page(served) as (page, problems):
        page.goto(served + "/query#recognitions-of")
        page.wait_for_selector(".yasr table.dataTable >> visible=true", timeout=30_000)
        page.wait_for_function("document.body.innerText.includes('4 results')", timeout=30_000)
        assert "org/dishub-jatim" in page.inner_text("body")
        page.screenshot(path=str(ARTIFACTS / "query-page.png"), full_page=True)
    assert problems.external == []  # nothing loaded from outside the server
    assert problems.errors == []


# --- fuzzing the OpenAPI spec: no input may produce a 5xx ---------------------------------------------------------

schema = schemathesis.openapi.from_dict(create_app(Settings()).openapi())


@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_input_yields_a_server_error(case, served: str) -> None:
    response = case.call(base_url=served, timeout=30)
    assert response.status_code < 500, f"{case.method} {case.path} → {response.status_code}: {response.text[:300]}"
