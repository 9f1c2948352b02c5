-- wrk script for trove-serve's load benchmark (bench/serve_load.sh): replays
-- the request paths of a file (one per line, from `trove-serve-load --urls`)
-- round and round, each wrk thread starting at its own point of the list,
-- and prints the latency percentiles and every kind of error at the end.
--
--   wrk -t2 -c16 -d20s -s bench/serve_load.lua http://127.0.0.1:PORT -- URLS_FILE

local paths = {}
local next_index = 1
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("thread_number", counter)
  table.insert(threads, thread)
end

function init(args)
  local file = assert(io.open(args[1], "r"), "cannot open " .. tostring(args[1]))
  for line in file:lines() do
    if line ~= "" then table.insert(paths, line) end
  end
  file:close()
  assert(#paths > 0, "no paths in " .. args[1])
  -- Spread the threads over the list so they do not run in lockstep.
  next_index = ((thread_number or 1) - 1) * math.floor(#paths / 7) % #paths + 1
end

function request()
  local path = paths[next_index]
  next_index = next_index % #paths + 1
  return wrk.format("GET", path)
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format("http: %d requests in %.1f s, %.1f QPS, p50 %.3f ms, p99 %.3f ms\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
  io.write(string.format("errors: %d non-2xx, %d connect, %d read, %d write, %d timeout\n",
    e.status, e.connect, e.read, e.write, e.timeout))
end
