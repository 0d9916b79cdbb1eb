"""The seed articles ingest to drafts that state exactly the curated seed facts: none missing, none added."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
import yaml
from anugerah.graph.extract.draft import build_draft, reference_yaml, source_yaml
from anugerah.graph.extract.extractor import extract
from anugerah.graph.extract.linking import EntityIndex

from .conftest import DATA

SEEDS = ["viva-jatim-2023-pemprov-jatim-borong-4-penghargaan", "dishub-jatim-2023-pameran-inovasi-borong-penghargaan"]
RECOGNITION = ("recipient", "conferredBy", "award", "edition", "category", "grade", "placement", "rankUpperBound",
               "forWork", "instrument", "quantity", "date", "atEvent")
EVENT = ("startDate", "venue", "locatedIn")


def canonical(facts: list[dict[str, Any]]) -> Counter:
    """Facts as comparable values: ids of facts this file defines (events, groups) replaced by what they are."""
    defined = {f["id"]: f for f in facts if "id" in f}

    def ref(value: Any) -> Any:
        if isinstance(value, list):
            return tuple(sorted(str(ref(v)) for v in value))
        fact = defined.get(value) if isinstance(value, str) else None
        if fact is None:
            return str(value) if value is not None else None
        if fact["type"] == "AgentGroup":
            return ("group", fact.get("role"))
        return ("event", fact["type"], str(fact.get("startDate")))

    def participants(fact: dict[str, Any]) -> tuple:
        return tuple(sorted((p["role"], ref(p["agent"]), str(p.get("capacity")), ref(p.get("onBehalfOf")))
                            for p in fact.get("participants", [])))

    out: Counter = Counter()
    for fact in facts:
        kind = fact["type"]
        if kind in ("AwardConferral", "EvaluationResult"):
            out[(kind, *(ref(fact.get(k)) for k in RECOGNITION), participants(fact))] += 1
        elif kind in ("Event", "AwardCeremony", "Exhibition"):
            out[(kind, *(ref(fact.get(k)) for k in EVENT), participants(fact))] += 1
        elif kind == "Tenure":
            out[(kind, fact["holder"], fact["post"], ref(fact.get("attestedOn")), fact.get("tenureType"))] += 1
        elif kind == "AgentGroup":
            out[(kind, fact.get("role"))] += 1
        else:
            out[(kind, fact.get("id"))] += 1
    return out


def ingest_seed(name: str) -> tuple[dict, dict, str, str]:
    curated = yaml.safe_load((DATA / "sources" / f"{name}.yaml").read_text(encoding="utf-8"))
    url = curated["source"]["url"]
    text = (DATA / "sources" / curated["source"]["text"]).read_text(encoding="utf-8")
    index = EntityIndex.from_data(DATA, exclude_urls={url})  # everything curated except this article itself
    draft = build_draft(extract(text, url=url, index=index), index, url=url, text_name=f"{name}.txt")
    written = source_yaml(draft, ["test"])
    return curated, yaml.safe_load(written), text, reference_yaml(draft, ["test"])


@pytest.mark.parametrize("name", SEEDS)
def test_seed_draft_states_the_curated_facts(name: str) -> None:
    curated, drafted, _text, _reference = ingest_seed(name)
    want, got = canonical(curated["facts"]), canonical(drafted["facts"])
    assert got - want == Counter(), "added"
    assert want - got == Counter(), "missing"


@pytest.mark.parametrize("name", SEEDS)
def test_seed_draft_evidence_reanchors_and_avoids_boilerplate(name: str) -> None:
    curated, drafted, text, _reference = ingest_seed(name)
    spans = [(b["start"], b["start"] + len(b["quote"])) for b in drafted["source"].get("boilerplate", [])]
    for b in drafted["source"].get("boilerplate", []):
        assert text[b["start"]:b["start"] + len(b["quote"])] == b["quote"]
    for b in curated["source"].get("boilerplate", []):  # everything the curator marked, the extractor marks too
        for at in range(b["start"], b["start"] + len(b["quote"])):
            assert text[at].isspace() or any(s <= at < e for s, e in spans), b["quote"]

    def quotes(node: Any):
        if isinstance(node, dict):
            yield from node.get("evidence", [])
            for participant in node.get("participants", []):
                yield from quotes(participant)

    count = 0
    for fact in drafted["facts"]:
        assert fact.get("evidence"), fact
        for entry in quotes(fact):
            count += 1
            start, quote = entry["start"], entry["quote"]
            assert text[start:start + len(quote)] == quote
            assert all(start + len(quote) <= s or start >= e for s, e in spans)
            if "name" in entry:
                assert entry["name"] in quote
            assert 0 <= entry.get("confidence", 1) <= 1
    assert count > 5


def test_seed_drafts_need_no_new_entities() -> None:
    for name in SEEDS:
        _curated, _drafted, _text, reference = ingest_seed(name)
        assert yaml.safe_load(reference) is None, reference
