"""What a reader's browser may be given: the HTML, CSS and URL allowlists and the build's gate."""
