// JSON text assembled from pieces that are JSON text already, without a DOM round trip. Stored message bodies
// are text timock serialised itself; a page of them is spliced into a reply as it is, where parsing each into a
// DOM to serialise it again cost as much as the page's query (bench/RESULTS.md F5).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace timock::core {

// Adds `"key":member_json` as the last member of `object_json` (an object's text, ending in '}').
void append_member(std::string& object_json, std::string_view key, std::string_view member_json);

// The text of the array whose elements have these texts, in order.
std::string array_json(const std::vector<std::string>& element_jsons);

}  // namespace timock::core
