"""The site's data files: glossary, word lists, nations, commitments, approval, images, prompts."""
