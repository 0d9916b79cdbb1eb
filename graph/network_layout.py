"""Node positions for the network, computed once per network and cached: the page opens with them (Cytoscape's
``preset`` layout), and the drawings and the GEXF/Cytoscape exports carry them.

networkx's ``spring_layout`` needs scipy beyond 500 nodes and holds n×n×2 arrays (400 MB at 5,000 nodes), so the
layout here is a Fruchterman–Reingold of our own in numpy: all-pairs repulsion computed in row chunks (memory
O(chunk·n)), attraction along the edges only, started from a pivot-MDS embedding (a few BFS from far-apart pivots,
Brandes & Pich 2006) so that few iterations suffice, and finished by pushing apart nodes left too close together.
Each connected component is laid out on its own and the components are packed in rows, biggest first.
Deterministic for a given network and seed.
"""

from __future__ import annotations

import math
import weakref
from collections.abc import Sequence

import networkx as nx
import numpy as np

__all__ = ["EDGE_LENGTH", "Positions", "cached_layout", "layout"]

Positions = dict[str, tuple[float, float]]

EDGE_LENGTH = 150.0  # pixels between neighbours, roughly: a component of n nodes gets a square of side ~L·√n
_PIVOTS = 40
_CHUNK = 512

_CACHE: weakref.WeakKeyDictionary[nx.Graph, tuple[int, int, int, Positions]] = weakref.WeakKeyDictionary()


def cached_layout(graph: nx.Graph, seed: int = 7) -> Positions:
    """``layout(graph)``, computed once per network (recomputed if its size changed) and per seed."""
    size = (graph.number_of_nodes(), graph.number_of_edges())
    cached = _CACHE.get(graph)
    if cached is not None and cached[:3] == (*size, seed):
        return cached[3]
    positions = layout(graph, seed=seed)
    _CACHE[graph] = (*size, seed, positions)
    return positions


def layout(graph: nx.Graph, seed: int = 7, iterations: int | None = None) -> Positions:
    """Positions (x, y in pixels, y growing downwards as on a screen) for every node of ``graph``, ignoring edge
    direction and multiplicity."""
    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph.nodes))
    simple.add_edges_from((u, v) for u, v in graph.edges() if u != v)
    components = sorted((sorted(c) for c in nx.connected_components(simple)), key=lambda c: (-len(c), c[0]))
    boxes = [_component(simple, nodes, seed, iterations) for nodes in components]
    return _pack(boxes)


def _component(simple: nx.Graph, nodes: Sequence[str], seed: int, iterations: int | None) -> Positions:
    n = len(nodes)
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    if n == 2:
        return {nodes[0]: (0.0, 0.0), nodes[1]: (EDGE_LENGTH, 0.0)}
    index = {node: i for i, node in enumerate(nodes)}
    edges = np.array([(index[u], index[v]) for u, v in simple.subgraph(nodes).edges()], dtype=np.int64)
    start = _unit(_pivot_mds(simple, nodes, index, seed))
    if iterations is None:
        iterations = 60 if n <= 1000 else max(25, int(60 * 1000 / n))
    unit = _fruchterman_reingold(start, edges, iterations, seed)
    side = EDGE_LENGTH * math.sqrt(n)
    return {node: (float(unit[i, 0] * side), float(unit[i, 1] * side)) for i, node in enumerate(nodes)}


def _pivot_mds(simple: nx.Graph, nodes: Sequence[str], index: dict[str, int], seed: int) -> np.ndarray:
    """A 2-D embedding from BFS distances to a few far-apart pivots, scaled into the unit square."""
    n = len(nodes)
    rng = np.random.default_rng(seed)
    k = min(_PIVOTS, n)
    distances = np.zeros((n, k))
    nearest = np.full(n, np.inf)
    pivot = int(rng.integers(n))
    for j in range(k):
        column = np.full(n, float(n))
        for node, d in nx.single_source_shortest_path_length(simple, nodes[pivot]).items():
            column[index[node]] = d
        distances[:, j] = column
        nearest = np.minimum(nearest, column)
        pivot = int(np.argmax(nearest))
    squared = distances**2
    centred = -0.5 * (squared - squared.mean(axis=0) - squared.mean(axis=1, keepdims=True) + squared.mean())
    values, vectors = np.linalg.eigh(centred.T @ centred)
    coords = centred @ vectors[:, np.argsort(values)[::-1][:2]]
    if coords.shape[1] < 2:
        coords = np.column_stack([coords, np.zeros(n)])
    coords = _unit(coords)
    # Nodes with the same distances (leaves of one hub) start at one point: part them by about half an edge.
    return coords + rng.normal(scale=0.5 / math.sqrt(n), size=coords.shape)


def _unit(coords: np.ndarray) -> np.ndarray:
    low = coords.min(axis=0)
    span = float(np.max(coords.max(axis=0) - low)) or 1.0
    return (coords - low) / span


