-- group_open_http_svc/get_group_member_info of one group, no Limit: every member in one reply (§3.7: absent
-- Limit = all). The request never changes, so wrk sends it pre-built.
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")

wrk.method = "POST"
wrk.path = rest_path("group_open_http_svc/get_group_member_info")
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"GroupId":"' .. os.getenv("BENCH_GROUP") .. '"}'
