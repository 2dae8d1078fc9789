#include "api/c2c_callbacks.hpp"

#include <boost/json/object.hpp>

#include "callback/callbacks.hpp"
#include "store/message_repository.hpp"

namespace timock::api {

void after_msg_report(callback::Callbacks* callbacks, store::MessageRepository& messages,
                      std::string_view report, std::string_view peer, std::int64_t last_read_time) {
  constexpr std::string_view kCommand = "C2C.CallbackAfterMsgReport";
  if (!callbacks || !callbacks->wants(kCommand)) return;
  callbacks->after(kCommand, {{"Report_Account", report},
                              {"Peer_Account", peer},
                              {"LastReadTime", last_read_time},
                              {"UnreadMsgNum", messages.unread_total(report)}});
}

void after_msg_withdraw(callback::Callbacks* callbacks, store::MessageRepository& messages,
                        const core::C2cMessage& recalled) {
  constexpr std::string_view kCommand = "C2C.CallbackAfterMsgWithDraw";
  if (!callbacks || !callbacks->wants(kCommand)) return;
  callbacks->after(kCommand, {{"From_Account", recalled.from_account},
                              {"To_Account", recalled.to_account},
                              {"MsgKey", recalled.msg_key()},
                              {"UnreadMsgNum", messages.unread_total(recalled.to_account)}});
}

}  // namespace timock::api
