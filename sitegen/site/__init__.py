"""Stage 3, plan: every page of the site as a Page record (its kind, address, template and exactly what the
template may use), and the open-web files made from the archive (feeds, sitemap, data export)."""
