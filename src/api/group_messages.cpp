// group_open_http_svc: the history (reference/rest-api.md §3.7): send_group_msg, send_group_system_notification,
// group_msg_recall, import_group_msg, group_msg_get_simple, delete_group_msg_by_sender and openim/modify_group_msg.
// A message and a tip take the group's next seq (one counter, schema/006); with a TopicId, the topic's.
#include <boost/json/serialize.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "api/accounts.hpp"
#include "api/fields.hpp"
#include "api/group_callbacks.hpp"
#include "api/group_change_callbacks.hpp"
#include "api/group_commands.hpp"
#include "api/group_common.hpp"
#include "api/msg_body.hpp"
#include "api/send_callbacks.hpp"
#include "callback/callbacks.hpp"
#include "api/send_rules.hpp"
#include "core/clock.hpp"
#include "store/account_repository.hpp"
#include "store/database.hpp"
#include "store/group_message_repository.hpp"
#include "store/group_repository.hpp"
#include "store/store.hpp"

namespace timock::api::group {

namespace json = boost::json;
using core::ErrorCode;

namespace {

// §3.7 / §8.
constexpr std::size_t kMaxTargeted = 50;
constexpr std::size_t kMaxAt = 30;
constexpr std::size_t kMaxNoticeReceivers = 500;
constexpr std::size_t kMaxRecallSeqs = 10;
constexpr std::size_t kMaxImportMessages = 20;
constexpr std::int64_t kMaxPageMessages = 20;
// Same Random and content from the same sender within 5 minutes is the same message (§3.7).
constexpr std::int64_t kRepeatWindowSeconds = 300;
// §8: 40 messages a second per group, enforced (10023) when the app's quotas are on, like §8's other limits.
constexpr std::int64_t kGroupMessagesPerSecond = 40;
// delete_group_msg_by_sender looks at the latest 1000 entries.
constexpr std::int64_t kDeleteBySenderWindow = 1000;
constexpr int kRecalled = 8;
// IsPlaceMsg (§3.7).
constexpr int kPlaceRecalled = 2;

// A history entry as group_msg_get_simple shows it.
json::object history_item(const core::GroupMessage& m) {
  json::object item{{"From_Account", m.from_account},
                    {"IsPlaceMsg", m.recalled() ? kPlaceRecalled : 0},
                    {"MsgPriority", m.priority},
                    {"MsgRandom", m.msg_random},
                    {"MsgSeq", m.msg_seq},
                    {"MsgTimeStamp", m.msg_time}};
  boost::system::error_code ec;
  auto body = json::parse(m.body_json, ec);
  // A tip is a system message with no MsgBody of its own (README "Groups": timock's shape).
  if (m.kind == core::GroupMessageKind::tip) {
    item["IsSystemMsg"] = 1;
    item["MsgBody"] = json::array{};
  } else {
    item["MsgBody"] = m.recalled() || ec ? json::value(json::array{}) : std::move(body);
  }
  if (!m.cloud_custom_data.empty() && !m.recalled()) item["CloudCustomData"] = m.cloud_custom_data;
  return item;
}

}  // namespace

// reference/rest-api.md §7 Group.CallbackBeforeSendMsg (AfterSendMsg adds MsgSeq and MsgTime). EventTime is a
// string of milliseconds there, as the reference's sample shows.
json::object group_send_callback_body(const CallContext& ctx, const core::Group& g, const core::GroupMessage& m,
                                      bool online) {
  return {{"GroupId", g.group_id},
          {"Type", core::to_string(g.type)},
          {"From_Account", m.from_account},
          {"Operator_Account", std::string(ctx.identifier)},
          {"Random", m.msg_random},
          {"OnlineOnlyFlag", online ? 1 : 0},
          {"MsgBody", json::parse(m.body_json)},
          {"CloudCustomData", m.cloud_custom_data},
          {"EventTime", std::to_string(ctx.clock.now() * 1000)}};
}

Reply send_group_msg(const CallContext& ctx, const json::object& body) {
  std::string group_id;
  if (auto error = read_group_id(body, group_id)) return *error;
  const auto random = int_field(body, {"Random"});
  if (!random.ok() || !fits_uint32(random.value)) return bad("Random must be a 32-bit unsigned Integer");
  core::GroupMessage m;
  m.group_id = group_id;
  m.msg_random = static_cast<std::uint32_t>(random.value);
  if (auto error = read_message_content(body, m)) return *error;
  const auto from = string_field(body, {"From_Account"});
  if (from.state == FieldState::wrong_type || (from.ok() && from.value.empty())) return bad("From_Account must be a String");
  m.from_account = from.ok() ? std::string(from.value) : ctx.app.admin;
  if (auto refused = refuse_send(ctx, ctx.store.read().db(), m.from_account, body, SendKind::group)) return *refused;
  const auto priority = string_field(body, {"MsgPriority"});
  if (priority.state == FieldState::wrong_type) return bad("MsgPriority must be a String");
  if (priority.ok()) {
    const auto value = core::parse_msg_priority(priority.value);
    if (!value) return bad("MsgPriority must be High, Normal or Low");
    m.priority = *value;
  }
  const auto online_only = int_field(body, {"OnlineOnlyFlag", "MsgOnlineOnlyFlag"});
  if (online_only.state == FieldState::wrong_type) return bad("OnlineOnlyFlag must be an Integer");
  const bool online = online_only.ok() && online_only.value == 1;
  json::object extra;
  bool no_last_msg = false;
  if (const auto control = array_field(body, {"SendMsgControl"}); control.state == FieldState::wrong_type) {
    return bad("SendMsgControl must be an Array");
  } else if (control.ok() && !control.value->empty()) {
    if (online) return bad("SendMsgControl cannot go with OnlineOnlyFlag");
    for (const auto& flag : *control.value) {
      if (flag == "NoUnread") m.counts_unread = false;
      if (flag == "NoLastMsg") no_last_msg = true;
    }
    extra["SendMsgControl"] = *control.value;
  }
  std::vector<std::string> targeted;
  if (const auto to = array_field(body, {"To_Account"}); to.state == FieldState::wrong_type) {
    return bad("To_Account must be an Array of String");
  } else if (to.ok() && !to.value->empty()) {
    if (to.value->size() > kMaxTargeted) return Reply::error(ErrorCode::group_too_many_accounts);
    for (const auto& user : *to.value) {
      if (!user.is_string()) return bad("To_Account must be an Array of String");
      targeted.emplace_back(user.get_string());
    }
    extra["To_Account"] = *to.value;
    m.counts_unread = false;  // §3.7: a targeted message counts no unread
  }
  if (const auto at = array_field(body, {"GroupAtInfo"}); at.state == FieldState::wrong_type) {
    return bad("GroupAtInfo must be an Array");
  } else if (at.ok() && !at.value->empty()) {
    if (at.value->size() > kMaxAt) return Reply::error(ErrorCode::group_too_many_at);
    extra["GroupAtInfo"] = *at.value;
  }
  for (std::string_view kept : {"OfflinePushInfo", "ForbidCallbackControl", "SupportMessageExtension",
                                "NeedReadReceipt", "IsNeedReadReceipt", "MsgClientTime", "TopicId"})
    if (const auto* value = body.if_contains(kept)) extra[kept] = *value;
  // §4.7 10061: an online-only message is not kept, so nobody can send a read receipt for it.
  const auto receipt = int_field(body, {"NeedReadReceipt", "IsNeedReadReceipt"});
  if (receipt.ok() && receipt.value == 1 && online) return Reply::error(ErrorCode::group_receipt_online_msg);
  m.extra_json = json::serialize(extra);
  const auto forbidden = forbidden_callbacks(body);

  const auto now = ctx.clock.now();
  m.msg_time = now;
  Outbox outbox(ctx);
  {
    auto locked = ctx.store.lock();
    store::Transaction tx(locked.db());
    store::GroupRepository groups(locked.db(), ctx.app.sdkappid);
    core::Group g;
    if (auto error = load_group(groups, group_id, g)) return *error;
    if (auto error = enter_topic(locked.db(), ctx.app.sdkappid, body, g)) return *error;
    m.group_id = g.group_id;  // the topic's, for a topic
    if (core::is_live_room(g.type)) {
      if (!targeted.empty()) return bad("a live room takes no To_Account");
      // §3.7: no @all in a live room.
      if (const auto* at = extra.if_contains("GroupAtInfo"))
        for (const auto& item : at->get_array())
          if (item.is_object() && item.get_object().contains("GroupAtAllFlag") && item.at("GroupAtAllFlag") == 1)
            return bad("a live room takes no @all");
    }
    const bool as_admin = m.from_account == ctx.app.admin;
    // §7 Group.CallbackSendMsgException: a send its sender could make that still fails (a mute, the rate
    // limit) is told to the app's server with the code the sender got.
    const auto exception = [&](ErrorCode code) {
      if (!forbidden.after) send_msg_exception(ctx, group_send_callback_body(ctx, g, m, online), code);
      return Reply::error(code);
    };
    std::optional<core::GroupMember> sender;
    if (!as_admin) {
      store::AccountRepository accounts(locked.db(), ctx.app.sdkappid);
      if (!account_known(accounts, ctx.app, m.from_account)) return Reply::error(ErrorCode::group_account_not_found);
      sender = groups.member(group_id, m.from_account);
      if (!sender) return Reply::error(ErrorCode::group_permission_denied, "From_Account is not a group member");
      if (sender->mute_until > now) return exception(ErrorCode::group_sender_muted);
      // In a topic, a mute of the topic's own (forbid_send_msg with the TopicId) too.
      if (g.group_id != group_id && groups.mute_until(g.group_id, m.from_account) > now)
        return exception(ErrorCode::group_sender_muted);
      if (g.mute_all_member && sender->role == core::GroupRole::member) return exception(ErrorCode::group_sender_muted);
    }
    // §7: the app's server may refuse, drop or rewrite the message before it is stored.
    if (ctx.callbacks && !forbidden.before) {
      if (const auto verdict =
              ctx.callbacks->before("Group.CallbackBeforeSendMsg", group_send_callback_body(ctx, g, m, online))) {
        const auto decision = read_send_verdict(*verdict, ErrorCode::group_callback_refused, true);
        if (decision.verdict == SendVerdict::refuse) return *decision.refusal;
        // Dropped: the sender sees a success; the seq is not taken, so nobody sees a gap either.
        if (decision.verdict == SendVerdict::drop) return Reply::ok({{"MsgTime", now}, {"MsgSeq", g.next_msg_seq}});
        if (decision.msg_body) m.body_json = json::serialize(*decision.msg_body);
        if (decision.cloud_custom_data) m.cloud_custom_data = *decision.cloud_custom_data;
      }
    }
    store::GroupMessageRepository messages(locked.db(), ctx.app.sdkappid);
    if (const auto repeat = messages.find_repeat(g.group_id, m.from_account, m.msg_random, m.body_json,
                                                 now - kRepeatWindowSeconds))
      return Reply::ok({{"MsgTime", repeat->msg_time}, {"MsgSeq", repeat->msg_seq}});
    if (ctx.app.options.quotas.enabled &&
        messages.sent_in_second(g.group_id, now, kGroupMessagesPerSecond + 1) >= kGroupMessagesPerSecond)
      return exception(ErrorCode::group_msg_rate_limited);
    m.msg_seq = groups.take_seq(g.group_id, now, !no_last_msg && !online);
    // Live rooms keep no history, and an online-only message is not kept either (§3.7); both still take a seq,
    // so the receivers' gap checks stay whole.
    if (!online && !core::is_live_room(g.type)) m.id = messages.insert(m);
    if (sender) {
      sender->last_send_time = now;
      groups.update_member(group_id, *sender);
    }
    outbox.message(g, m, *groups.member_list(group_id));
    if (ctx.callbacks && !forbidden.after && ctx.callbacks->wants("Group.CallbackAfterSendMsg")) {
      auto after = group_send_callback_body(ctx, g, m, online);
      after["MsgSeq"] = m.msg_seq;
      after["MsgTime"] = m.msg_time;
      ctx.callbacks->after("Group.CallbackAfterSendMsg", std::move(after));
    }
    tx.commit();
  }
  outbox.publish();
  return Reply::ok({{"MsgTime", m.msg_time}, {"MsgSeq", m.msg_seq}});
}

Reply send_group_system_notification(const CallContext& ctx, const json::object& body) {
  std::string group_id;
  if (auto error = read_group_id(body, group_id)) return *error;
  const auto content = string_field(body, {"Content"});
  if (!content.ok() || content.value.empty()) return bad("Content is missing or not a String");
  std::vector<std::string> receivers;
  if (const auto to = array_field(body, {"ToMembers_Account"}); to.state == FieldState::wrong_type) {
    return bad("ToMembers_Account must be an Array of String");
  } else if (to.ok()) {
    if (to.value->size() > kMaxNoticeReceivers) return Reply::error(ErrorCode::group_too_many_accounts);
    for (const auto& user : *to.value) {
      if (!user.is_string()) return bad("ToMembers_Account must be an Array of String");
      receivers.emplace_back(user.get_string());
    }
  }
  Outbox outbox(ctx);
  {
    auto reading = ctx.store.read();
    store::GroupRepository groups(reading.db(), ctx.app.sdkappid);
    core::Group g;
    if (auto error = load_group(groups, group_id, g)) return *error;
    if (auto error = enter_topic(reading.db(), ctx.app.sdkappid, body, g)) return *error;
    if (core::is_live_room(g.type) && !receivers.empty()) return bad("a live room's notification goes to everyone");
    const auto members = groups.member_ids(group_id);
    std::vector<std::string> to;
    for (const auto& member : members)
      if (receivers.empty() || std::find(receivers.begin(), receivers.end(), member) != receivers.end())
        to.push_back(member);
    outbox.notice(g, core::GroupNoticeType::custom, {{"Operator_Account", ctx.app.admin}, {"UserDefinedField", content.value}},
                  to);
  }
  outbox.publish();
  return Reply::ok();
}

Reply group_msg_recall(const CallContext& ctx, const json::object& body) {
  std::string group_id;
  if (auto error = read_group_id(body, group_id)) return *error;
  const auto list = array_field(body, {"MsgSeqList"});
  if (!list.ok() || list.value->empty()) return bad("MsgSeqList must be a non-empty Array of {MsgSeq}");
  if (list.value->size() > kMaxRecallSeqs) return bad("MsgSeqList holds at most 10 seqs");
  std::vector<std::int64_t> seqs;
  for (const auto& item : *list.value) {
    const auto* object = item.if_object();
    const auto seq = object ? int_field(*object, {"MsgSeq"}) : Field<std::int64_t>{};
    if (!seq.ok() || seq.value < 1) return bad("MsgSeqList items need an Integer MsgSeq");
    seqs.push_back(seq.value);
  }
  Outbox outbox(ctx);
  json::array results;
  {
    auto locked = ctx.store.lock();
    store::Transaction tx(locked.db());
    store::GroupRepository groups(locked.db(), ctx.app.sdkappid);
    core::Group g;
    if (auto error = load_group(groups, group_id, g)) return *error;
    if (auto error = enter_topic(locked.db(), ctx.app.sdkappid, body, g)) return *error;
    if (core::is_live_room(g.type)) return Reply::error(ErrorCode::group_recall_type_unsupported);
    store::GroupMessageRepository messages(locked.db(), ctx.app.sdkappid);
    const auto members = groups.member_ids(group_id);
    std::vector<std::int64_t> recalled;
    for (const auto seq : seqs) {
      auto m = messages.find(g.group_id, seq);
      ErrorCode code = ErrorCode::ok;
      if (!m || m->recalled()) code = ErrorCode::group_recall_not_found;
      else if (m->kind == core::GroupMessageKind::tip) code = ErrorCode::group_recall_not_allowed;
      if (code == ErrorCode::ok) {
        // §3.7: no time limit over REST while the message is in the history.
        m->flag_bits |= kRecalled;
        messages.set_flag_bits(m->id, m->flag_bits);
        outbox.recall(g, *m, members);
        recalled.push_back(seq);
      }
      results.push_back({{"MsgSeq", seq}, {"RetCode", core::to_int(code)}});
    }
    after_recall_msg(ctx, g, recalled);
    tx.commit();
  }
  outbox.publish();
  return Reply::ok({{"RecallRetList", std::move(results)}});
}

Reply import_group_msg(const CallContext& ctx, const json::object& body) {
  std::string group_id;
  if (auto error = read_group_id(body, group_id)) return *error;
  const auto list = array_field(body, {"MsgList"});
  if (!list.ok() || list.value->empty()) return bad("MsgList must be a non-empty Array");
  if (list.value->size() > kMaxImportMessages) return bad("MsgList holds at most 20 messages");
  const auto recent = int_field(body, {"RecentContactFlag"});
  const bool moves_conversations = recent.ok() && recent.value == 1;
  const auto now = ctx.clock.now();
  json::array results;
  auto locked = ctx.store.lock();
  store::Transaction tx(locked.db());
  store::GroupRepository groups(locked.db(), ctx.app.sdkappid);
  core::Group g;
  if (auto error = load_group(groups, group_id, g)) return *error;
  if (auto error = enter_topic(locked.db(), ctx.app.sdkappid, body, g)) return *error;
  if (core::is_live_room(g.type)) return Reply::error(ErrorCode::group_permission_denied, "live rooms keep no history");
  store::AccountRepository accounts(locked.db(), ctx.app.sdkappid);
  store::GroupMessageRepository messages(locked.db(), ctx.app.sdkappid);
  auto newest = messages.newest_time(g.group_id);
  bool imported = false;
  for (const auto& entry : *list.value) {
    const auto* object = entry.if_object();
    if (!object) return bad("MsgList items must be Objects");
    const auto from = string_field(*object, {"From_Account"});
    const auto time = int_field(*object, {"SendTime"});
    const auto random = int_field(*object, {"Random"});
    if (!from.ok() || from.value.empty() || !time.ok() || random.state == FieldState::wrong_type ||
        (random.ok() && !fits_uint32(random.value)))
      return bad("MsgList items need From_Account, SendTime and MsgBody");
    if (!account_known(accounts, ctx.app, from.value)) return Reply::error(ErrorCode::group_account_not_found);
    core::GroupMessage m;
    m.group_id = g.group_id;
    m.from_account = std::string(from.value);
    m.msg_time = time.value;
    m.msg_random = random.ok() ? static_cast<std::uint32_t>(random.value) : 0;
    if (auto error = read_message_content(*object, m)) {
      if (error->code != ErrorCode::msg_too_long) return *error;
      results.push_back({{"MsgSeq", 0}, {"MsgTime", m.msg_time}, {"Result", core::to_int(ErrorCode::msg_too_long)}});
      continue;
    }
    // §3.7: in time order, after the group's creation and its newest message, before now.
    if (m.msg_time >= now || m.msg_time < g.create_time || m.msg_time < newest) {
      results.push_back({{"MsgSeq", 0}, {"MsgTime", m.msg_time}, {"Result", core::to_int(ErrorCode::group_invalid_params)}});
      continue;
    }
    m.msg_seq = groups.take_seq(g.group_id, m.msg_time, moves_conversations);
    m.id = messages.insert(m);
    newest = m.msg_time;
    imported = true;
    results.push_back({{"MsgSeq", m.msg_seq}, {"MsgTime", m.msg_time}, {"Result", 0}});
  }
  // §3.7: after an import every member has read everything (import unread counts afterwards). A topic's
  // members are the community's, whose read seqs are the community's own history's.
  if (imported && g.group_id == group_id) {
    const auto last_seq = groups.find(g.group_id)->next_msg_seq - 1;
    for (auto member : groups.members(store::MemberQuery(group_id))) {
      member.read_seq = last_seq;
      groups.update_member(group_id, member);
    }
  }
  tx.commit();
  return Reply::ok({{"ImportMsgResult", std::move(results)}});
}

Reply group_msg_get_simple(const CallContext& ctx, const json::object& body) {
  std::string group_id;
  if (auto error = read_group_id(body, group_id)) return *error;
  const auto number = int_field(body, {"ReqMsgNumber"});
  if (!number.ok() || number.value < 1) return bad("ReqMsgNumber must be a positive Integer");
  if (number.value > kMaxPageMessages) return bad("ReqMsgNumber is at most 20");
  const auto seq = int_field(body, {"ReqMsgSeq"});
  if (seq.state == FieldState::wrong_type || (seq.ok() && seq.value < 0)) return bad("ReqMsgSeq must be an Integer");
  const auto with_recalled = int_field(body, {"WithRecalledMsg"});
  const bool show_recalled = with_recalled.ok() && with_recalled.value == 1;
  auto reading = ctx.store.read();
  store::GroupRepository groups(reading.db(), ctx.app.sdkappid);
  core::Group g;
  if (auto error = load_group(groups, group_id, g)) return *error;
  if (auto error = enter_topic(reading.db(), ctx.app.sdkappid, body, g)) return *error;
  if (core::is_live_room(g.type)) return Reply::error(ErrorCode::group_no_roaming);
  store::GroupMessageRepository messages(reading.db(), ctx.app.sdkappid);
  const auto max_seq = seq.ok() && seq.value > 0 ? seq.value : 0;
  const auto page = messages.page(g.group_id, max_seq, number.value);
  json::array items;
  for (const auto& m : page)
    if (!m.recalled() || show_recalled) items.push_back(history_item(m));
  // IsFinished 1: the page reaches the oldest entry of the history.
  const bool finished = static_cast<std::int64_t>(page.size()) < number.value || page.back().msg_seq <= 1 ||
                        messages.page(g.group_id, page.back().msg_seq - 1, 1).empty();
  return Reply::ok({{"GroupId", group_id}, {"IsFinished", finished ? 1 : 0}, {"RspMsgList", std::move(items)}});
}

Reply delete_group_msg_by_sender(const CallContext& ctx, const json::object& body) {
  std::string group_id;
  if (auto error = read_group_id(body, group_id)) return *error;
  const auto sender = string_field(body, {"Sender_Account"});
  if (!sender.ok() || sender.value.empty()) return bad("Sender_Account is missing or not a String");
  Outbox outbox(ctx);
  {
    auto locked = ctx.store.lock();
    store::Transaction tx(locked.db());
    store::GroupRepository groups(locked.db(), ctx.app.sdkappid);
    core::Group g;
    if (auto error = load_group(groups, group_id, g)) return *error;
    if (auto error = enter_topic(locked.db(), ctx.app.sdkappid, body, g)) return *error;
    if (core::is_live_room(g.type)) return Reply::error(ErrorCode::group_no_roaming);
    store::GroupMessageRepository messages(locked.db(), ctx.app.sdkappid);
    const auto members = groups.member_ids(group_id);
    for (auto m : messages.by_sender(g.group_id, sender.value, kDeleteBySenderWindow)) {
      m.flag_bits |= kRecalled;
      messages.set_flag_bits(m.id, m.flag_bits);
      outbox.recall(g, m, members);
    }
    tx.commit();
  }
  outbox.publish();
  return Reply::ok();
}

Reply modify_group_msg(const CallContext& ctx, const json::object& body) {
  std::string group_id;
  if (auto error = read_group_id(body, group_id)) return *error;
  const auto seq = int_field(body, {"MsgSeq"});
  if (!seq.ok() || seq.value < 1) return bad("MsgSeq must be a positive Integer");
  std::optional<std::string> new_body, new_custom;
  if (const auto* msg_body = body.if_contains("MsgBody")) {
    if (auto check = check_msg_body(msg_body); !check.ok()) return bad(check.info);
    new_body = json::serialize(*msg_body);
  }
  if (const auto custom = string_field(body, {"CloudCustomData"}); custom.state == FieldState::wrong_type)
    return bad("CloudCustomData must be a String");
  else if (custom.ok())
    new_custom = std::string(custom.value);
  if (!new_body && !new_custom) return bad("MsgBody or CloudCustomData is required");
  auto locked = ctx.store.lock();
  store::Transaction tx(locked.db());
  store::GroupRepository groups(locked.db(), ctx.app.sdkappid);
  core::Group g;
  if (auto error = load_group(groups, group_id, g)) return *error;
  if (auto error = enter_topic(locked.db(), ctx.app.sdkappid, body, g)) return *error;
  store::GroupMessageRepository messages(locked.db(), ctx.app.sdkappid);
  const auto m = messages.find(g.group_id, seq.value);
  if (!m || m->kind != core::GroupMessageKind::message || m->recalled())
    return Reply::error(ErrorCode::group_recall_not_found, "no message with this MsgSeq");
  if ((new_body ? new_body->size() : m->body_json.size()) + (new_custom ? new_custom->size() : m->cloud_custom_data.size()) >
      kMaxMessageBytes)
    return Reply::error(ErrorCode::msg_too_long);
  messages.update_content(m->id, new_body, new_custom);
  tx.commit();
  return Reply::ok();
}

}  // namespace timock::api::group