def _fruchterman_reingold(start: np.ndarray, edges: np.ndarray, iterations: int, seed: int) -> np.ndarray:
    n = len(start)
    x = start[:, 0].astype(np.float32)
    y = start[:, 1].astype(np.float32)
    k = np.float32(1.0 / math.sqrt(n))
    k2 = k * k
    temperature = 0.08
    cooling = temperature / (iterations + 1)
    u, v = edges[:, 0], edges[:, 1]
    push_x = np.empty(n, np.float32)
    push_y = np.empty(n, np.float32)
    for _ in range(iterations):
        for lo in range(0, n, _CHUNK):
            hi = min(n, lo + _CHUNK)
            dx = x[lo:hi, None] - x[None, :]
            dy = y[lo:hi, None] - y[None, :]
            d2 = dx * dx
            d2 += dy * dy
            np.maximum(d2, 1e-8, out=d2)
            weight = np.divide(k2, d2, out=d2)
            push_x[lo:hi] = (dx * weight).sum(axis=1)
            push_y[lo:hi] = (dy * weight).sum(axis=1)
        ex, ey = x[u] - x[v], y[u] - y[v]
        pull = np.sqrt(ex * ex + ey * ey) / k
        fx, fy = ex * pull, ey * pull
        push_x += (np.bincount(v, fx, n) - np.bincount(u, fx, n)).astype(np.float32)
        push_y += (np.bincount(v, fy, n) - np.bincount(u, fy, n)).astype(np.float32)
        length = np.sqrt(push_x * push_x + push_y * push_y)
        np.maximum(length, 1e-9, out=length)
        step = np.minimum(length, temperature) / length
        x += push_x * step
        y += push_y * step
        temperature -= cooling
    unit = _unit(np.column_stack([x, y]).astype(np.float64)).astype(np.float32)
    x, y = unit[:, 0].copy(), unit[:, 1].copy()
    _separate(x, y, 0.35 * float(k), seed)
    return _unit(np.column_stack([x, y]).astype(np.float64))


def _separate(x: np.ndarray, y: np.ndarray, least: float, seed: int, rounds: int = 4) -> None:
    """Push apart nodes closer than ``least`` (in place), each pair by half the shortfall, a few rounds: the forces
    leave the leaves of one hub close together."""
    n = len(x)
    rng = np.random.default_rng(seed + 1)
    least2 = np.float32(least * least)
    for _ in range(rounds):
        pairs_i, pairs_j = [], []
        for lo in range(0, n, _CHUNK):
            hi = min(n, lo + _CHUNK)
            dx = x[lo:hi, None] - x[None, :]
            dy = y[lo:hi, None] - y[None, :]
            d2 = dx * dx + dy * dy
            rows, cols = np.nonzero(d2 < least2)
            keep = rows + lo < cols  # each pair once, never a node with itself
            pairs_i.append(rows[keep] + lo)
            pairs_j.append(cols[keep])
        i, j = np.concatenate(pairs_i), np.concatenate(pairs_j)
        if not len(i):
            return
        dx, dy = (x[i] - x[j]).astype(np.float64), (y[i] - y[j]).astype(np.float64)
        d = np.sqrt(dx * dx + dy * dy)
        gap = (least - d) / 2
        same = d < 1e-9  # on one point: no direction to push in, so pick one
        angle = rng.uniform(0, 2 * math.pi, int(same.sum()))
        dx[same], dy[same], d[same] = np.cos(angle), np.sin(angle), 1.0
        ux, uy = dx / d * gap, dy / d * gap
        x += (np.bincount(i, ux, n) - np.bincount(j, ux, n)).astype(np.float32)
        y += (np.bincount(i, uy, n) - np.bincount(j, uy, n)).astype(np.float32)


def _pack(boxes: list[Positions]) -> Positions:
    """Components side by side in rows (shelf packing), biggest first, with a gap between them."""
    gap = EDGE_LENGTH
    extents = []
    for box in boxes:
        xs = [p[0] for p in box.values()]
        ys = [p[1] for p in box.values()]
        extents.append((min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)))
    area = sum((w + gap) * (h + gap) for _x, _y, w, h in extents)
    row_width = max(max((w for _x, _y, w, _h in extents), default=0.0), math.sqrt(area) * 1.3)
    out: Positions = {}
    cursor_x = cursor_y = row_height = 0.0
    for box, (x0, y0, w, h) in zip(boxes, extents, strict=True):
        if cursor_x > 0 and cursor_x + w > row_width:
            cursor_x, cursor_y, row_height = 0.0, cursor_y + row_height + gap, 0.0
        for node, (px, py) in box.items():
            out[node] = (round(px - x0 + cursor_x, 1), round(py - y0 + cursor_y, 1))
        cursor_x += w + gap
        row_height = max(row_height, h)
    return out
