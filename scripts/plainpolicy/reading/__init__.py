"""Reading a site: mkdocs.yml, each page's source, its rendered prose and sections."""
