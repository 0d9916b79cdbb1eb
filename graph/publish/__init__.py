"""Linked-data publication: entity documents, static export, DCAT-AP catalog, VoID, ontology documentation.

| module | job |
|---|---|
| ``site`` | IRIs ↔ document paths (``id/``, ``def/``, ``graph/`` → ``doc/``), formats, the publication's URLs |
| ``describe`` | the RDF description of one resource (outgoing, hash children, incoming, neighbours' labels) |
| ``names`` | labels of everything, read once per engine; short names for sentences |
| ``facts`` | the fact nodes naming a resource, whole, with their evidence and sources |
| ``sentences`` | facts told in Indonesian and English |
| ``html``, ``entity_page``, ``graph_page``, ``downloads_page`` | the pages people read |
| ``ontology_docs`` | the ontology's pyLODE documentation (reproducible) |
| ``rdf_formats``, ``jsonld_context`` | deterministic Turtle, N-Triples, JSON-LD (friendly context), RDF/XML |
| ``documents`` | every document in every format, per engine, cached (what ``/doc/…`` serves) |
| ``dumps``, ``recognitions_csv`` | the release files: gzipped dumps, the CSV of recognitions, checksums |
| ``catalog``, ``void`` | DCAT-AP 3.0.1 catalog and VoID description |
| ``export`` | ``anugerah export``: the whole static publication, staged and swapped in |
"""
