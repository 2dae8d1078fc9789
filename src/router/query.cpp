#include "router/query.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>
#include <cctype>

namespace timock::router {

std::optional<std::string_view> ParsedTarget::param(std::string_view name) const {
  for (const auto& [key, value] : params)
    if (key == name) return std::string_view(value);
  return std::nullopt;
}

std::vector<std::string_view> ParsedTarget::segments() const {
  std::vector<std::string_view> parts;
  std::string_view rest = path;
  while (!rest.empty()) {
    const auto slash = rest.find('/');
    const auto part = rest.substr(0, slash);
    if (!part.empty()) parts.push_back(part);
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }
  return parts;
}

std::optional<ParsedTarget> parse_target(std::string_view target) {
  auto parsed = boost::urls::parse_origin_form(target);
  if (!parsed) return std::nullopt;
  const boost::urls::url_view& url = *parsed;
  ParsedTarget out;
  out.path = url.path();
  // usersig is URL-safe by design ("*-_"); a '+' from a standard-alphabet sig must stay a '+'.
  boost::urls::encoding_opts opts;
  opts.space_as_plus = false;
  for (const auto& param : url.params(opts)) {
    std::string name = param.key;
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.params.emplace_back(std::move(name), param.value);
  }
  return out;
}

}  // namespace timock::router
