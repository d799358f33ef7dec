"""The reader's language: message catalogs, and dates and numbers in the interface language.

Every stage that writes words a reader sees (planning headings and breadcrumbs, rendering templates, the
search page's script) gets one `Interface` as an argument; nothing here is a module global.
"""
