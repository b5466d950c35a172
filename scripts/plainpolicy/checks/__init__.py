"""The checks. Each module holds one family of rules and returns findings."""
