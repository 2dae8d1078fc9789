// group_open_http_svc (reference/rest-api.md §3.7), group_open_attr_http_svc, group_open_avchatroom_http_svc and
// million_group_open_http_svc: the REST group commands. The handlers are in group_lifecycle.cpp,
// group_members.cpp, group_messages.cpp, group_receipts.cpp, group_history.cpp, group_attributes.cpp,
// group_live_rooms.cpp and group_topics.cpp.
#include "api/group_commands.hpp"

namespace timock::api {

void register_group_service(CommandTable& table) {
  using namespace group;
  constexpr const char* kGroup = "group_open_http_svc";
  const std::pair<const char*, Command*> commands[] = {
      {"create_group", create_group},
      {"import_group", import_group},
      {"get_group_info", get_group_info},
      {"get_joined_group_list", get_joined_group_list},
      {"get_appid_group_list", get_appid_group_list},
      {"modify_group_base_info", modify_group_base_info},
      {"change_group_owner", change_group_owner},
      {"destroy_group", destroy_group},
      {"get_online_member_num", get_online_member_num},
      {"add_group_member", add_group_member},
      {"import_group_member", import_group_member},
      {"delete_group_member", delete_group_member},
      {"modify_group_member_info", modify_group_member_info},
      {"get_group_member_info", get_group_member_info},
      {"get_specified_group_member_info", get_specified_group_member_info},
      {"get_role_in_group", get_role_in_group},
      {"forbid_send_msg", forbid_send_msg},
      {"get_group_muted_account", get_group_muted_account},
      {"get_group_shutted_uin", get_group_shutted_uin},
      {"set_unread_msg_num", set_unread_msg_num},
      {"ban_group_member", ban_group_member},
      {"unban_group_member", unban_group_member},
      {"get_group_ban_member", get_group_ban_member},
      {"send_group_msg", send_group_msg},
      {"send_group_system_notification", send_group_system_notification},
      {"group_msg_recall", group_msg_recall},
      {"import_group_msg", import_group_msg},
      {"group_msg_get_simple", group_msg_get_simple},
      {"delete_group_msg_by_sender", delete_group_msg_by_sender},
      {"clear_group_msg", clear_group_msg},
      {"send_broadcast_msg", send_broadcast_msg},
      {"group_msg_receipt", group_msg_receipt},
      {"get_group_msg_receipt", get_group_msg_receipt},
      {"get_group_msg_receipt_detail", get_group_msg_receipt_detail},
      {"modify_group_attr", modify_group_attr},
      {"set_group_attr", set_group_attr},
      {"clear_group_attr", clear_group_attr},
      {"get_group_counter", get_group_counter},
      {"update_group_counter", update_group_counter},
      {"delete_group_counter", delete_group_counter},
  };
  for (const auto& [name, handler] : commands) table.add(kGroup, name, handler);
  table.add("group_open_attr_http_svc", "get_group_attr", get_group_attr);
  // Live rooms' members, marks and admins.
  table.add("group_open_avchatroom_http_svc", "get_members", get_members);
  table.add("group_open_avchatroom_http_svc", "modify_user_info", modify_user_info);
  table.add("group_open_avchatroom_http_svc", "modify_admin", modify_admin);
  table.add("group_open_avchatroom_http_svc", "get_admin_list", get_admin_list);
  table.add("group_open_avchatroom_http_svc", "check_members", check_members);
  // A Community's topics.
  table.add("million_group_open_http_svc", "create_topic", create_topic);
  table.add("million_group_open_http_svc", "import_topic", import_topic);
  table.add("million_group_open_http_svc", "get_topic", get_topic);
  table.add("million_group_open_http_svc", "modify_topic", modify_topic);
  table.add("million_group_open_http_svc", "destroy_topic", destroy_topic);
  // The group message edit lives in openim (§2).
  table.add("openim", "modify_group_msg", modify_group_msg);
}

}  // namespace timock::api
