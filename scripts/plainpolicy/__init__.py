"""plainpolicy: readability, glossary and voice checks for policy pages written in several voices."""

__version__ = "0.1.0"
