-- GET the paths in BENCH_PATHS_FILE in turn (one per line), each wrk thread from its own
-- starting point, so the server sees many different pages of the same kind.
local threads_total = tonumber(os.getenv("BENCH_THREADS") or "1")
local next_id = 0

function setup(thread)
  thread:set("thread_id", next_id)
  next_id = next_id + 1
end

local paths, position = {}, 0

function init(args)
  local file = assert(io.open(os.getenv("BENCH_PATHS_FILE"), "r"))
  for line in file:lines() do table.insert(paths, line) end
  file:close()
  position = math.floor(#paths * thread_id / threads_total)
  wrk.headers["Cookie"] = os.getenv("BENCH_COOKIE") or ""
  wrk.headers["User-Agent"] = os.getenv("BENCH_USER_AGENT") or "quizapp-benchmark"
end

function request()
  position = position % #paths + 1
  return wrk.format("GET", paths[position])
end
