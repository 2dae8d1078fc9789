#include "chatsdk/conversation_push.hpp"

#include <boost/json/value.hpp>
#include <string_view>

#include "api/conversation_changes.hpp"

namespace timock::chatsdk {

namespace json = boost::json;

namespace {

// RecentContactMod PushType (the SDK's _onRecentContact: 1–3 are deletes and pins, message_item.cpp).
constexpr int kMarked = 4;
constexpr int kGroupCreated = 5;
constexpr int kGroupDeleted = 6;
constexpr int kGroupUpdated = 7;
// RecentContactUpdateContactGroup: UpdateType 1 changes a group (UpdateGroupType 1 its name, 2 its
// conversations); ContactOptType 1 adds a conversation, 2 removes it.
constexpr int kUpdateGroup = 1;
constexpr int kRename = 1;
constexpr int kMoveConversations = 2;
constexpr int kAdd = 1;
constexpr int kRemove = 2;

json::value field(const json::object& notice, std::string_view key) {
  const auto* value = notice.if_contains(key);
  return value ? *value : json::value();
}

// A conversation as the SDK names one in these pushes: Type with UserId (→ userID) or GroupId (→ groupID).
json::object contact(const json::value& conversation) {
  const auto& c = conversation.as_object();
  const bool c2c = c.contains("To_Account");
  return {{"Type", c.at("Type")}, {c2c ? "UserId" : "GroupId", c2c ? c.at("To_Account") : c.at("GroupId")}};
}

json::array contacts(const json::object& notice, std::string_view key) {
  json::array out;
  if (const auto* list = notice.if_contains(key); list && list->is_array())
    for (const auto& c : list->get_array()) out.push_back(contact(c));
  return out;
}

json::object group(const json::object& notice) {
  return {{"GroupId", field(notice, "GroupId")}, {"GroupName", field(notice, "GroupName")}};
}

json::object events(std::string_view key, json::array items) {
  return {{"EventArray", json::array{json::object{{"Event", 1}, {key, std::move(items)}}}}};
}

json::object recent_contact_mod(int push_type, std::string_view key, json::object item) {
  return events("RecentContactMod",
                json::array{json::object{{"PushType", push_type}, {key, std::move(item)}}});
}

}  // namespace

json::object conversation_change_body(const json::object& notice) {
  const auto* kind_value = notice.if_contains(api::kConversationChangeKey);
  const std::string_view kind =
      kind_value && kind_value->is_string() ? std::string_view(kind_value->get_string()) : std::string_view();
  if (kind == "mark") {
    json::array items;
    if (const auto* marks = notice.if_contains("Marks"); marks && marks->is_array())
      for (const auto& value : marks->get_array()) {
        const auto& m = value.as_object();
        items.push_back({{"RecentContactItem", contact(m)},
                         {"OptType", m.at("OptType")},
                         {"StandardMark", m.at("StandardMark")},
                         {"CustomMark", m.at("CustomMark")}});
      }
    return recent_contact_mod(kMarked, "RecentContactMarkContact",
                              {{"RecentContactMarkContactItem", std::move(items)}});
  }
  if (kind == "group_created")
    return recent_contact_mod(
        kGroupCreated, "RecentContactCreateContactGroup",
        {{"MsgContactGroupContactItem",
          json::array{json::object{{"MsgGroupItem", group(notice)},
                                   {"MsgRecentContactItem", contacts(notice, "Conversations")}}}}});
  if (kind == "group_deleted")
    return recent_contact_mod(kGroupDeleted, "RecentContactDelContactGroup",
                              {{"MsgGroupItem", json::array{group(notice)}}});
  if (kind == "group_renamed") {
    auto update = group(notice);
    update["UpdateGroupType"] = kRename;
    update["OldGroupName"] = field(notice, "OldGroupName");
    return recent_contact_mod(kGroupUpdated, "RecentContactUpdateContactGroup",
                              {{"UpdateType", kUpdateGroup}, {"MsgUpdateGroup", std::move(update)}});
  }
  if (kind == "group_conversations") {
    // The SDK finds the group by its name in OldGroupName (the name it has now).
    auto update = group(notice);
    update["UpdateGroupType"] = kMoveConversations;
    update["OldGroupName"] = field(notice, "GroupName");
    json::array moved;
    const auto move = [&](std::string_view key, int op) {
      for (auto& c : contacts(notice, key))
        moved.push_back({{"ContactOptType", op}, {"RecentContactItem", std::move(c)}});
    };
    move("Added", kAdd);
    move("Removed", kRemove);
    update["RecentContactUpdateGroupItem"] = std::move(moved);
    return recent_contact_mod(kGroupUpdated, "RecentContactUpdateContactGroup",
                              {{"UpdateType", kUpdateGroup}, {"MsgUpdateGroup", std::move(update)}});
  }
  if (kind == "receive_option") {
    // One item per peer: the SDK sets that C2C conversation's messageRemindType from MuteNotifications
    // (To_Account → its `to`, MuteNotifications → `muteFlag`) and fires CONVERSATION_LIST_UPDATED.
    json::array items;
    if (const auto* peers = notice.if_contains("Peers"); peers && peers->is_array())
      for (const auto& peer : peers->get_array())
        items.push_back(json::object{
            {"MuteNotificationsSync",
             json::object{{"To_Account", peer}, {"MuteNotifications", field(notice, "MuteFlag")}}}});
    return events("C2cNotifyMsgArray", std::move(items));
  }
  return {};
}

}  // namespace timock::chatsdk
