"""Database plumbing: engine settings and the schema check (setup), commits that may lose a race
(commits), what a lost connection does to a request (disconnects), and reads outside a
transaction for the student pages (reads)."""
