// The Chat SDK's message extensions (setMessageExtensions, getMessageExtensions, deleteMessageExtensions) and
// reactions (addMessageReaction, removeMessageReaction, getMessageReactions,
// getAllUserListOfMessageReaction): openim_msg_ext_http_svc over the socket (modern-sdk-protocol.md §11), C2C
// and group, done by the client layer (client/msg_extensions.hpp) on the same store as REST.
#include "chatsdk/c2c_commands.hpp"
#include "client/msg_extensions.hpp"

namespace timock::chatsdk {

namespace {

template <bool Group>
api::Reply set_key_values(ChatCall& call) {
  return client::set_extensions(call.deps(), call.caller(), call.body, Group);
}
template <bool Group>
api::Reply get_key_values(ChatCall& call) {
  return client::get_extensions(call.deps(), call.caller(), call.body, Group);
}
template <bool Group, bool Add>
api::Reply reaction_change(ChatCall& call) {
  return client::change_reaction(call.deps(), call.caller(), call.body, Group, Add);
}
template <bool Group>
api::Reply reaction_multi_stat(ChatCall& call) {
  return client::reaction_summaries(call.deps(), call.caller(), call.body, Group);
}
template <bool Group>
api::Reply reaction_iterate(ChatCall& call) {
  return client::reaction_users(call.deps(), call.caller(), call.body, Group);
}

}  // namespace

void add_msg_ext_commands(std::map<std::string, ChatCommand, std::less<>>& table) {
  table.emplace("openim_msg_ext_http_svc.set_key_values", set_key_values<false>);
  table.emplace("openim_msg_ext_http_svc.get_key_values", get_key_values<false>);
  table.emplace("openim_msg_ext_http_svc.group_set_key_values", set_key_values<true>);
  table.emplace("openim_msg_ext_http_svc.group_get_key_values", get_key_values<true>);
  table.emplace("openim_msg_ext_http_svc.reaction_add", reaction_change<false, true>);
  table.emplace("openim_msg_ext_http_svc.reaction_del", reaction_change<false, false>);
  table.emplace("openim_msg_ext_http_svc.group_reaction_add", reaction_change<true, true>);
  table.emplace("openim_msg_ext_http_svc.group_reaction_del", reaction_change<true, false>);
  table.emplace("openim_msg_ext_http_svc.reaction_multi_stat", reaction_multi_stat<false>);
  table.emplace("openim_msg_ext_http_svc.group_reaction_multi_stat", reaction_multi_stat<true>);
  table.emplace("openim_msg_ext_http_svc.reaction_iterate", reaction_iterate<false>);
  table.emplace("openim_msg_ext_http_svc.group_reaction_iterate", reaction_iterate<true>);
}

}  // namespace timock::chatsdk
