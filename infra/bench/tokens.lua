-- wrk script: each request carries the bearer token of the next person (real tokens from
-- Bench.java tokens), so the load spreads over many persons' aggregates as real traffic does.
--   OO_WRK_LABEL=<figure> wrk ... -s infra/bench/tokens.lua <url> -- <tokens file> <mode: signal|recommend>
-- (done() runs in wrk's main Lua state, where init() never ran: the label comes from the environment)
local tokens = {}
local mode = "signal"
local label = os.getenv("OO_WRK_LABEL") or "wrk"
local counter = 0
local threads = 0
id = 1

-- runs in the main state once per thread: each thread gets its own id, so the threads neither
-- draw the same "random" client ids (the app would drop them as duplicates) nor walk the persons
-- in lockstep (they would queue on the same aggregates)
function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end

function init(args)
  for line in io.lines(args[1]) do
    local pid, token = line:match("^(%S+)%s+(%S+)$")
    if token then tokens[#tokens + 1] = token end
  end
  mode = args[2] or mode
  math.randomseed(os.time() * 1000 + id)
  -- threads start at different persons
  counter = ((id - 1) * 7919) % #tokens
end

local function uuid()
  return string.format("%08x-%04x-4%03x-a%03x-%012x", math.random(0, 0x7fffffff), math.random(0, 0xffff),
    math.random(0, 0xfff), math.random(0, 0xfff), math.random(0, 0xffffffffffff))
end

function request()
  counter = counter + 1
  local token = tokens[(counter % #tokens) + 1]
  local headers = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }
  if mode == "recommend" then
    return wrk.format("POST", "/recommend", headers, "")
  end
  local at = os.date("!%Y-%m-%dT%H:%M:%SZ", os.time() - 60)
  local body = '{"source":"mood","type":"checkin","occurredAt":"' .. at .. '","payload":{"score":'
    .. math.random(1, 5) .. ',"note":"bench"},"clientId":"' .. uuid() .. '"}'
  return wrk.format("POST", "/api/signals", headers, body)
end

function done(summary, latency, requests)
  local secs = summary.duration / 1e6
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  local how = string.format("wrk, %d requests in %.0f s, %d errors (non-2xx %d); latency by wrk (closed loop)",
    summary.requests, secs, errors, summary.errors.status)
  io.write(string.format("RESULT\t%s: requests/s\t%.0f\t%s\n", label, summary.requests / secs, how))
  io.write(string.format("RESULT\t%s: latency\tp50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms\t%s\n", label,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency:percentile(99.9) / 1000,
    latency.max / 1000, how))
end
