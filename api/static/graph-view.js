// The graph view: who awarded whom, drawn with Cytoscape.js at positions precomputed by the server (networkx).
// It loads /api/network once, filters in the browser by the same rules as the server's selection parameters
// (so the export links give what is on screen), and asks the server for a click's facts and quotes.
(function () {
  "use strict";

  const root = document.getElementById("graph-view");
  const $ = (id) => document.getElementById(id);
  const timings = { start: performance.now() };
  const api = { ready: false, timings: timings, state: null, cy: null, visibleCounts: null };
  window.anugerahGraph = api;

  const BIG = 2500; // edges beyond which the view trades looks for speed (straight edges, no edges while panning)
  const state = {
    yearFrom: null, yearTo: null, undated: true, award: "", region: "",
    relations: null, kinds: null, focus: null, hops: 1, hierarchy: false,
  };
  let data = null;
  let cy = null;
  const nodeData = new Map(); // id → node data
  const edgeData = new Map(); // id → edge data
  const incident = new Map(); // node id → its edges' data
  const nodePosition = new Map(); // node id → its precomputed position
  const hidden = new Set(); // ids of the elements hidden now
  let big = false; // thousands of edges: straight lines without arrowheads until an element is selected
  let moved = false; // positions changed from the precomputed ones (a neighbourhood's rings)
  let relationLabel = {};
  let measuresTimer = null;
  let detailRequest = 0;

  // ---------------------------------------------------------------------------------------------------------
  // Helpers
  // ---------------------------------------------------------------------------------------------------------

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "text") node.textContent = v;
      else if (k === "className") node.className = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? "" : v);
    }
    for (const child of [].concat(children || [])) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function fold(text) {
    return String(text || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, " ").trim();
  }

  function bilingual(id, en) {
    return [id, " ", el("span", { lang: "en", text: "/ " + en })];
  }

  function docLink(doc, text) {
    return doc ? el("a", { href: "/doc/" + doc, text: text }) : document.createTextNode(text);
  }

  function setStatus(text) {
    $("gv-status").textContent = text;
  }

  // ---------------------------------------------------------------------------------------------------------
  // State ↔ URL (the same parameter names as the API)
  // ---------------------------------------------------------------------------------------------------------

  function readUrl() {
    const p = new URLSearchParams(window.location.search);
    const year = (v) => (v && /^\d{4}$/.test(v) ? Number(v) : null);
    state.yearFrom = year(p.get("year_from"));
    state.yearTo = year(p.get("year_to"));
    state.undated = p.get("undated") !== "false";
    state.award = p.get("award") || "";
    state.region = p.get("region") || "";
    state.relations = p.getAll("relation").length ? new Set(p.getAll("relation")) : null;
    state.kinds = p.getAll("kind").length ? new Set(p.getAll("kind")) : null;
    state.focus = p.get("focus") || null;
    state.hops = Math.min(3, Math.max(1, Number(p.get("hops")) || 1));
    state.hierarchy = p.get("hierarchy") === "true";
  }

  function query() {
    const p = new URLSearchParams();
    if (state.yearFrom !== null) p.set("year_from", state.yearFrom);
    if (state.yearTo !== null) p.set("year_to", state.yearTo);
    if (!state.undated) p.set("undated", "false");
    if (state.award) p.set("award", state.award);
    if (state.region) p.set("region", state.region);
    if (state.relations) [...state.relations].sort().forEach((r) => p.append("relation", r));
    if (state.kinds) [...state.kinds].sort().forEach((k) => p.append("kind", k));
    if (state.focus) p.set("focus", state.focus);
    if (state.focus && state.hops !== 1) p.set("hops", state.hops);
    if (state.hierarchy) p.set("hierarchy", "true");
    return p;
  }

  function writeUrl() {
    const q = query().toString();
    window.history.replaceState(null, "", window.location.pathname + (q ? "?" + q : ""));
    const links = $("gv-exports");
    links.replaceChildren();
    const formats = [["gexf", "GEXF (Gephi)"], ["graphml", "GraphML"], ["cyjs", "Cytoscape JSON"], ["svg", "SVG"],
      ["png", "PNG"]];
    formats.forEach(([format, title], i) => {
      const p = query();
      p.set("format", format);
      if (i) links.append(" · ");
      links.append(el("a", { href: "/api/network/export?" + p.toString(), download: "", text: title }));
    });
  }

  // ---------------------------------------------------------------------------------------------------------
  // Filtering: the rules of anugerah.graph.network_view.select
  // ---------------------------------------------------------------------------------------------------------

  function resolveRef(value, list) {
    if (!value) return null;
    const hit = list.find((x) => x.doc === value || x.iri === value);
    return hit ? hit.iri : value;
  }

  function focusId() {
    if (!state.focus) return null;
    let hit = data.elements.nodes.find((n) => n.data.doc === state.focus || n.data.id === state.focus);
    if (!hit) { // a name, as the API also takes: the one node so named
      const name = fold(state.focus);
      const named = data.elements.nodes.filter((n) => [n.data.label, n.data.short].concat(n.data.aliases || [])
        .some((x) => fold(x) === name));
      if (named.length === 1) hit = named[0];
    }
    return hit ? hit.data.id : null;
  }

  // Which edges and nodes the state shows, computed on the plain data (fast), then applied to Cytoscape as a
  // diff against what is hidden now, so that a filter change touches only the elements that change.
  function visibleSets() {
    const award = resolveRef(state.award, data.awards);
    const region = resolveRef(state.region, data.regions);
    const low = state.yearFrom, high = state.yearTo;
    const ranged = low !== null || high !== null;
    const visibleNodes = new Set();
    const visibleEdges = new Set();
    const kindOk = (id) => !state.kinds || state.kinds.has(nodeData.get(id).kind);
    const inside = (id) => (nodeData.get(id).within || []).includes(region);
    const isRegion = (id) => nodeData.get(id).kind === "region";
    data.elements.edges.forEach((element) => {
      const d = element.data;
      if (!state.hierarchy && d.relation === "located_in" && isRegion(d.source) && isRegion(d.target)) return;
      if (state.relations && !state.relations.has(d.relation)) return;
      if (award && d.award !== undefined && d.award !== award) return;
      if (region && !inside(d.source) && !inside(d.target)) return;
      if (d.year === undefined) {
        if (ranged && !state.undated) return;
      } else if ((low !== null && d.year < low) || (high !== null && d.year > high)) {
        return;
      }
      if (!kindOk(d.source) || !kindOk(d.target)) return;
      visibleEdges.add(d.id);
      visibleNodes.add(d.source);
      visibleNodes.add(d.target);
    });
    const focus = focusId();
    let nodes = visibleNodes;
    if (focus) {
      nodes = new Set([focus]);
      if (visibleNodes.has(focus)) {
        let frontier = [focus];
        for (let hop = 0; hop < state.hops; hop++) {
          const next = [];
          frontier.forEach((id) => {
            (incident.get(id) || []).forEach((d) => {
              if (!visibleEdges.has(d.id)) return;
              const other = d.source === id ? d.target : d.source;
              if (!nodes.has(other)) {
                nodes.add(other);
                next.push(other);
              }
            });
          });
          frontier = next;
        }
      }
    }
    const edges = new Set();
    visibleEdges.forEach((id) => {
      const d = edgeData.get(id);
      if (nodes.has(d.source) && nodes.has(d.target)) edges.add(id);
    });
    return { nodes: nodes, edges: edges, focus: focus };
  }

  function apply() {
    const started = performance.now();
    const sets = visibleSets();
    const toHide = [];
    const toShow = [];
    data.elements.nodes.forEach((n) => {
      const show = sets.nodes.has(n.data.id);
      if (show === hidden.has(n.data.id)) (show ? toShow : toHide).push(n.data.id);
    });
    data.elements.edges.forEach((e) => {
      const show = sets.edges.has(e.data.id);
      if (show === hidden.has(e.data.id)) (show ? toShow : toHide).push(e.data.id);
    });
    if (toHide.length || toShow.length) {
      toHide.forEach((id) => hidden.add(id));
      toShow.forEach((id) => hidden.delete(id));
      const elements = (ids) => cy.collection(ids.map((id) => cy.getElementById(id)));
      cy.batch(() => {
        elements(toHide).addClass("gv-hidden");
        elements(toShow).removeClass("gv-hidden");
      });
    }
    api.visibleCounts = { nodes: sets.nodes.size, edges: sets.edges.size };
    placeNodes(sets.focus, toHide.length + toShow.length > 0);
    setStatus(`${sets.nodes.size} simpul · ${sets.edges.size} relasi ditampilkan  /  ${sets.nodes.size} nodes · ` +
      `${sets.edges.size} relations shown (dari / of ${data.counts.nodes} · ${data.counts.edges})`);
    renderFocus(sets.focus);
    writeUrl();
    scheduleMeasures();
    timings.lastApply = performance.now() - started;
  }

  function placeNodes(focus, changed) {
    const visible = cy.elements().not(".gv-hidden");
    if (focus) {
      // A neighbourhood is small: rings around the focus, by distance, read better than the global positions.
      const depth = {};
      visible.nodes().forEach((n) => { depth[n.id()] = 99; });
      const queue = [focus];
      depth[focus] = 0;
      while (queue.length) {
        const id = queue.shift();
        cy.getElementById(id).neighborhood().nodes().not(".gv-hidden").forEach((n) => {
          if (depth[n.id()] > depth[id] + 1) {
            depth[n.id()] = depth[id] + 1;
            queue.push(n.id());
          }
        });
      }
      visible.layout({
        name: "concentric", animate: false, fit: true, padding: 40, minNodeSpacing: 40, startAngle: Math.PI / 2,
        concentric: (n) => 10 - (depth[n.id()] || 0), levelWidth: () => 1,
      }).run();
      moved = true;
      return;
    }
    if (moved) {
      cy.nodes().positions((n) => nodePosition.get(n.id()));
      moved = false;
      changed = true;
    }
    if (changed) fitTo(visible.nodes());
  }

  // ---------------------------------------------------------------------------------------------------------
  // Controls
  // ---------------------------------------------------------------------------------------------------------

  function buildControls() {
    const awardSelect = $("gv-award");
    data.awards.forEach((a) => awardSelect.append(el("option", { value: a.doc || a.iri, text: a.label })));
    const regionSelect = $("gv-region");
    data.regions.forEach((r) => regionSelect.append(el("option", { value: r.doc || r.iri, text: r.label })));
    if (data.years) {
      for (const id of ["gv-year-from", "gv-year-to"]) {
        $(id).min = 1000;
        $(id).max = 9999;
        $(id).placeholder = id === "gv-year-from" ? String(data.years[0]) : String(data.years[1]);
      }
    }
    const groups = $("gv-legend");
    buildLegend(groups);
    syncControls();

    const onYear = () => {
      const read = (id) => {
        const v = $(id).value.trim();
        return /^\d{4}$/.test(v) ? Number(v) : null;
      };
      const low = read("gv-year-from"), high = read("gv-year-to");
      const bad = low !== null && high !== null && low > high;
      $("gv-year-to").setAttribute("aria-invalid", bad ? "true" : "false");
      if (bad) {
        setStatus("Tahun akhir sebelum tahun awal / the end year is before the start year");
        return;
      }
      state.yearFrom = low;
      state.yearTo = high;
      apply();
    };
    $("gv-year-from").addEventListener("change", onYear);
    $("gv-year-to").addEventListener("change", onYear);
    $("gv-undated").addEventListener("change", () => { state.undated = $("gv-undated").checked; apply(); });
    awardSelect.addEventListener("change", () => { state.award = awardSelect.value; apply(); });
    regionSelect.addEventListener("change", () => { state.region = regionSelect.value; apply(); });
    groups.addEventListener("change", (event) => {
      const target = event.target;
      if (target.dataset.relation) {
        const all = [...groups.querySelectorAll("input[data-relation]")];
        const on = all.filter((i) => i.checked).map((i) => i.value);
        state.relations = on.length === all.length ? null : new Set(on);
      } else if (target.id === "gv-hierarchy") {
        state.hierarchy = target.checked;
      } else if (target.dataset.kind) {
        const all = [...groups.querySelectorAll("input[data-kind]")];
        const on = all.filter((i) => i.checked).map((i) => i.value);
        state.kinds = on.length === all.length ? null : new Set(on);
      }
      apply();
    });
    $("gv-reset").addEventListener("click", () => {
      Object.assign(state, { yearFrom: null, yearTo: null, undated: true, award: "", region: "", relations: null,
        kinds: null, focus: null, hops: 1, hierarchy: false });
      syncControls();
      apply();
      showHint();
    });
    $("gv-fit").addEventListener("click", () => fitTo(cy.nodes().not(".gv-hidden")));
    buildSearch();
  }

  function syncControls() {
    $("gv-year-from").value = state.yearFrom === null ? "" : state.yearFrom;
    $("gv-year-to").value = state.yearTo === null ? "" : state.yearTo;
    $("gv-undated").checked = state.undated;
    $("gv-award").value = state.award;
    $("gv-region").value = state.region;
    document.querySelectorAll("#gv-legend input[data-relation]").forEach((i) => {
      i.checked = !state.relations || state.relations.has(i.value);
    });
    document.querySelectorAll("#gv-legend input[data-kind]").forEach((i) => {
      i.checked = !state.kinds || state.kinds.has(i.value);
    });
    const hierarchy = $("gv-hierarchy");
    if (hierarchy) hierarchy.checked = state.hierarchy;
  }

  function renderFocus(focus) {
    const box = $("gv-focus");
    box.replaceChildren();
    if (!state.focus) {
      box.hidden = true;
      return;
    }
    box.hidden = false;
    const node = focus ? cy.getElementById(focus) : null;
    const name = node ? node.data("label") : state.focus;
    const hops = el("select", { "aria-label": "langkah / hops" });
    [1, 2, 3].forEach((h) => hops.append(el("option", { value: h, text: h + " langkah / hop" + (h > 1 ? "s" : "") })));
    hops.value = String(state.hops);
    hops.addEventListener("change", () => { state.hops = Number(hops.value); apply(); });
    box.append(
      el("span", {}, ["Lingkungan ", el("span", { lang: "en", text: "/ Neighbourhood" }), ": ",
        el("strong", { text: name })]), " ", hops, " ",
      el("button", { type: "button", onclick: () => { state.focus = null; apply(); }, text: "× semua / all" }),
    );
    if (!node) box.append(el("p", { className: "gv-warn", text: "Tidak ada di graf / not in the network" }));
  }

  // ---------------------------------------------------------------------------------------------------------
  // Search by name or alias
  // ---------------------------------------------------------------------------------------------------------

  function buildSearch() {
    const input = $("gv-search");
    const list = $("gv-suggestions");
    const index = data.elements.nodes.map((n) => ({
      id: n.data.id,
      label: n.data.label,
      kind: n.data.kind,
      names: [n.data.label, n.data.short].concat(n.data.aliases || []).map(fold),
    }));
    let hits = [];
    let active = -1;
    const close = () => {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      active = -1;
    };
    const render = () => {
      list.replaceChildren();
      hits.forEach((h, i) => {
        const item = el("li", { role: "option", id: "gv-sugg-" + i, "aria-selected": i === active ? "true" : "false",
          "data-id": h.id }, [h.label, " ", el("span", { className: "gv-kind", text: h.kind })]);
        item.addEventListener("mousedown", (event) => { event.preventDefault(); choose(h); });
        list.append(item);
      });
      list.hidden = hits.length === 0;
      input.setAttribute("aria-expanded", hits.length ? "true" : "false");
      input.setAttribute("aria-activedescendant", active >= 0 ? "gv-sugg-" + active : "");
    };
    const choose = (hit) => {
      input.value = hit.label;
      close();
      selectNode(hit.id, true);
    };
    input.addEventListener("input", () => {
      const q = fold(input.value);
      active = -1;
      if (!q) {
        hits = [];
        render();
        return;
      }
      const scored = [];
      index.forEach((entry) => {
        let best = 0;
        entry.names.forEach((name) => {
          if (name === q) best = Math.max(best, 3);
          else if (name.startsWith(q)) best = Math.max(best, 2);
          else if (name.includes(q)) best = Math.max(best, 1);
        });
        if (best) scored.push([best, entry]);
      });
      scored.sort((a, b) => b[0] - a[0] || a[1].label.localeCompare(b[1].label));
      hits = scored.slice(0, 10).map((s) => s[1]);
      render();
    });
    input.addEventListener("keydown", (event) => {
      if (event.key === "ArrowDown" && hits.length) {
        active = (active + 1) % hits.length;
        render();
        event.preventDefault();
      } else if (event.key === "ArrowUp" && hits.length) {
        active = (active - 1 + hits.length) % hits.length;
        render();
        event.preventDefault();
      } else if (event.key === "Enter") {
        if (hits.length) choose(hits[Math.max(0, active)]);
        event.preventDefault();
      } else if (event.key === "Escape") {
        close();
      }
    });
    input.addEventListener("blur", () => setTimeout(close, 100));
  }

  function selectNode(id, center) {
    const node = cy.getElementById(id);
    if (!node || node.empty()) return;
    cy.elements().unselect();
    node.select();
    if (big) {
      cy.edges(".gv-near").removeClass("gv-near");
      node.connectedEdges().addClass("gv-near");
    }
    if (center) {
      if (node.hasClass("gv-hidden")) {
        // Hidden by the filters: show its neighbourhood instead, so that the search always leads somewhere.
        state.focus = node.data("doc") || node.id();
        apply();
      }
      cy.animate({ center: { eles: node }, zoom: Math.max(cy.zoom(), 1.2) }, { duration: 250 });
      node.flashClass("gv-found", 1500);
    }
    showNode(node);
  }

  // ---------------------------------------------------------------------------------------------------------
  // Details: what a click shows
  // ---------------------------------------------------------------------------------------------------------

  function showHint() {
    $("gv-detail").replaceChildren(el("p", { className: "gv-hint" }, [
      "Klik simpul atau garis untuk melihat faktanya dan kutipan sumbernya. ",
      el("span", { lang: "en", text: "Click a node or an edge for its facts and the source's quote." })]));
  }

  function fetchJson(url) {
    return fetch(url, { headers: { Accept: "application/json" } }).then((r) => {
      if (!r.ok) return r.json().then((body) => { throw new Error((body.detail && body.detail.message) || r.status); });
      return r.json();
    });
  }

  function quoteBlock(evidence) {
    if (!evidence || !evidence.length) {
      return el("p", { className: "gv-reference" }, bilingual("Data rujukan, bukan kalimat sumber.",
        "Reference data, not a source's sentence."));
    }
    const box = el("div", { className: "gv-quotes" });
    const seen = new Set();
    evidence.forEach((e) => {
      if (seen.has(e.evidence)) return;
      seen.add(e.evidence);
      const link = e.url ? el("a", { href: e.url, rel: "noopener", target: "_blank", text: e.title || e.url }) : null;
      box.append(el("figure", { className: "gv-quote" }, [
        el("blockquote", { cite: e.url || null, text: e.quote }),
        el("figcaption", {}, [link || e.source, e.start !== null && e.start !== undefined ?
          ` (karakter / chars ${e.start}–${e.end})` : "",
        e.name_as_stated ? el("span", { className: "gv-as-stated", text: ` · tertulis / as written: “${e.name_as_stated}”` })
          : null]),
      ]));
    });
    return box;
  }

  function factLine(edge, viewpoint) {
    const rel = relationLabel[edge.relation] || { label_id: edge.relation, label_en: edge.relation };
    const from = edge.from || {};
    const to = edge.to || {};
    const parts = [];
    if (viewpoint === "in") parts.push(docLink(from.doc, from.label), " ");
    parts.push(el("span", { className: "gv-rel", text: "→ " + rel.label_id + " →" }), " ");
    if (viewpoint !== "in") parts.push(docLink(to.doc, to.label));
    if (viewpoint === undefined) parts.unshift(docLink(from.doc, from.label), " ");
    const meta = [];
    if (edge.date || edge.year) meta.push(edge.date || String(edge.year));
    if (edge.award) meta.push(edge.award.label);
    if (edge.grade) meta.push("predikat / grade");
    if (edge.quantity) meta.push(edge.quantity + "×");
    if (edge.event) meta.push(edge.event.label);
    if (edge.capacity) meta.push("sebagai / as " + edge.capacity.label);
    return el("div", { className: "gv-fact" }, [
      el("p", { className: "gv-fact-line" }, parts),
      meta.length ? el("p", { className: "gv-meta", text: meta.join(" · ") }) : null,
      quoteBlock(edge.evidence),
      edge.fact && edge.fact.doc && !edge.reference ?
        el("p", { className: "gv-links" }, [el("a", { href: "/doc/" + edge.fact.doc }, bilingual("Fakta", "Fact"))])
        : null,
    ]);
  }

  function showEdge(edge) {
    const ticket = ++detailRequest;
    const panel = $("gv-detail");
    panel.replaceChildren(el("p", { text: "Memuat… / Loading…" }));
    fetchJson("/api/network/edges/" + encodeURIComponent(edge.id())).then((detail) => {
      if (ticket !== detailRequest) return;
      const rel = relationLabel[detail.relation] || { label_id: detail.relation, label_en: detail.relation };
      panel.replaceChildren(
        el("h2", {}, bilingual(rel.label_id, rel.label_en)),
        el("p", { className: "gv-desc", text: detail.description }),
        factLine(detail),
      );
    }).catch((err) => { if (ticket === detailRequest) panel.replaceChildren(el("p", { text: String(err) })); });
  }

  function showNode(node) {
    const ticket = ++detailRequest;
    const panel = $("gv-detail");
    const doc = node.data("doc");
    panel.replaceChildren(el("h2", { text: node.data("label") }), el("p", { text: "Memuat… / Loading…" }));
    if (!doc) {
      panel.replaceChildren(el("h2", { text: node.data("label") }), el("p", { className: "gv-meta",
        text: node.id() }));
      return;
    }
    const p = query();
    fetchJson("/api/network/nodes/" + doc + "?" + p.toString()).then((detail) => {
      if (ticket !== detailRequest) return;
      const kind = data.legend.kinds.find((k) => k.kind === detail.kind) || { label_id: detail.kind, label_en: "" };
      const m = detail.measures || {};
      const figures = [];
      if (m.conferred) figures.push(`memberi / conferred ${m.conferred}`);
      if (m.received) figures.push(`menerima / received ${m.received}` +
        (m.awards_received !== m.received ? ` (${m.awards_received} penghargaan / awards)` : ""));
      if (m.presented) figures.push(`menyerahkan / presented ${m.presented}`);
      if (m.accepted_on_behalf) figures.push(`menerima atas nama / accepted for ${m.accepted_on_behalf}`);
      if (m.brokerage) figures.push(`perantara / brokerage ${m.brokerage}`);
      const focusButton = el("button", { type: "button", onclick: () => { state.focus = doc; apply(); } },
        bilingual("Tampilkan lingkungannya", "Show its neighbourhood"));
      const facts = el("div", { className: "gv-facts" });
      detail.edges.forEach((e) => facts.append(factLine(e, e.direction)));
      if (detail.edge_count > detail.edges.length) {
        facts.append(el("p", { className: "gv-meta",
          text: `… ${detail.edge_count - detail.edges.length} relasi lagi / more relations` }));
      }
      panel.replaceChildren(
        el("h2", { text: detail.label }),
        el("p", { className: "gv-meta" }, [el("span", { className: "gv-badge", text: kind.label_id + " / " +
          kind.label_en }), detail.type ? " " + detail.type : ""]),
        detail.aliases.length ? el("p", { className: "gv-meta", text: "Juga / also: " + detail.aliases.join(", ") })
          : null,
        figures.length ? el("p", { className: "gv-meta", text: figures.join(" · ") }) : null,
        el("p", { className: "gv-links" }, [el("a", { href: "/doc/" + doc }, bilingual("Halaman entitas",
          "Entity page")), " ", focusButton]),
        el("h3", {}, bilingual(`Relasi (${detail.edge_count})`, "Relations")),
        facts,
      );
    }).catch((err) => { if (ticket === detailRequest) panel.append(el("p", { text: String(err) })); });
  }

  // ---------------------------------------------------------------------------------------------------------
  // Measures and legend
  // ---------------------------------------------------------------------------------------------------------

  function scheduleMeasures() {
    clearTimeout(measuresTimer);
    measuresTimer = setTimeout(loadMeasures, 250);
  }

  function loadMeasures() {
    const p = query();
    p.set("limit", "5");
    fetchJson("/api/network/measures?" + p.toString()).then((m) => {
      const box = $("gv-measures");
      box.replaceChildren();
      const sections = [
        ["conferrers", "Paling banyak memberi", "Confers most", (x) => x.count],
        ["recipients", "Paling banyak menerima", "Receives most",
          (x) => x.count + (x.awards !== x.count ? ` (${x.awards})` : "")],
        ["presenters", "Menyerahkan", "Hands over", (x) => x.count],
        ["brokers", "Perantara kementerian–daerah", "Brokers ministries–regions", (x) => x.score],
      ];
      sections.forEach(([key, id, en, figure]) => {
        const items = m[key] || [];
        if (!items.length) return;
        const list = el("ol", {});
        items.forEach((x) => {
          list.append(el("li", {}, [el("a", { href: "#", onclick: (event) => { event.preventDefault(); selectNode(x.iri, true); },
            text: x.label }), " ", el("span", { className: "gv-count", text: figure(x) })]));
        });
        box.append(el("h3", {}, bilingual(id, en)), list);
      });
      if (!box.childNodes.length) box.append(el("p", { className: "gv-meta", text: "—" }));
    }).catch(() => {});
  }

  function legendRelation(relation) {
    return data.legend.relations.find((r) => r.relation === relation);
  }

  function swatchLine(style) {
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("width", "28");
    svg.setAttribute("height", "10");
    svg.setAttribute("aria-hidden", "true");
    const line = document.createElementNS(ns, "line");
    Object.entries({ x1: 1, y1: 5, x2: 27, y2: 5, stroke: style.color, "stroke-width": Math.max(1.5, style.width) })
      .forEach(([k, v]) => line.setAttribute(k, v));
    if (style.line === "dashed") line.setAttribute("stroke-dasharray", "5 3");
    if (style.line === "dotted") line.setAttribute("stroke-dasharray", "1.5 2.5");
    svg.append(line);
    return svg;
  }

  function swatchNode(kind) {
    return el("span", { className: "gv-swatch gv-shape-" + kind.shape, style: "background:" + kind.color,
      "aria-hidden": "true" });
  }

  function buildLegend(box) {
    // The legend is also the filter: a checkbox per kind of node and per relation.
    const kinds = new Set(data.elements.nodes.map((n) => n.data.kind));
    const kindBox = el("div", { className: "gv-group" }, [el("strong", {}, bilingual("Simpul", "Nodes"))]);
    data.legend.kinds.filter((k) => kinds.has(k.kind)).forEach((k) => {
      const input = el("input", { type: "checkbox", value: k.kind, "data-kind": k.kind });
      input.checked = true;
      kindBox.append(el("label", { className: "gv-check" }, [input, " ", swatchNode(k), " ", k.label_id, " ",
        el("span", { lang: "en", text: "/ " + k.label_en })]));
    });
    box.append(kindBox);
    const ref = data.legend.reference;
    data.legend.groups.forEach((g) => {
      const members = data.relations.filter((r) => (legendRelation(r.relation) || {}).group === g.group);
      if (!members.length) return;
      const group = el("div", { className: "gv-group" }, [el("strong", {}, bilingual(g.label_id, g.label_en))]);
      members.forEach((r) => {
        const style = legendRelation(r.relation);
        const shown = r.reference === r.count ? Object.assign({}, style, { color: ref.color, line: "dashed" }) : style;
        const input = el("input", { type: "checkbox", value: r.relation, "data-relation": r.relation });
        input.checked = true;
        group.append(el("label", { className: "gv-check" }, [input, " ", swatchLine(shown), " ", style.label_id, " ",
          el("span", { lang: "en", text: "/ " + style.label_en }), " ",
          el("span", { className: "gv-count", text: "(" + r.count + ")" })]));
      });
      box.append(group);
    });
    const hierarchyInput = el("input", { type: "checkbox", id: "gv-hierarchy" });
    box.append(el("div", { className: "gv-group" }, [el("label", { className: "gv-check" }, [hierarchyInput, " ",
      swatchLine({ color: ref.color, width: 1.5, line: "dashed" }), " ", "hierarki wilayah ",
      el("span", { lang: "en", text: "/ regions within regions" })])]));
    const refNames = data.relations.filter((r) => r.reference).map((r) => relationLabel[r.relation].label_id);
    box.append(
      el("p", { className: "gv-meta" }, [swatchLine({ color: ref.color, width: 1.5, line: "dashed" }), " ",
        ref.label_id, " ", el("span", { lang: "en", text: "/ " + ref.label_en }),
        refNames.length ? ": " + refNames.join(", ") : "",
        " — ", ...bilingual("bukan kalimat sumber", "not a source's sentence")]),
      el("p", { className: "gv-meta" }, bilingual(
        "Panah: dari pemberi ke penerima. Ukuran simpul: banyaknya relasi.",
        "Arrows point from giver to receiver. Node size: number of relations.")),
    );
  }

  // ---------------------------------------------------------------------------------------------------------
  // Cytoscape
  // ---------------------------------------------------------------------------------------------------------

  // Colours, shapes and widths are copied into each element's data so that the stylesheet has a handful of
  // selectors (style matching is a large part of the start-up time with thousands of elements).
  function stylesheet(big) {
    const css = [
      { selector: "node", style: {
        width: "data(size)", height: "data(size)", "background-color": "data(color)", shape: "data(shape)",
        label: "data(short)", "font-size": "data(fs)", "text-valign": "bottom", "text-margin-y": 2,
        color: "#1d2430", "text-outline-color": "#ffffff", "text-outline-width": 2, "min-zoomed-font-size": 9,
        "border-width": 1, "border-color": "#ffffff",
      } },
      { selector: "edge", style: big ? {
        width: "data(w)", "line-color": "data(color)", "curve-style": "haystack", "haystack-radius": 0,
        opacity: 0.6,
      } : {
        width: "data(w)", "line-color": "data(color)", "target-arrow-color": "data(color)", "line-style": "data(ls)",
        "target-arrow-shape": "triangle", "arrow-scale": 0.8, "curve-style": "bezier", opacity: 0.85,
      } },
      { selector: "edge.gv-near", style: { "curve-style": "straight", "target-arrow-shape": "triangle",
        "target-arrow-color": "data(color)", "line-style": "data(ls)", opacity: 1 } },
      { selector: ".gv-hidden", style: { display: "none" } },
      { selector: "node:selected", style: { "border-width": 4, "border-color": "#1d2430" } },
      { selector: "edge:selected", style: { width: 4, opacity: 1, label: "data(rlabel)", "font-size": 11,
        "text-outline-color": "#fff", "text-outline-width": 2, "text-rotation": "autorotate",
        "curve-style": big ? "straight" : "bezier", "target-arrow-shape": "triangle",
        "target-arrow-color": "data(color)" } },
      { selector: ".gv-found", style: { "border-width": 6, "border-color": "#a4161a" } },
      { selector: ".gv-faded", style: { opacity: 0.15 } },
    ];
    return css;
  }

  function decorate() {
    const kinds = {};
    data.legend.kinds.forEach((k) => { kinds[k.kind] = k; });
    const ref = data.legend.reference;
    data.elements.nodes.forEach((n) => {
      const k = kinds[n.data.kind] || kinds.other;
      n.data.color = k.color;
      n.data.shape = k.shape;
      // 13–25 px: the busiest nodes keep their names when the whole network is in view
      n.data.fs = Math.round(11 + (Math.min(56, n.data.size) - 14) / 3);
    });
    data.elements.edges.forEach((e) => {
      const r = relationLabel[e.data.relation] || { color: "#999", width: 1, line: "solid", label_id: e.data.relation };
      e.data.rlabel = r.label_id;
      e.data.w = r.width;
      e.data.color = e.data.ref ? ref.color : r.color;
      e.data.ls = e.data.ref ? "dashed" : r.line;
    });
  }

  // Fit the viewport to the visible nodes from their positions and sizes only (Cytoscape's own fit measures every
  // label, which is slow with thousands of nodes).
  function fitTo(nodes) {
    if (!nodes.length) return;
    let x1 = Infinity, y1 = Infinity, x2 = -Infinity, y2 = -Infinity;
    nodes.forEach((n) => {
      const p = n.position();
      const r = (n.data("size") || 20) / 2;
      x1 = Math.min(x1, p.x - r); y1 = Math.min(y1, p.y - r);
      x2 = Math.max(x2, p.x + r); y2 = Math.max(y2, p.y + r + 16);
    });
    const pad = 30;
    const w = cy.width(), h = cy.height();
    const zoom = Math.min(cy.maxZoom(), Math.max(cy.minZoom(),
      Math.min((w - 2 * pad) / Math.max(1, x2 - x1), (h - 2 * pad) / Math.max(1, y2 - y1))));
    cy.viewport({ zoom: zoom, pan: { x: (w - zoom * (x1 + x2)) / 2, y: (h - zoom * (y1 + y2)) / 2 } });
  }

  function start(payload) {
    data = payload;
    timings.fetched = performance.now();
    data.legend.relations.forEach((r) => { relationLabel[r.relation] = r; });
    decorate();
    data.elements.nodes.forEach((n) => {
      nodeData.set(n.data.id, n.data);
      nodePosition.set(n.data.id, { x: n.position.x, y: n.position.y });
      incident.set(n.data.id, []);
    });
    data.elements.edges.forEach((e) => {
      edgeData.set(e.data.id, e.data);
      incident.get(e.data.source).push(e.data);
      if (e.data.target !== e.data.source) incident.get(e.data.target).push(e.data);
    });
    big = data.elements.edges.length > BIG;
    cy = cytoscape({
      container: $("gv-canvas"),
      elements: data.elements,
      layout: { name: "preset", fit: false },
      style: stylesheet(big),
      minZoom: 0.02,
      maxZoom: 4,
      boxSelectionEnabled: false,
      textureOnViewport: big,
      hideEdgesOnViewport: big,
      motionBlur: false,
      pixelRatio: big ? 1 : "auto",
    });
    fitTo(cy.nodes());
    api.cy = cy;
    timings.built = performance.now();
    cy.on("tap", "node", (event) => selectNode(event.target.id(), false));
    cy.on("tap", "edge", (event) => showEdge(event.target));
    cy.on("tap", (event) => {
      if (event.target === cy) {
        cy.elements().removeClass("gv-faded");
        showHint();
      }
    });
    cy.on("mouseover", "node", (event) => {
      const near = event.target.closedNeighborhood();
      if (big) {
        near.edges().addClass("gv-near");
        return;
      }
      cy.elements().not(near).addClass("gv-faded");
    });
    cy.on("mouseout", "node", () => {
      if (big) cy.edges(".gv-near").not(cy.nodes(":selected").connectedEdges()).removeClass("gv-near");
      else cy.elements().removeClass("gv-faded");
    });
    buildControls();
    apply();
    timings.applied = performance.now();
    cy.one("render", () => {
      timings.rendered = performance.now();
      requestAnimationFrame(() => {
        timings.painted = performance.now();
        api.ready = true;
        root.dataset.state = "ready";
        performance.mark("anugerah-graph-ready");
      });
    });
    cy.resize();
  }

  readUrl();
  api.state = state;
  if (typeof window.cytoscape !== "function") {
    setStatus("Pustaka Cytoscape.js tidak termuat / Cytoscape.js did not load.");
    root.dataset.state = "error";
    return;
  }
  fetch("/api/network?hierarchy=true", { headers: { Accept: "application/json" } })
    .then((r) => {
      if (!r.ok) throw new Error("HTTP " + r.status);
      return r.json();
    })
    .then(start)
    .catch((err) => {
      setStatus("Graf tidak dapat dimuat / the network could not be loaded: " + err.message);
      root.dataset.state = "error";
    });
})();
