#include "client/conversations.hpp"

#include <algorithm>

#include "api/fields.hpp"
#include "client/message_changes.hpp"
#include "core/clock.hpp"
#include "store/account_repository.hpp"
#include "store/receive_option_repository.hpp"
#include "store/conversation_repository.hpp"
#include "store/database.hpp"
#include "store/group_message_repository.hpp"
#include "store/group_repository.hpp"
#include "store/inbox_repository.hpp"
#include "store/message_repository.hpp"
#include "store/store.hpp"

namespace timock::client {

namespace json = boost::json;

std::vector<ConversationView> recent_conversations(const Deps& deps, const Caller& caller,
                                                   std::int64_t limit) {
  auto reading = deps.store.read();
  store::InboxRepository inbox(reading.db(), caller.app.sdkappid, caller.user);
  store::AccountRepository accounts(reading.db(), caller.app.sdkappid);
  std::vector<ConversationView> views;
  for (auto& c : inbox.conversations(std::clamp<std::int64_t>(limit, 1, kMaxRecentContacts))) {
    ConversationView view;
    view.target = c.peer;
    view.unread = c.unread;
    if (const auto peer = accounts.find(c.peer)) {
      view.peer_is_account = true;
      view.nick = peer->nick;
      view.face_url = peer->face_url;
    }
    view.last = std::move(c.last);
    views.push_back(std::move(view));
  }
  return views;
}

namespace {

// A group conversation of the user: the group, its newest entry and who sent it, and the user's unread.
std::optional<GroupConversationView> group_view(store::Database& db, const Caller& caller, std::string_view group_id) {
  store::GroupRepository groups(db, caller.app.sdkappid);
  auto group = groups.find(group_id);
  auto self = group ? groups.member(group_id, caller.user) : std::nullopt;
  if (!self) return std::nullopt;
  GroupConversationView view;
  view.group = std::move(*group);
  view.self = std::move(*self);
  store::GroupMessageRepository messages(db, caller.app.sdkappid);
  if (auto newest = messages.page(group_id, 0, 1); !newest.empty()) view.last = std::move(newest.front());
  if (view.last && view.last->kind == core::GroupMessageKind::message) {
    if (const auto sender = store::AccountRepository(db, caller.app.sdkappid).find(view.last->from_account))
      view.last_sender_nick = sender->nick;
    if (const auto member = groups.member(group_id, view.last->from_account)) view.last_sender_name_card = member->name_card;
  }
  view.unread = messages.unread(group_id, caller.user, view.self.read_seq);
  return view;
}

}  // namespace

std::vector<GroupConversationView> recent_group_conversations(const Deps& deps, const Caller& caller,
                                                              std::int64_t limit) {
  auto reading = deps.store.read();
  store::ConversationRepository list(reading.db(), caller.app.sdkappid);
  store::ConversationQuery query;
  query.owner = caller.user;
  query.limit = std::clamp<std::int64_t>(limit, 1, kMaxRecentContacts);
  std::vector<GroupConversationView> views;
  for (const auto& c : list.page(query))
    if (c.type == store::kGroupConversation)
      if (auto view = group_view(reading.db(), caller, c.peer); view && view->last) views.push_back(std::move(*view));
  return views;
}

Result<ConversationPage> conversation_page(const Deps& deps, const Caller& caller,
                                           json::object get_list_body) {
  auto reply = as_user(deps, caller, "recentcontact", "get_list", std::move(get_list_body));
  if (reply.code != core::ErrorCode::ok) return {std::move(reply)};
  Result<ConversationPage> result;
  auto& page = result.value;
  page.list = std::move(reply.fields);
  const auto* items = page.list.if_contains("SessionItem");
  if (!items || !items->is_array()) return result;
  auto reading = deps.store.read();
  store::InboxRepository inbox(reading.db(), caller.app.sdkappid, caller.user);
  store::MessageRepository messages(reading.db(), caller.app.sdkappid);
  store::AccountRepository accounts(reading.db(), caller.app.sdkappid);
  store::ReceiveOptionRepository options(reading.db(), caller.app.sdkappid);
  for (const auto& value : items->get_array()) {
    const auto& item = value.get_object();
    const auto* type = item.if_contains("Type");
    if (const auto* group = item.if_contains("GroupId"); group && group->is_string()) {
      if (auto view = group_view(reading.db(), caller, group->get_string()))
        page.groups.insert_or_assign(view->group.group_id, std::move(*view));
      continue;
    }
    const auto* peer = item.if_contains("To_Account");
    if (!type || type->to_number<int>() != 1 || !peer || !peer->is_string()) continue;
    ConversationView view;
    view.target = std::string(peer->get_string());
    view.last = inbox.last_message(view.target);
    view.peer_read_time = messages.read_up_to(caller.user, view.target);
    view.receive_option = options.option(caller.user, view.target);
    if (const auto account = accounts.find(view.target)) {
      view.peer_is_account = true;
      view.nick = account->nick;
      view.face_url = account->face_url;
    }
    page.c2c.insert_or_assign(view.target, std::move(view));
  }
  return result;
}

std::optional<ConversationKey> conversation_key_of(const json::value& item) {
  const auto* object = item.if_object();
  if (!object) return std::nullopt;
  const auto type = api::int_field(*object, {"Type"});
  if (!type.ok() || (type.value != 1 && type.value != 2)) return std::nullopt;
  const auto target = type.value == 1 ? api::string_field(*object, {"To_Account"})
                                      : api::string_field(*object, {"ToGroupid", "ToGroupId", "GroupId"});
  if (!target.ok() || target.value.empty()) return std::nullopt;
  return ConversationKey{static_cast<int>(type.value), std::string(target.value)};
}

api::Reply pin(const Deps& deps, const Caller& caller, const std::vector<ConversationKey>& keys, bool pinned) {
  auto locked = deps.store.lock();
  store::Transaction tx(locked.db());
  store::ConversationRepository list(locked.db(), caller.app.sdkappid);
  store::GroupRepository groups(locked.db(), caller.app.sdkappid);
  for (const auto& key : keys) {
    if (key.type == store::kGroupConversation && !groups.member(key.target, caller.user))
      return api::Reply::error(core::ErrorCode::contact_group_id_invalid, key.target + " is not a group of the user's");
    list.set_pinned(caller.user, key.target, pinned, key.type);
  }
  if (pinned && list.pinned_count(caller.user) > kMaxPinned) return api::Reply::error(core::ErrorCode::contact_too_many_pinned);
  tx.commit();
  return api::Reply::ok();
}

api::Reply clear_history(const Deps& deps, const Caller& caller, const ConversationKey& key) {
  if (key.type != store::kC2cConversation) return api::Reply::ok();
  auto locked = deps.store.lock();
  store::Transaction tx(locked.db());
  store::MessageRepository(locked.db(), caller.app.sdkappid).hide_history(caller.user, key.target);
  store::ConversationRepository(locked.db(), caller.app.sdkappid).forget_last(caller.user, key.target);
  tx.commit();
  return api::Reply::ok();
}

void read_all_c2c(const Deps& deps, const Caller& caller) {
  std::vector<std::pair<std::string, std::int64_t>> reads;
  {
    auto locked = deps.store.lock();
    store::Transaction tx(locked.db());
    store::InboxRepository inbox(locked.db(), caller.app.sdkappid, caller.user);
    // Each peer with unread messages hears they are read up to now, as after setMessageRead.
    const auto now = deps.clock.now();
    for (const auto& c : inbox.conversations(kMaxRecentContacts))
      if (c.unread > 0) reads.emplace_back(c.peer, now);
    inbox.mark_all_read();
    tx.commit();
  }
  announce_reads(deps, caller, reads);
}

}  // namespace timock::client
