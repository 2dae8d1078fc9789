// The WebIM message item (reference/webim-protocol.md §6), used in long-poll events, getmsg and getroammsg.
#pragma once

#include <boost/json/object.hpp>
#include <string>

#include "client/messages.hpp"
#include "core/domain.hpp"

namespace timock::webim {

// `sender` is the message's From_Account's profile (From_AccountNick, From_AccountHeadurl).
boost::json::object message_item(const core::C2cMessage& message, const client::Sender& sender);
// The same item as JSON text with the stored MsgBody spliced in unparsed, for pages of many (getmsg, getroammsg;
// bench/RESULTS.md F9).
std::string message_item_json(const core::C2cMessage& message, const client::Sender& sender);

// A client::group_item (a message or tip, pushed or in history) as WebIM 1.7 reads it (webim-groups.md §4.3): a
// member-info tip (OpType 7) also lists its members as MsgMemberInfo [{User_Account, ShutupTime}].
boost::json::object as_webim_group_item(boost::json::object item);

}  // namespace timock::webim
