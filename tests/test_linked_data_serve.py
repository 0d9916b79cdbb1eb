"""`anugerah serve` publishes what `anugerah export` writes: it builds dist/, exports dist/publication/ in the
background, and serves the downloads, the catalog and the entity documents from them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
from rdflib import Graph

from .conftest import DATA
from .server import free_port


def test_serve_builds_exports_and_serves_the_publication(tmp_path: Path) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = (tmp_path / "serve.log").open("w+")
    process = subprocess.Popen(
        [sys.executable, "-m", "anugerah", "serve", "--data", str(DATA), "--out", str(tmp_path / "dist"),
         "--port", str(port), "--workers", "1"],
        cwd=tmp_path, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        deadline = time.monotonic() + 300
        page = None
        while time.monotonic() < deadline:
            if process.poll() is not None:
                log.seek(0)
                raise AssertionError(f"anugerah serve exited:\n{log.read()}")
            try:
                answer = httpx.get(url + "/data/", timeout=5)
                if answer.status_code == 200:
                    page = answer
                    break
                assert answer.status_code == 404  # not exported yet: a clear "nothing published yet"
            except httpx.TransportError:
                pass
            time.sleep(0.5)
        assert page is not None, "the publication did not appear within 300 s"
        publication = tmp_path / "dist" / "publication"
        assert (publication / "data" / "catalog.ttl").is_file()
        served = httpx.get(url + "/catalog.ttl", timeout=30)
        assert served.content == (publication / "data" / "catalog.ttl").read_bytes()  # the same file
        assert len(Graph().parse(data=served.text, format="turtle")) > 0
        document = httpx.get(url + "/id/org/pemprov-jatim", headers={"accept": "text/html"}, follow_redirects=True,
                             timeout=30)
        assert document.status_code == 200
        assert document.content == (publication / "doc" / "org" / "pemprov-jatim.html").read_bytes()
    finally:
        if process.poll() is None:
            os.kill(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.kill(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
        log.close()
