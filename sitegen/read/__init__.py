"""Stage 1, read: content files to Clipping records (many per file for multi-document exports), each with its
provenance and problems; one bad file or document never stops the build."""
