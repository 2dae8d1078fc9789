// What message extensions and reactions share (openim_msg_ext_http_svc, reference/rest-api.md §3.8): the
// message a request names (C2C by its two sides and MsgKey, a group's by GroupId and MsgSeq), and the notices
// that tell the conversation's clients of a change: a core::C2cNotice::extensions_changed or reactions_changed
// whose notice_json names the message under "Message" (notice_message), the rest being the change's.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "api/command.hpp"
#include "core/delivery.hpp"

namespace timock::store {
class Database;
}

namespace timock::api {

struct ExtensibleMessage {
  std::string ref;  // the store's name of the message (msg_extension_repository.hpp)
  bool group = false;
  std::string from;      // the sender
  std::string to;        // C2C: the receiver
  std::string group_id;  // group: the group
  std::int64_t seq = 0;
  std::int64_t random = 0;
  std::int64_t time = 0;
  std::int64_t client_time = 0;     // the sender's MsgClientTime (else MsgTime): the SDK's message ID
  bool supports_extension = false;  // sent with SupportMessageExtension 1
};

// The message `body` names, or the reply refusing it: C2C by From_Account, To_Account (either order) and
// MsgKey (90054 malformed, 20022 no such message), a group's by GroupId and MsgSeq (10030 no such message or
// a recalled one).
std::optional<Reply> find_extensible_message(store::Database& db, core::SdkAppId sdkappid,
                                             const boost::json::object& body, bool group,
                                             ExtensibleMessage& out);

// Who hears of a change: both sides of a C2C message, every member of a group's.
std::vector<core::Recipient> audience(store::Database& db, core::SdkAppId sdkappid,
                                      const ExtensibleMessage& m);

// The notice's description of the message (From_Account, To_Account | GroupId, MsgSeq, MsgRandom, MsgTime,
// MsgClientTime), under "Message" in its notice_json.
boost::json::object notice_message(const ExtensibleMessage& m);

// Hands the delivery to the hub once the write is committed.
void publish_after_commit(const CallContext& ctx, core::Delivery delivery);

}  // namespace timock::api
