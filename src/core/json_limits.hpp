// How deep JSON from outside (REST and client bodies, control-plane bodies, fixtures) may nest.
#pragma once

#include <boost/json/fwd.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse_options.hpp>
#include <cstddef>
#include <optional>
#include <string_view>

namespace timock::core {

// JSON that timock stores (message bodies, profile values, friend groups) is parsed again on every read with
// Boost.JSON's default depth, so nothing deeper may get in: a message body 40 levels deep was accepted under
// a 64-level bound, stored, and then failed every later read of its conversation (history, snapshot export).
// 32 levels is still far above any documented request (a MsgBody element is 4 deep).
inline constexpr std::size_t kMaxJsonDepth = 32;
static_assert(kMaxJsonDepth <= boost::json::parse_options{}.max_depth,
              "stored JSON must parse again with the default options");

// False when a number in `value` is beyond a double (1e400 parses to infinity). Boost.JSON writes an infinity
// as `Infinity`, which no JSON parser reads back, so such input is refused as bad JSON wherever timock parses
// JSON from outside (a message body with one was stored, and then failed every read of its conversation); a
// strict parser such as the real service's refuses the number too. Depth is bounded by the parse (kMaxJsonDepth).
bool all_numbers_finite(const boost::json::value& value);

// JSON from outside that must be an object (a REST or client body, a control-plane body, a Chat SDK frame):
// parsed with the depth bound, numbers checked as above; nullopt for anything else.
std::optional<boost::json::object> parse_object(std::string_view text);

}  // namespace timock::core
