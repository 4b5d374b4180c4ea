"""Caches of published, immutable content: rendered HTML (rendered.py) and question-version
snapshots (snapshots.py)."""
