"""HTTP layer (FastAPI) over anugerah.graph."""
