"""The rules. Each module holds one family of rules and returns findings."""
