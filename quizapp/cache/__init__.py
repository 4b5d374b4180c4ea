"""Caches: rendered HTML of published, immutable content (rendered.py), the only one."""
