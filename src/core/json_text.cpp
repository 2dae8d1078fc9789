#include "core/json_text.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/string_view.hpp>

namespace timock::core {

void append_member(std::string& object_json, std::string_view key, std::string_view member_json) {
  object_json.pop_back();  // the closing '}'
  if (object_json.back() != '{') object_json += ',';
  object_json += boost::json::serialize(boost::json::string_view(key.data(), key.size()));
  object_json += ':';
  object_json += member_json;
  object_json += '}';
}

std::string array_json(const std::vector<std::string>& element_jsons) {
  std::size_t size = 2;
  for (const auto& element : element_jsons) size += element.size() + 1;
  std::string out;
  out.reserve(size);
  out += '[';
  for (const auto& element : element_jsons) {
    if (out.size() > 1) out += ',';
    out += element;
  }
  out += ']';
  return out;
}

}  // namespace timock::core
