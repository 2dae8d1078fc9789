-- openim/sendmsg between the imported accounts u0…u{BENCH_USERS-1}: every request is a new message (its own
-- MsgRandom and text), so each OK reply is one more row that must be in the store afterwards. `sent` counts
-- requests written, so bench/run can tell a lost message (stored < OK) from one in flight at the end.
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")

local users = tonumber(os.getenv("BENCH_USERS"))
local path = rest_path("openim/sendmsg")
local headers = { ["Content-Type"] = "application/json" }
local counter = 0

function request()
  counter = counter + 1
  sent = sent + 1
  local n = thread_id * 100000000 + counter
  local from = n % users
  local to = (from + 1 + counter % 5) % users
  local body = string.format(
    '{"From_Account":"u%d","To_Account":"u%d","MsgRandom":%d,' ..
    '"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"bench message %d"}}]}',
    from, to, n % 4294967296, n)
  return wrk.format("POST", path, headers, body)
end
