"""Named SPARQL queries (*.rq), one competency question each, as package data."""
