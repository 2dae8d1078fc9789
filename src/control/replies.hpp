// Small helpers shared by the control-plane routes: JSON in, JSON out, 4xx errors that name the problem.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <string_view>

#include "core/domain.hpp"
#include "router/http_types.hpp"

namespace timock::core {
struct JournalEntry;
}
namespace timock::router {
struct ParsedTarget;
}

namespace timock::control {

// {"error": message[, "field": field]} with a 4xx/5xx status.
router::HttpResponse problem(unsigned status, std::string_view message, std::string_view field = {});
router::HttpResponse ok_json(const boost::json::value& value, unsigned status = 200);
// An empty body reads as {}; anything but a JSON object is nullopt.
std::optional<boost::json::object> parse_object(std::string_view body);
// A console list's query: `q` (a search), `offset`, `limit`, as the accounts, groups and online lists take
// it.
struct PageQuery {
  // A console page shows 50 rows; 500 is room for a bigger screen without a full dump.
  static constexpr std::int64_t kDefaultLimit = 50;
  static constexpr std::int64_t kMaxLimit = 500;
  std::string_view search;  // a view into the target
  std::int64_t offset = 0;
  std::int64_t limit = kDefaultLimit;
};
// Reads q, offset and limit into `query`; any other parameter, or a bad number, is the 400 to answer.
std::optional<router::HttpResponse> read_page_query(const router::ParsedTarget& target, PageQuery& query);

// A journal entry as GET /mock/apps/{id}/journal and the console's event stream show it: bodies parsed when
// they are JSON.
boost::json::object journal_entry_json(const core::JournalEntry& entry);

}  // namespace timock::control
