-- POST the body in BENCH_BODY_FILE (form-encoded) to the URL given to wrk.
local function read(path)
  if not path or path == "" then return "" end
  local file = assert(io.open(path, "r"))
  local text = file:read("*a")
  file:close()
  return text
end
wrk.method = "POST"
wrk.body = read(os.getenv("BENCH_BODY_FILE"))
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = os.getenv("BENCH_COOKIE") or ""
wrk.headers["User-Agent"] = os.getenv("BENCH_USER_AGENT") or "quizapp-benchmark"
