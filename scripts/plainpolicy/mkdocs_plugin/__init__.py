"""The MkDocs plugin: a thin wrapper that runs plainpolicy's checks during the build."""
