"""Commands that write a site's files: `plainpolicy init` and `plainpolicy new`."""
