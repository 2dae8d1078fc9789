// The group_open_http_svc commands (group.cpp registers them). Each is a handler of api/command.hpp.
#pragma once

#include <boost/json/object.hpp>

#include "api/command.hpp"

namespace timock::api::group {

using Command = Reply(const CallContext&, const boost::json::object&);

// group_lifecycle.cpp
Command create_group, import_group, get_group_info, get_joined_group_list, get_appid_group_list,
    modify_group_base_info, change_group_owner, destroy_group, get_online_member_num;
// group_members.cpp
Command add_group_member, import_group_member, delete_group_member, modify_group_member_info,
    get_group_member_info, get_specified_group_member_info, get_role_in_group, forbid_send_msg,
    get_group_muted_account, get_group_shutted_uin, set_unread_msg_num, ban_group_member, unban_group_member,
    get_group_ban_member;
// group_messages.cpp
Command send_group_msg, send_group_system_notification, group_msg_recall, import_group_msg, group_msg_get_simple,
    delete_group_msg_by_sender, modify_group_msg;
// group_history.cpp
Command clear_group_msg, send_broadcast_msg;
// group_receipts.cpp
Command group_msg_receipt, get_group_msg_receipt, get_group_msg_receipt_detail;
// group_live_rooms.cpp (group_open_avchatroom_http_svc)
Command get_members, modify_user_info, modify_admin, get_admin_list, check_members;
// group_topics.cpp (million_group_open_http_svc)
Command create_topic, import_topic, get_topic, modify_topic, destroy_topic;
// group_attributes.cpp
Command get_group_attr, modify_group_attr, set_group_attr, clear_group_attr, get_group_counter,
    update_group_counter, delete_group_counter;

}  // namespace timock::api::group
