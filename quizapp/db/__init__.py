"""Database plumbing: engine settings and the schema check (setup), commits that may lose a race
(commits), and what a lost connection does to a request (disconnects)."""
