"""Sentences, words and the readability formulas: plain functions over text."""
