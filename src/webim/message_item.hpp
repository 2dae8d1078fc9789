// The WebIM message item (reference/webim-protocol.md §6), used in long-poll events, getmsg and getroammsg.
#pragma once

#include <boost/json/object.hpp>

#include "client/messages.hpp"
#include "core/domain.hpp"

namespace timock::webim {

// `sender` is the message's From_Account's profile (From_AccountNick, From_AccountHeadurl).
boost::json::object message_item(const core::C2cMessage& message, const client::Sender& sender);

}  // namespace timock::webim
