-- wrk's script for `make bench`: every response must be a 200 that contains each content marker
-- (this script's arguments, after `--` on wrk's command line). Each thread counts its failures;
-- done() adds them up and prints the run as one JSON line, the last line of wrk's output.

local markers = {}
local threads = {}
-- Global, so that done() can read each thread's count with thread:get().
failures = 0

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  for i = 1, #args do
    markers[i] = args[i]
  end
end

function response(status, headers, body)
  if status ~= 200 then
    failures = failures + 1
    return
  end
  for _, marker in ipairs(markers) do
    if not string.find(body, marker, 1, true) then
      failures = failures + 1
      return
    end
  end
end

function done(summary, latency, requests)
  local failed = 0
  for _, thread in ipairs(threads) do
    failed = failed + thread:get("failures")
  end
  local errors = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "requests_per_second": %.2f, "p50_ms": %.2f, '
      .. '"p99_ms": %.2f, "failures": %d, "socket_errors": %d}\n',
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    failed, errors.connect + errors.read + errors.write + errors.timeout
  ))
end
