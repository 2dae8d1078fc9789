// Reading the Chat SDK's pushes (im_open_push.msg_push) in contract tests.
#pragma once

#include <boost/json/object.hpp>
#include <chrono>
#include <optional>
#include <string>

#include "chat_client.hpp"

namespace timock::testing::chatsdk {

inline constexpr auto kMsgPush = "im_open_push.msg_push";

// The first EventArray item of a push that carries `key`, each push waited for up to `wait` (pushes of other
// kinds are skipped, eight at most).
inline std::optional<boost::json::object> event_with(ChatClient& client, const std::string& key,
                                                     std::chrono::milliseconds wait = std::chrono::seconds(2)) {
  for (int i = 0; i < 8; ++i) {
    const auto push = client.wait_push(kMsgPush, wait);
    if (!push) return std::nullopt;
    for (const auto& event : push->body.at("EventArray").as_array())
      if (event.as_object().contains(key)) return event.as_object();
  }
  return std::nullopt;
}

}  // namespace timock::testing::chatsdk
