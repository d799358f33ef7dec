"""Stage 2, collect: the clippings read become the archive: ordered, addressed (addresses never change),
grouped by date, source and category, duplicates and syndicated copies found, excerpts cut, and checked."""
