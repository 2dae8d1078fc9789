-- Shared by the scenario scripts (each loads it with dofile): every thread counts the replies whose envelope
-- says OK, and done() prints one machine-readable line that bench/run reads. The same script drives timock and
-- the nginx reference (whose canned body is a copy of timock's OK reply), so both pay the same client costs.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_id", #threads)
end

function init(args)
  ok_replies = 0
  sent = 0
end

function response(status, headers, body)
  if status == 200 and body:find('"ActionStatus":"OK"', 1, true) then
    ok_replies = ok_replies + 1
  end
end

function done(summary, latency, requests)
  local ok, sent_total = 0, 0
  for _, thread in ipairs(threads) do
    ok = ok + thread:get("ok_replies")
    sent_total = sent_total + thread:get("sent")
  end
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d rps=%.1f p50_us=%d p99_us=%d max_us=%d ok=%d sent=%d non2xx=%d socket_errors=%d\n",
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(99), latency.max, ok, sent_total,
    e.status, e.connect + e.read + e.write + e.timeout))
end

-- The REST query string (sdkappid, identifier, usersig, contenttype) bench/run minted for this run.
function rest_path(service_command)
  return "/v4/" .. service_command .. "?" .. os.getenv("TIMOCK_QUERY")
end
