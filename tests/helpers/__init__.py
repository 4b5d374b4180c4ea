"""Helpers shared by the page tests and the browser tests."""
