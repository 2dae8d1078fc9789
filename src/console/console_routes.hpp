// /console: the web console (DESIGN "Surfaces" 5). Its page, script and style are served from the binary
// (console/assets.hpp) to anyone who can reach the port, as they hold nothing secret: everything the page
// shows or changes goes through /mock (behind --control-token, which the page asks for once) and the REST
// API, and its live events through /console/events (console/event_stream.hpp), which checks the token too.
#pragma once

#include <string_view>

#include "router/http_types.hpp"

namespace timock::console {

// GET /console → a redirect to /console/ (so the page's relative URLs resolve); GET /console/{file} → the
// file; GET /console/session → {"token_required", "token_ok"}: whether the server wants a control token and
// whether the request's X-Timock-Token is it, so the page asks for the token before its first /mock call
// instead of meeting a 401 (which a browser reports as an error); anything else a 404 or 405.
router::HttpResponse serve_console(const router::HttpRequest& request, std::string_view control_token);

}  // namespace timock::console
