// openim (C2C messages, read state, presence): the commands of reference/rest-api.md §3.2–3.3, implemented in
// openim_send.cpp, openim_history.cpp and openim_state.cpp.
#include "api/command.hpp"
#include "api/openim_common.hpp"

namespace timock::api {

void register_openim_service(CommandTable& table) {
  table.add("openim", "sendmsg", openim::sendmsg);
  table.add("openim", "batchsendmsg", openim::batchsendmsg);
  table.add("openim", "importmsg", openim::importmsg);
  table.add("openim", "admin_getroammsg", openim::admin_getroammsg);
  table.add("openim", "admin_msgwithdraw", openim::admin_msgwithdraw);
  table.add("openim", "modify_c2c_msg", openim::modify_c2c_msg);
  table.add("openim", "admin_set_msg_read", openim::admin_set_msg_read);
  table.add("openim", "get_c2c_unread_msg_num", openim::get_c2c_unread_msg_num);
  table.add("openim", "query_online_status", openim::query_online_status);
  // §2: the 2018 name, answered in its own shape (State, no ErrorList).
  table.add("openim", "querystate", openim::querystate);
}

}  // namespace timock::api
