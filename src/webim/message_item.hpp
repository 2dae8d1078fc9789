// The WebIM message item (reference/webim-protocol.md §6), used in long-poll events, getmsg and getroammsg.
#pragma once

#include <boost/json/object.hpp>
#include <string_view>

#include "core/domain.hpp"

namespace timock::store {
class Store;
class Database;
}  // namespace timock::store

namespace timock::webim {

// Looks up the sender's nick and avatar (takes the store's lock: call without holding it).
boost::json::object message_item(store::Store& store, core::SdkAppId app, const core::C2cMessage& message);
// The same with the lock already held.
boost::json::object message_item(store::Database& db, core::SdkAppId app, const core::C2cMessage& message);

}  // namespace timock::webim
