// The one place the REST reply envelope is built (reference/rest-api.md §1.3).
#pragma once

#include <string>

#include "api/command.hpp"

namespace timock::router {

// {"ActionStatus","ErrorCode","ErrorInfo"[,"ErrorDisplay"], ...fields}; without ActionStatus for the services
// whose replies carry none (openconfigsvr, reference/rest-api.md §3.8).
std::string envelope(const api::Reply& reply, bool error_display, bool action_status = true);
std::string error_envelope(core::ErrorCode code, std::string_view info = {});
// What a request whose writes were lost (a batch SQLite rolled back on a full disk or an I/O error, or a
// failed fdatasync) is answered instead of its reply: the HTTP status and the envelope (70500).
constexpr unsigned kNotDurableStatus = 500;
api::Reply not_durable_reply();
std::string not_durable_envelope();

}  // namespace timock::router
