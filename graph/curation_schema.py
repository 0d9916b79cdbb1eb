"""The curation format: which YAML keys exist, what RDF predicate each becomes, and what value it takes.

This table is the single source of truth for compiling ``data/`` into RDF and for the JSON-LD context
published with the dumps.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from rdflib import URIRef
from rdflib.namespace import DCTERMS, RDFS, SKOS

from .namespaces import AGR, DC, FOAF, ORG, PROLE, ROLE, SCHEMA, TTYPE


class Kind(Enum):
    REF = "ref"  # an entity of this dataset, written relative to the base ("org/dishub-jatim")
    TEXT = "text"  # a plain string
    LANGMAP = "langmap"  # {id: "...", en: "..."}; each value a string or a list of strings
    DATE = "date"  # YYYY-MM-DD
    YEAR = "year"  # YYYY
    POSITIVE_INT = "positive-int"
    DECIMAL = "decimal"
    URL = "url"  # an absolute http(s) IRI outside the dataset
    VOCAB = "vocab"  # a concept of a fixed controlled vocabulary, written by its short name


@dataclass(frozen=True)
class Field:
    predicate: URIRef
    kind: Kind
    many: bool = False
    vocabulary: str | None = None  # for Kind.VOCAB: a key of VOCABULARIES


VOCABULARIES: dict[str, dict[str, URIRef]] = {
    "role": {
        name: ROLE[name]
        for name in (
            "presiden",
            "wakil-presiden",
            "menteri",
            "gubernur",
            "wakil-gubernur",
            "bupati",
            "wakil-bupati",
            "wali-kota",
            "wakil-wali-kota",
            "sekretaris-daerah",
            "kepala-opd",
        )
    },
    "participation-role": {
        name: PROLE[name] for name in ("presenter", "nominal-receiver", "proxy-accepter", "opener")
    },
    "tenure-type": {name: TTYPE[name] for name in ("definitif", "pj", "plt", "plh")},
}

# Classes a data file may declare with `type:`, and where: entities live in data/reference/,
# facts (things a source states) live in the source's own file.
ENTITY_TYPES: dict[str, URIRef] = {
    "Person": AGR.Person,
    "Ministry": AGR.Ministry,
    "RegionalGovernment": AGR.RegionalGovernment,
    "RegionalAgency": AGR.RegionalAgency,
    "PublicOrganisation": AGR.PublicOrganisation,
    "Publisher": AGR.Publisher,
    "Office": AGR.Office,
    "Region": AGR.Region,
    "Place": AGR.Place,
    "Award": AGR.Award,
    "AwardEdition": AGR.AwardEdition,
    "AwardCategory": AGR.AwardCategory,
    "Grade": AGR.Grade,
    "GradeScheme": SKOS.ConceptScheme,
    "Innovation": AGR.Innovation,
    "EvaluationInstrument": AGR.EvaluationInstrument,
}
FACT_TYPES: dict[str, URIRef] = {
    "Event": AGR.Event,
    "AwardCeremony": AGR.AwardCeremony,
    "Exhibition": AGR.Exhibition,
    "AwardConferral": AGR.AwardConferral,
    "EvaluationResult": AGR.EvaluationResult,
    "Tenure": AGR.Tenure,
    "AgentGroup": AGR.AgentGroup,
}
RECOGNITION_TYPES = frozenset({"AwardConferral", "EvaluationResult"})

FIELDS: dict[str, Field] = {
    # names and descriptions
    "label": Field(SKOS.prefLabel, Kind.LANGMAP),
    "altLabel": Field(SKOS.altLabel, Kind.LANGMAP),
    "description": Field(DCTERMS.description, Kind.LANGMAP),
    "definition": Field(SKOS.definition, Kind.LANGMAP),
    "note": Field(SKOS.note, Kind.LANGMAP),
    "notation": Field(SKOS.notation, Kind.TEXT),
    "honorificPrefix": Field(SCHEMA.honorificPrefix, Kind.TEXT, many=True),
    "honorificSuffix": Field(SCHEMA.honorificSuffix, Kind.TEXT, many=True),
    "homepage": Field(FOAF.homepage, Kind.URL, many=True),
    "seeAlso": Field(RDFS.seeAlso, Kind.URL, many=True),
    # organisations, offices, places
    "unitOf": Field(ORG.unitOf, Kind.REF),
    "subOrganizationOf": Field(ORG.subOrganizationOf, Kind.REF, many=True),
    "jurisdiction": Field(AGR.jurisdiction, Kind.REF),
    "postIn": Field(ORG.postIn, Kind.REF),
    "role": Field(ORG.role, Kind.VOCAB, vocabulary="role"),
    "code": Field(AGR.kemendagriCode, Kind.TEXT),
    "locatedIn": Field(AGR.locatedIn, Kind.REF),
    # awards, grades
    "editionOf": Field(AGR.editionOf, Kind.REF),
    "year": Field(AGR.year, Kind.YEAR),
    "scheme": Field(SKOS.inScheme, Kind.REF),
    # events
    "venue": Field(AGR.venue, Kind.REF),
    "organizer": Field(AGR.organizer, Kind.REF, many=True),
    "startDate": Field(AGR.startDate, Kind.DATE),
    "endDate": Field(AGR.endDate, Kind.DATE),
    # recognitions
    "recipient": Field(AGR.recipient, Kind.REF, many=True),
    "conferredBy": Field(AGR.conferredBy, Kind.REF, many=True),
    "award": Field(AGR.award, Kind.REF),
    "edition": Field(AGR.awardEdition, Kind.REF),
    "category": Field(AGR.category, Kind.REF),
    "grade": Field(AGR.grade, Kind.REF),
    "placement": Field(AGR.placement, Kind.TEXT),
    "rankUpperBound": Field(AGR.rankUpperBound, Kind.POSITIVE_INT),
    "forWork": Field(AGR.forWork, Kind.REF),
    "date": Field(AGR.date, Kind.DATE),
    "atEvent": Field(AGR.atEvent, Kind.REF),
    "quantity": Field(AGR.quantity, Kind.POSITIVE_INT),
    "instrument": Field(AGR.evaluationInstrument, Kind.REF),
    # tenures
    "holder": Field(AGR.holder, Kind.REF),
    "post": Field(AGR.post, Kind.REF),
    "attestedOn": Field(AGR.attestedOn, Kind.DATE, many=True),
    "tenureType": Field(AGR.tenureType, Kind.VOCAB, vocabulary="tenure-type"),
    "termOrdinal": Field(AGR.termOrdinal, Kind.POSITIVE_INT),
    "replaces": Field(AGR.replaces, Kind.REF),
}

# Keys handled by the compiler itself rather than by the table.
STRUCTURAL_KEYS = frozenset({"id", "type", "evidence", "participants"})

PARTICIPANT_FIELDS: dict[str, Field] = {
    "role": Field(AGR.participationRole, Kind.VOCAB, vocabulary="participation-role"),
    "agent": Field(AGR.agent, Kind.REF),
    "capacity": Field(AGR.inCapacityOf, Kind.REF),
    "onBehalfOf": Field(AGR.onBehalfOf, Kind.REF, many=True),
}

EVIDENCE_KEYS = frozenset({"quote", "start", "name", "confidence"})

SOURCE_FIELDS: dict[str, Field] = {
    "title": Field(DCTERMS.title, Kind.TEXT),
    "publisher": Field(SCHEMA.publisher, Kind.REF),
    "author": Field(DC.creator, Kind.TEXT, many=True),
    "published": Field(SCHEMA.datePublished, Kind.DATE),
    "modified": Field(SCHEMA.dateModified, Kind.DATE),
    "language": Field(SCHEMA.inLanguage, Kind.TEXT),
    "about": Field(SCHEMA.about, Kind.REF, many=True),
}
SOURCE_STRUCTURAL_KEYS = frozenset({"url", "text", "boilerplate", "note"})
