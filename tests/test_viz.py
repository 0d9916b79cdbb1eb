"""`anugerah viz` as a user runs it: the real command writes SVG, PNG, GEXF, GraphML and Cytoscape JSON of the
network or of a selection, each readable back with the view's nodes; bad options are refused; the benchmark runs."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
from anugerah.graph.compiler import compile_data
from anugerah.graph.namespaces import Base
from anugerah.graph.network import build_network
from anugerah.graph.network_view import Selection, select
from anugerah.graph.store import Store

from .conftest import DATA, run_cli
from .test_network import DISHUB_JATIM

ID = Base().id


def network_of(data: Path) -> nx.MultiDiGraph:
    """The network of a copy of the data (the curated files change while the suite runs)."""
    return build_network(Store.from_dataset(compile_data(data, Base()).dataset))


def test_viz_writes_every_format_of_the_whole_network(project: Path) -> None:
    result = run_cli("viz", "--out", "out", "-q", cwd=project)
    assert result.returncode == 0, result.stderr
    stem = project / "out" / "anugerah-network"
    written = sorted(Path(line).name for line in result.stdout.split())
    assert written == sorted(f"anugerah-network.{ext}" for ext in ("svg", "png", "gexf", "graphml", "cyjs"))
    expected = select(network_of(project / "data"), Selection())
    gexf = nx.read_gexf(stem.with_suffix(".gexf"))
    assert set(gexf.nodes) == set(expected.nodes) and gexf.number_of_edges() == expected.number_of_edges()
    graphml = nx.read_graphml(stem.with_suffix(".graphml"), force_multigraph=True)
    assert set(graphml.nodes) == set(expected.nodes)
    assert sorted(graphml.edges(keys=True)) == sorted(expected.edges(keys=True))
    cyjs = nx.cytoscape_graph(json.loads(stem.with_suffix(".cyjs").read_text(encoding="utf-8")), name="label")
    assert set(cyjs.nodes) == set(expected.nodes)
    assert ET.parse(stem.with_suffix(".svg")).getroot().tag == "{http://www.w3.org/2000/svg}svg"
    assert stem.with_suffix(".png").read_bytes().startswith(b"\x89PNG")


def test_viz_writes_a_selection(project: Path) -> None:
    result = run_cli("viz", "--out", "out", "--name", "dishub", "--format", "gexf", "svg", "--focus",
                     "org/dishub-jatim", "--year-from", "2023", "--year-to", "2023", "-q", cwd=project)
    assert result.returncode == 0, result.stderr
    out = project / "out"
    assert sorted(p.name for p in out.iterdir()) == ["dishub.gexf", "dishub.svg"]
    expected = select(network_of(project / "data"), Selection(year_from=2023, year_to=2023, focus=DISHUB_JATIM))
    back = nx.read_gexf(out / "dishub.gexf")
    assert set(back.nodes) == set(expected.nodes) and DISHUB_JATIM in back
    assert ID + "award/kompetisi-inovasi-pelayanan-publik-jatim" in back
    svg = (out / "dishub.svg").read_text(encoding="utf-8")
    assert "Dishub Jatim" in svg and "2023–2023" in svg  # the selection is the drawing's subtitle


def test_viz_refuses_bad_options(tmp_path: Path) -> None:
    unknown = run_cli("viz", "--data", str(DATA), "--out", str(tmp_path), "--focus", "org/nobody", "-q",
                      cwd=tmp_path)
    assert unknown.returncode != 0 and "org/nobody" in unknown.stderr
    kind = run_cli("viz", "--data", str(DATA), "--out", str(tmp_path), "--kind", "ghost", "-q", cwd=tmp_path)
    assert kind.returncode == 2 and "--kind" in kind.stderr
    years = run_cli("viz", "--data", str(DATA), "--out", str(tmp_path), "--year-from", "2024", "--year-to", "2020",
                    "-q", cwd=tmp_path)
    assert years.returncode == 2 and "--year-to" in years.stderr
    fmt = run_cli("viz", "--format", "exe", cwd=tmp_path)
    assert fmt.returncode == 2 and "invalid choice" in fmt.stderr
    assert not list(tmp_path.glob("*.gexf"))


def test_viz_bench_prints_figures(tmp_path: Path) -> None:
    result = run_cli("viz", "--bench", "150", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    steps = [line[16:44].strip() for line in result.stdout.splitlines()[1:]]
    assert steps[:2] == ["build network (SPARQL)", "layout"]
    assert {"export gexf", "export graphml", "export cyjs", "draw svg", "draw png", "page JSON"} <= set(steps)
