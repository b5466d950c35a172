"""Pages and HTML made for the site: generated pages, tooltips, the printable policy."""
