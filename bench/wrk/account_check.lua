-- im_open_login_svc/account_check for one imported account: auth (a cached UserSig) + one indexed read.
-- The request never changes, so wrk sends it pre-built.
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")

wrk.method = "POST"
wrk.path = rest_path("im_open_login_svc/account_check")
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"CheckItem":[{"UserID":"' .. os.getenv("BENCH_USER") .. '"}]}'
