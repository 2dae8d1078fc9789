// Small helpers shared by the control-plane routes: JSON in, JSON out, 4xx errors that name the problem.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <string_view>

#include "core/domain.hpp"
#include "router/http_types.hpp"

namespace timock::core {
struct JournalEntry;
}

namespace timock::control {

// {"error": message[, "field": field]} with a 4xx/5xx status.
router::HttpResponse problem(unsigned status, std::string_view message, std::string_view field = {});
router::HttpResponse ok_json(const boost::json::value& value, unsigned status = 200);
// An empty body reads as {}; anything but a JSON object is nullopt.
std::optional<boost::json::object> parse_object(std::string_view body);
// A journal entry as GET /mock/apps/{id}/journal and the console's event stream show it: bodies parsed when
// they are JSON.
boost::json::object journal_entry_json(const core::JournalEntry& entry);

}  // namespace timock::control
