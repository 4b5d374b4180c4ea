-- POST answers to a different open attempt on every request: each wrk thread walks its own
-- share of the paths in BENCH_PATHS_FILE (one /attempts/<id> per line), so no attempt is
-- submitted twice, and stops when its share is used up.
local threads_total = tonumber(os.getenv("BENCH_THREADS") or "1")
local next_id = 0

function setup(thread)
  thread:set("thread_id", next_id)
  next_id = next_id + 1
end

local paths, position, answered = {}, 0, 0

function init(args)
  local file = assert(io.open(os.getenv("BENCH_PATHS_FILE"), "r"))
  local index = 0
  for line in file:lines() do
    if index % threads_total == thread_id then table.insert(paths, line) end
    index = index + 1
  end
  file:close()
  local body = assert(io.open(os.getenv("BENCH_BODY_FILE"), "r"))
  wrk.body = body:read("*a")
  body:close()
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  wrk.headers["Cookie"] = os.getenv("BENCH_COOKIE") or ""
  wrk.headers["User-Agent"] = os.getenv("BENCH_USER_AGENT") or "quizapp-benchmark"
end

function request()
  position = position + 1
  if position > #paths then position = #paths end  -- never reached when enough attempts exist
  return wrk.format(nil, paths[position])
end

function response(status, headers, body)
  answered = answered + 1
  if answered >= #paths then wrk.thread:stop() end
end
