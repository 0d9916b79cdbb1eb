"""Linked-data publication: entity documents, static export, DCAT-AP catalog, VoID, ontology documentation."""
