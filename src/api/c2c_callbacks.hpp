// The one-to-one after-callbacks other than AfterSendMsg (reference/rest-api.md §7):
// C2C.CallbackAfterMsgReport (a read report, over REST or from a client) and C2C.CallbackAfterMsgWithDraw (a
// recall).
#pragma once

#include <cstdint>
#include <string_view>

#include "core/domain.hpp"

namespace timock::callback {
class Callbacks;
}
namespace timock::store {
class MessageRepository;
}

namespace timock::api {

// Report_Account has read Peer_Account's messages up to `last_read_time`; UnreadMsgNum is what it has left
// unread. Nothing without callbacks or when the app does not want it.
void after_msg_report(callback::Callbacks* callbacks, store::MessageRepository& messages,
                      std::string_view report, std::string_view peer, std::int64_t last_read_time);
// `recalled` was withdrawn; UnreadMsgNum is its receiver's unread count after it.
void after_msg_withdraw(callback::Callbacks* callbacks, store::MessageRepository& messages,
                        const core::C2cMessage& recalled);

}  // namespace timock::api
