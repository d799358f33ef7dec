"""Stage 6, index: full-text search with Pagefind over the staged site, in shards of dates, each indexed again
only when its pages changed."""
