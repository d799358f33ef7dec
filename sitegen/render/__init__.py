"""Stage 4, render: bytes per page from Jinja templates (autoescape on; clipping text never trusted as markup),
and the fingerprints that let a rebuild skip the pages whose inputs did not change."""
