// A logged-in client's groups, the same for every client protocol. Both SDKs call group_open_http_svc/<command>
// with REST's body shapes (modern-sdk-groups.md §1, webim-groups.md §2), so a command REST has runs REST's
// handler as the user, after the rules a client is held to (who may invite, kick, mute, dismiss …); the
// commands only clients send (join, quit, join requests, the member's own view, history, read reports) are
// here. webim/ and chatsdk/ route to group_command and encode pushes with the items below.
#pragma once

#include <boost/json/object.hpp>
#include <string_view>
#include <vector>

#include "api/command.hpp"
#include "client/client.hpp"

namespace timock::core {
struct Delivery;
struct GroupMessage;
struct GroupSummary;
}  // namespace timock::core

namespace timock::client {

// The group_open_http_svc commands a client may send (group_command answers any other: 10007 for the App
// admin's REST commands, 10003 for an unknown one).
std::vector<std::string_view> group_command_names();
api::Reply group_command(const Deps& deps, const Caller& caller, std::string_view command, boost::json::object body);

// A group message or tip as both SDKs read it, pushed or in group_msg_get's history (modern-sdk-groups.md
// §5.1, §5.2, §3.15; webim-groups.md §4.2, §4.3, §5): ToGroupId and GroupInfo on every item, the sender's
// TinyId and client time (so every member builds the sender's message ID), a tip as Event 4 with its body
// object (Event 3 a message, 4 a tip).
boost::json::object group_item(core::SdkAppId app, const core::GroupSummary& group, const core::GroupMessage& m);
// A system notice (ReportType …) to `user`, pushed as an Event 5 item (modern §5.3, webim §4.4).
boost::json::object group_notice_item(const core::Delivery& delivery, std::string_view user);
// A recall, as the Event 5 item both SDKs match by seq and random (modern §5.3).
boost::json::object group_recall_item(const core::Delivery& delivery);

}  // namespace timock::client
