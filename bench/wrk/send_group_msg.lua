-- group_open_http_svc/send_group_msg into one group whose members are u0…u{BENCH_MEMBERS-1}: every request is a
-- new message from one of the members. §3.7 drops the same Random and content from the same sender within 5
-- minutes as a repeat (an OK reply with the first message's seq, nothing written), so each request has its own
-- Random and text, and the text carries a tag of this wrk process: a second run (warm-up, --profile) against the
-- same database sends new messages too, never repeats of the first run's.
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")

local members = tonumber(os.getenv("BENCH_MEMBERS"))
local group = os.getenv("BENCH_GROUP")
local path = rest_path("group_open_http_svc/send_group_msg")
local headers = { ["Content-Type"] = "application/json" }
local counter = 0

local function run_tag()
  local file = io.open("/proc/sys/kernel/random/uuid")
  local tag = file and file:read("*l") or tostring(os.time())
  if file then file:close() end
  return tag:sub(1, 8)
end
local tag = run_tag()

function request()
  counter = counter + 1
  sent = sent + 1
  local n = thread_id * 100000000 + counter
  local body = string.format(
    '{"GroupId":"%s","From_Account":"u%d","Random":%d,' ..
    '"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"bench message %s-%d"}}]}',
    group, n % members, n % 4294967296, tag, n)
  return wrk.format("POST", path, headers, body)
end
