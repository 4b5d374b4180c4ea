-- GET the URL given to wrk, as the signed-in user whose cookies are in BENCH_COOKIE.
wrk.headers["Cookie"] = os.getenv("BENCH_COOKIE") or ""
wrk.headers["User-Agent"] = os.getenv("BENCH_USER_AGENT") or "quizapp-benchmark"
