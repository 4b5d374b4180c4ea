"""`python -m benchmarks`: quizapp's pages under load, as a fraction of what bare Flask does here.

Not part of the test suite. Needs wrk (`apt-get install wrk`) and, for the PostgreSQL half,
a server at BENCH_POSTGRES_URL (default postgresql://postgres@127.0.0.1:5432/postgres) that
lets the benchmark create and drop a database of its own.
"""
