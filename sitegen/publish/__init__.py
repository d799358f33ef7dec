"""Stage 5, publish: one writer owned by the build puts every file into a staging folder and makes it the
output folder atomically; the build cache remembers what was read and written; the size report counts the
site as GitHub Pages does."""
