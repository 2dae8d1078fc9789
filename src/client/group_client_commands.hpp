// The group_open_http_svc commands only clients send (REST has no such command): client/groups.cpp routes
// to them. Each acts for the caller, in one transaction, and announces what it changed after the commit.
#pragma once

#include <boost/json/object.hpp>

#include "api/command.hpp"
#include "client/client.hpp"

namespace timock::client::group {

using Command = api::Reply(const Deps&, const Caller&, const boost::json::object&);

// group_membership.cpp: joining, leaving and join requests (modern-sdk-groups.md §3.5, §3.6, §3.19).
Command apply_join_group, quit_group, handle_apply_join_group, get_pendency, report_pendency;
// group_views.cpp: the member's own view of groups, the history and read reports (§3.2, §3.15, §3.16, §3.18).
Command get_group_self_member_info, get_group_public_info, group_msg_get, msg_read_report;

}  // namespace timock::client::group
