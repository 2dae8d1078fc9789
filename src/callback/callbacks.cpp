#include "callback/callbacks.hpp"

namespace timock::callback {

std::optional<Verdict> Callbacks::before(std::string_view command, const boost::json::object& body) const {
  if (!wants(command)) return std::nullopt;
  if (auto it = verdicts_.find(command); it != verdicts_.end()) return it->second;
  throw AskFirst{std::string(command), body};
}

void Callbacks::after(std::string_view command, boost::json::object body) {
  if (wants(command)) notices_.push_back({std::string(command), std::move(body)});
}

}  // namespace timock::callback
