-- openim/admin_getroammsg, first page of 20, over the conversations bench_fixture_gen made: half of the calls
-- go to one of its 1000 hot conversations (hundreds of messages each), half to any of its 5 × N conversations.
-- Conversation c is the pair (c mod N, c mod N + 1 + c div N), as in bench/fixture_gen.cpp.
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")

local users = tonumber(os.getenv("BENCH_USERS"))
local hot = 1000
local conversations = users * 5
local path = rest_path("openim/admin_getroammsg")
local headers = { ["Content-Type"] = "application/json" }
local seeded = false

function request()
  if not seeded then
    math.randomseed(thread_id * 7919)
    seeded = true
  end
  local c
  if math.random() < 0.5 then c = math.random(0, hot - 1) else c = math.random(0, conversations - 1) end
  local a = c % users
  local b = (a + 1 + math.floor(c / users)) % users
  local body = string.format(
    '{"Operator_Account":"u%d","Peer_Account":"u%d","MaxCnt":20,"MinTime":0,"MaxTime":4000000000}', a, b)
  return wrk.format("POST", path, headers, body)
end
