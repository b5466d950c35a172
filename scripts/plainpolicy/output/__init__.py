"""Findings and scores for people and machines: text, JSON, SARIF, GitHub, the report page, explain."""
