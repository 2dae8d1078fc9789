// all_member_push's limits on attributes and tags (reference/rest-api.md §3.8, §4.6), shared by im_push's
// Condition (all_member_push.cpp) and the attribute and tag commands (push_audience.cpp).
#pragma once

#include <boost/json/array.hpp>
#include <optional>
#include <string_view>

#include "api/command.hpp"

namespace timock::api {

// §4.6 90032: at most 10 tags (in a Condition list, and held by one user).
inline constexpr std::int64_t kMaxPushTags = 10;

// An attribute name (`is_name`) or value: 1–50 bytes, else 90030.
std::optional<Reply> check_attr_text(std::string_view text, bool is_name);
// Tags: Strings of 1–50 bytes (90040 empty, 90034 longer), at most 10 (90032), none twice (90022).
std::optional<Reply> check_tags(const boost::json::array& tags);

}  // namespace timock::api
