"""Anugerah: a linked-data knowledge graph of Indonesian bureaucracy recognitions."""

__version__ = "0.1.0"
