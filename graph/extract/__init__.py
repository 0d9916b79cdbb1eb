"""Article ingestion: Indonesian news text to draft facts with evidence, and scoring against gold annotations."""
