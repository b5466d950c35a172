"""Running the rules over a site's pages: the checker, its worker processes and stored results."""
