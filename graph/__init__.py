"""The knowledge-graph core: curated data, compilation, the store, validation, named queries, export."""
