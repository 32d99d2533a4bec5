-- wrk's script for `make bench`: every response must be a 200 that contains each content marker
-- (this script's arguments, after `--` on wrk's command line). Each thread counts its failures;
-- done() adds them up and prints the run as one JSON line, the last line of wrk's output, with
-- the mean size of a response's body (body_bytes).
-- Arguments "@method=POST", "@body=<file>" and "@status=302" post the file's form data instead,
-- and expect a redirect whose Location contains each marker (a save of the meeting workspace).

local markers = {}
local threads = {}
local expected = 200
-- Global, so that done() can read each thread's counts with thread:get().
failures = 0
responses = 0
body_bytes = 0

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  for i = 1, #args do
    local option, value = string.match(args[i], "^@(%a+)=(.*)$")
    if option == "method" then
      wrk.method = value
    elseif option == "body" then
      local file = assert(io.open(value, "rb"))
      wrk.body = file:read("*a")
      file:close()
    elseif option == "status" then
      expected = tonumber(value)
    else
      table.insert(markers, args[i])
    end
  end
end

function response(status, headers, body)
  responses = responses + 1
  body_bytes = body_bytes + #(body or "")
  if status ~= expected then
    failures = failures + 1
    return
  end
  local text = body
  if expected ~= 200 then
    text = headers["Location"] or headers["location"] or ""
  end
  for _, marker in ipairs(markers) do
    if not string.find(text, marker, 1, true) then
      failures = failures + 1
      return
    end
  end
end

function done(summary, latency, requests)
  local failed, answered, bytes = 0, 0, 0
  for _, thread in ipairs(threads) do
    failed = failed + thread:get("failures")
    answered = answered + thread:get("responses")
    bytes = bytes + thread:get("body_bytes")
  end
  local errors = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "requests_per_second": %.2f, "p50_ms": %.2f, '
      .. '"p99_ms": %.2f, "failures": %d, "socket_errors": %d, "body_bytes": %d}\n',
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    failed, errors.connect + errors.read + errors.write + errors.timeout,
    answered > 0 and math.floor(bytes / answered) or 0
  ))
end
