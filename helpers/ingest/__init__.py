"""Getting documents in: PDF text, cleaning, the checksum registry, statements, corpus folders, the index, fetch."""
