// recentcontact: get_list, delete, mark_contact (reference/rest-api.md §3.6, §3.8). The list is
// store::ConversationRepository, which every message path keeps up to date.
#include <boost/json/value.hpp>

#include "api/command.hpp"
#include "api/conversation_changes.hpp"
#include "api/fields.hpp"
#include "core/clock.hpp"
#include "store/account_repository.hpp"
#include "store/conversation_repository.hpp"
#include "store/database.hpp"
#include "store/group_repository.hpp"
#include "store/message_repository.hpp"
#include "store/store.hpp"

namespace timock::api {

namespace json = boost::json;
using core::ErrorCode;
using store::ConversationQuery;

namespace {

// get_list's page size is not documented; 100 is the default number of recent contacts a user keeps
// (§3.6), so a default account's list fits in one page as in the doc's example.
constexpr std::int64_t kPageSize = 100;
// §8: at most 50 pinned conversations; without pinned paging (AssistFlags bit 2) they all come at once.
constexpr std::int64_t kMaxPinned = 50;
// §3.8 mark_contact: at most 100 MarkItem entries (51006), custom marks of up to 256 bytes, 64 mark bits.
constexpr std::size_t kMaxMarkItems = 100;
constexpr std::size_t kMaxCustomMarkBytes = 256;
constexpr std::int64_t kMarkBits = 64;
// AssistFlags (§3.6).
constexpr std::int64_t kSupportPinned = 1;
constexpr std::int64_t kReturnEmpty = 2;
constexpr std::int64_t kPagePinned = 4;

Reply bad(std::string info) {
  return Reply::error(ErrorCode::contact_invalid_params, std::move(info));
}

// §4.5: 50001 when From_Account was never imported.
std::optional<Reply> check_owner(const CallContext& ctx, store::Database& db, std::string_view owner) {
  if (!store::AccountRepository(db, ctx.app.sdkappid).exists(owner))
    return Reply::error(ErrorCode::contact_account_not_exist);
  return std::nullopt;
}

std::string mark_bits(std::uint64_t bits) {
  std::string out;
  for (int bit = kMarkBits - 1; bit >= 0; --bit)
    if (!out.empty() || (bits >> bit) & 1) out.push_back((bits >> bit) & 1 ? '1' : '0');
  return out;
}

json::object session_item(const store::Conversation& c, bool top_flag) {
  json::object item{{"Type", c.type}};
  item[c.type == store::kGroupConversation ? "GroupId" : "To_Account"] = c.peer;
  item["MsgTime"] = c.msg_time;
  item["TopFlag"] = top_flag ? 1 : 0;
  if (c.standard_mark != 0) item["StandardMark"] = mark_bits(c.standard_mark);
  if (!c.custom_mark.empty()) item["CustomMark"] = c.custom_mark;
  return item;
}

// One part of the list from its cursor: up to `limit` rows, whether it ends there, and the cursor just after
// them (the incoming one when there were none), so a part finished before the other never repeats.
struct PartPage {
  std::vector<store::Conversation> rows;
  bool done = true;
  std::int64_t next_time = 0;
  std::int64_t next_index = 0;
};

PartPage read_part(store::ConversationRepository& list, ConversationQuery query) {
  PartPage page{{}, true, query.time_cursor, query.start_index};
  const auto limit = query.limit;
  query.limit = limit + 1;  // one more tells whether the part goes on
  page.rows = list.page(query);
  page.done = static_cast<std::int64_t>(page.rows.size()) <= limit;
  if (!page.done) page.rows.pop_back();
  if (!page.rows.empty()) {
    page.next_time = page.rows.back().msg_time;
    page.next_index = list.rank_among_ties(query, page.rows.back());
  }
  return page;
}

Reply get_list(const CallContext& ctx, const json::object& body) {
  const auto from = string_field(body, {"From_Account"});
  if (!from.ok() || from.value.empty()) return bad("From_Account is missing or not a String");
  std::int64_t values[5];
  const char* names[5] = {"TimeStamp", "StartIndex", "TopTimeStamp", "TopStartIndex", "AssistFlags"};
  for (int i = 0; i < 5; ++i) {
    const auto field = int_field(body, {names[i]});
    if (!field.ok() || field.value < 0)
      return bad(std::string(names[i]) + " is required: a non-negative Integer");
    values[i] = field.value;
  }
  const auto [time_stamp, start_index, top_time_stamp, top_start_index, flags] =
      std::tuple{values[0], values[1], values[2], values[3], values[4]};
  const bool support_pinned = flags & kSupportPinned;
  const bool include_empty = flags & kReturnEmpty;
  const bool page_pinned = flags & kPagePinned;

  auto reading = ctx.store.read();
  if (auto error = check_owner(ctx, reading.db(), from.value)) return *error;
  store::ConversationRepository list(reading.db(), ctx.app.sdkappid);
  json::array items;
  // Pinned conversations come first: page by page with their own cursor (bit 2), or all (at most 50) on the
  // first page of the others.
  PartPage pinned{{}, true, top_time_stamp, top_start_index};
  if (support_pinned && (page_pinned || (time_stamp == 0 && start_index == 0))) {
    pinned = read_part(list, {from.value, ConversationQuery::Part::pinned, include_empty, top_time_stamp,
                              top_start_index, page_pinned ? kPageSize : kMaxPinned});
    if (!page_pinned) pinned.done = true;
    for (const auto& c : pinned.rows) items.push_back(session_item(c, true));
  }
  // The rest of the page holds the other conversations, once the pinned ones are through.
  PartPage others{{}, false, time_stamp, start_index};
  const auto room = kPageSize - (page_pinned ? static_cast<std::int64_t>(items.size()) : 0);
  if (pinned.done && room > 0) {
    const auto part = support_pinned ? ConversationQuery::Part::unpinned : ConversationQuery::Part::all;
    others = read_part(list, {from.value, part, include_empty, time_stamp, start_index, room});
    for (const auto& c : others.rows) items.push_back(session_item(c, support_pinned && c.pinned));
  }
  const bool complete = pinned.done && others.done;
  // A finished list answers the server's time for both cursors, as the doc's example does.
  const auto now = ctx.clock.now();
  return Reply::ok({{"SessionItem", std::move(items)},
                    {"CompleteFlag", complete ? 1 : 0},
                    {"TimeStamp", complete ? now : others.next_time},
                    {"StartIndex", complete ? 0 : others.next_index},
                    {"TopTimeStamp", complete ? now : pinned.next_time},
                    {"TopStartIndex", complete ? 0 : pinned.next_index}});
}

Reply delete_contact(const CallContext& ctx, const json::object& body) {
  const auto from = string_field(body, {"From_Account"});
  if (!from.ok() || from.value.empty()) return bad("From_Account is missing or not a String");
  // dobyte's SDK sends "type" in lower case.
  const auto type = int_field(body, {"Type", "type"});
  if (!type.ok() || (type.value != 1 && type.value != 2)) return bad("Type must be 1 (C2C) or 2 (group)");
  const auto peer =
      string_field(body, type.value == 1 ? std::initializer_list<std::string_view>{"To_Account"}
                                         : std::initializer_list<std::string_view>{"ToGroupid", "ToGroupId"});
  if (!peer.ok() || peer.value.empty())
    return bad(type.value == 1 ? "To_Account is missing or not a String"
                               : "ToGroupid is missing or not a String");
  const auto clear = int_field(body, {"ClearRamble"});
  if (clear.state == FieldState::wrong_type) return bad("ClearRamble must be an Integer");

  auto locked = ctx.store.lock();
  store::Transaction tx(locked.db());
  if (auto error = check_owner(ctx, locked.db(), from.value)) return *error;
  store::ConversationRepository list(locked.db(), ctx.app.sdkappid);
  if (type.value == 2) {
    // Hidden until the group's next entry. ClearRamble leaves a group's history as it is: it is the group's,
    // not the user's (README "Groups").
    list.hide_group(from.value, peer.value);
  } else {
    if (clear.ok() && clear.value == 1) {
      // The history leaves this user's view only; the peer keeps its own.
      store::MessageRepository(locked.db(), ctx.app.sdkappid).hide_history(from.value, peer.value);
      list.hide_and_forget(from.value, peer.value);
    } else {
      list.hide(from.value, peer.value);
    }
  }
  tx.commit();
  return Reply::ok();
}

// Bits named by SetMark/ClearMark (0–63), or nothing when the field is malformed.
std::optional<std::uint64_t> mark_mask(const json::object& item, std::string_view key) {
  const auto bits = array_field(item, {key});
  if (bits.missing()) return 0;
  if (!bits.ok()) return std::nullopt;
  std::uint64_t mask = 0;
  for (const auto& bit : *bits.value) {
    const auto n = as_int(bit);
    if (!n || *n < 0 || *n >= kMarkBits) return std::nullopt;
    mask |= std::uint64_t{1} << *n;
  }
  return mask;
}

Reply mark_contact(const CallContext& ctx, const json::object& body) {
  const auto from = string_field(body, {"From_Account"});
  if (!from.ok() || from.value.empty()) return bad("From_Account is missing or not a String");
  const auto marks = array_field(body, {"MarkItem"});
  if (!marks.ok()) return bad("MarkItem must be an Array");
  if (marks.value->empty() || marks.value->size() > kMaxMarkItems)
    return Reply::error(ErrorCode::contact_mark_count_invalid);
  struct Change {
    const json::object* contact;
    std::int64_t type;
    std::string_view peer;
    std::uint64_t set = 0, clear = 0;
    std::optional<std::string> custom;
    std::int64_t opt = 1;
  };
  std::vector<Change> changes;
  for (const auto& entry : *marks.value) {
    const auto* item = entry.if_object();
    if (!item) return bad("MarkItem entries must be objects");
    const auto opt = int_field(*item, {"OptType"});
    if (!opt.ok() || opt.value < 1 || opt.value > 3) return bad("OptType must be 1, 2 or 3");
    const auto contact = object_field(*item, {"ContactItem"});
    if (!contact.ok()) return bad("ContactItem must be an object");
    const auto type = int_field(*contact.value, {"Type"});
    if (!type.ok() || (type.value != 1 && type.value != 2)) return bad("ContactItem.Type must be 1 or 2");
    const auto peer = string_field(*contact.value, {type.value == 1 ? "To_Account" : "ToGroupId"});
    if (!peer.ok() || peer.value.empty()) return bad("ContactItem names no conversation");
    Change change{contact.value, type.value, peer.value, 0, 0, std::nullopt, opt.value};
    if (opt.value != 2) {
      const auto set = mark_mask(*item, "SetMark");
      const auto clear = mark_mask(*item, "ClearMark");
      if (!set || !clear) return bad("SetMark and ClearMark must be Arrays of bit numbers 0-63");
      change.set = *set;
      change.clear = *clear;
    }
    if (opt.value != 1) {
      const auto custom = string_field(*item, {"CustomMark"});
      if (custom.state == FieldState::wrong_type || custom.value.size() > kMaxCustomMarkBytes)
        return bad("CustomMark must be a String of at most 256 bytes");
      if (custom.ok()) change.custom = std::string(custom.value);
    }
    changes.push_back(std::move(change));
  }

  auto locked = ctx.store.lock();
  store::Transaction tx(locked.db());
  if (auto error = check_owner(ctx, locked.db(), from.value)) return *error;
  store::AccountRepository accounts(locked.db(), ctx.app.sdkappid);
  store::ConversationRepository list(locked.db(), ctx.app.sdkappid);
  store::GroupRepository groups(locked.db(), ctx.app.sdkappid);
  json::array results;
  json::array marked;  // what the owner's other devices are told (api/conversation_changes.hpp)
  for (const auto& change : changes) {
    auto code = ErrorCode::ok;
    // A group conversation is the user's membership: a group it is not in cannot be resolved (51007).
    if (change.type == 2) {
      if (groups.member(change.peer, from.value))
        list.mark(from.value, change.peer, change.set, change.clear, change.custom, store::kGroupConversation);
      else
        code = ErrorCode::contact_group_id_invalid;
    } else if (!accounts.exists(change.peer)) {
      code = ErrorCode::contact_account_not_exist;
    } else {
      list.mark(from.value, change.peer, change.set, change.clear, change.custom);
    }
    if (code == ErrorCode::ok)
      if (const auto now = list.state(from.value, change.peer, static_cast<int>(change.type)))
        marked.push_back({{"Type", change.type},
                          {change.type == 2 ? "GroupId" : "To_Account", change.peer},
                          {"OptType", change.opt},
                          {"StandardMark", mark_bits(now->standard_mark)},
                          {"CustomMark", now->custom_mark}});
    results.push_back(
        {{"ContactItem", *change.contact},
         {"ResultCode", core::to_int(code)},
         {"ResultInfo", code == ErrorCode::ok ? std::string_view() : core::default_error_info(code)}});
  }
  tx.commit();
  if (!marked.empty())
    announce_conversation_change(ctx.hub, ctx.store, ctx.app.sdkappid, from.value, ctx.instance,
                                 {{kConversationChangeKey, "mark"}, {"Marks", std::move(marked)}});
  return Reply::ok({{"ResultItem", std::move(results)}});
}

}  // namespace

void register_recentcontact_service(CommandTable& table) {
  table.add("recentcontact", "get_list", get_list);
  table.add("recentcontact", "delete", delete_contact);
  table.add("recentcontact", "mark_contact", mark_contact);
}

}  // namespace timock::api
