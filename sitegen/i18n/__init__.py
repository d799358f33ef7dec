"""The reader's language: message catalogs, dates and numbers in the interface language, and text direction.

Every stage that writes words a reader sees (planning headings and breadcrumbs, rendering templates, the
search page's script) gets one `Interface` as an argument; nothing here is a module global.
"""
