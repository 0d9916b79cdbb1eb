"""Test helpers: a real uvicorn server in a subprocess, and the datasets the HTTP tests serve.

``run_server(args, env)`` starts ``python -m uvicorn <args> --host 127.0.0.1 --port <free port>`` from the
repository root, waits until it answers, yields its base URL and stops it by its PID (SIGTERM, then SIGKILL).
The HTTP tests serve the application's own factory, ``anugerah.api.app:app_from_env``, configured by ANUGERAH_*
environment variables.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
from rdflib import Graph

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
W3C_PROTOCOL = SHARED / "conformance" / "w3c-sparql11-protocol"
SPARQL_APP = ["anugerah.api.app:app_from_env", "--factory"]
START_TIMEOUT_S = 60.0

_built: dict[str, Path] = {}


def temp_dir(prefix: str) -> Path:
    """A temporary directory removed when the test process exits."""
    path = Path(tempfile.mkdtemp(prefix=prefix))
    atexit.register(shutil.rmtree, path, ignore_errors=True)
    return path


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def run_server(args: list[str], env: dict[str, str] | None = None) -> Iterator[str]:
    """Run uvicorn for ``args`` (an app, e.g. with ``--factory``) in a subprocess; yield ``http://127.0.0.1:PORT``."""
    port = free_port()
    full_env = {**os.environ, **(env or {})}
    command = [sys.executable, "-m", "uvicorn", *args, "--host", "127.0.0.1", "--port", str(port)]
    command += ["--log-level", "warning", "--no-access-log"]
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(command, cwd=REPO, env=full_env, stdout=log, stderr=subprocess.STDOUT)
        base_url = f"http://127.0.0.1:{port}"
        try:
            _wait_until_answering(base_url, process, log)
            yield base_url
        finally:
            _stop(process)


def _server_log(log: object) -> str:
    log.seek(0)  # type: ignore[attr-defined]
    return log.read().decode("utf-8", "replace")  # type: ignore[attr-defined]


def _wait_until_answering(base_url: str, process: subprocess.Popen[bytes], log: object) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}:\n{_server_log(log)}")
        try:
            httpx.get(base_url + "/", timeout=1.0)
            return
        except httpx.TransportError:
            time.sleep(0.05)
    raise RuntimeError(f"server did not answer within {START_TIMEOUT_S:g} s:\n{_server_log(log)}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.kill(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def seed_dataset() -> Path:
    """The seed data built by ``anugerah build`` into a temporary directory (once per test session): its N-Quads."""
    if "seed" not in _built:
        out = temp_dir("anugerah-seed-") / "dist"
        result = subprocess.run(
            [sys.executable, "-m", "anugerah", "build", "--data", str(REPO / "data"), "--out", str(out), "-q"],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=300,
        )
        if result.returncode != 0:
            raise RuntimeError(f"anugerah build failed:\n{result.stdout}\n{result.stderr}")
        _built["seed"] = out / "anugerah.nq"
    return _built["seed"]


def w3c_protocol_dataset(graphs: dict[str, Path]) -> Path:
    """An N-Quads file with each of ``graphs`` (graph IRI → N-Triples file) as a named graph.

    The W3C protocol tests also name ``…/data0.rdf`` as a default graph (``query_get``, ``query_post_form``,
    ``query_content_type_*``) without declaring data for it; the endpoint refuses a dataset naming a graph it
    does not hold, so the caller adds data0 too, by the same pattern as data1..3.
    """
    lines = []
    for label, path in sorted(graphs.items()):
        graph = Graph().parse(path, format="nt")
        lines += [f"{s.n3()} {p.n3()} {o.n3()} <{label}> ." for s, p, o in graph]
    path = temp_dir("anugerah-w3c-") / "protocol.nq"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
