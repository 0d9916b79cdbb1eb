"""The OWL ontology, controlled vocabularies and SHACL shapes, as package data."""
