#include "api/msg_ext_common.hpp"

#include <boost/json/parse.hpp>

#include "api/fields.hpp"
#include "api/openim_common.hpp"
#include "core/event_hub.hpp"
#include "store/group_message_repository.hpp"
#include "store/group_repository.hpp"
#include "store/message_repository.hpp"
#include "store/store.hpp"

namespace timock::api {

namespace json = boost::json;
using core::ErrorCode;

namespace {

json::object extra_of(const std::string& text) {
  boost::system::error_code ec;
  auto extra = json::parse(text, ec);
  return !ec && extra.is_object() ? std::move(extra.get_object()) : json::object{};
}

std::int64_t int_in(const json::object& extra, std::string_view key) {
  const auto* value = extra.if_contains(key);
  if (!value) return 0;
  if (value->is_int64()) return value->get_int64();
  if (value->is_uint64()) return static_cast<std::int64_t>(value->get_uint64());
  return 0;
}

}  // namespace

std::optional<Reply> find_extensible_message(store::Database& db, core::SdkAppId sdkappid,
                                             const json::object& body, bool group, ExtensibleMessage& out) {
  if (group) {
    const auto group_id = string_field(body, {"GroupId"});
    const auto seq = int_field(body, {"MsgSeq"});
    if (!group_id.ok() || !seq.ok())
      return Reply::error(ErrorCode::openim_json_parse_error,
                          "GroupId (a String) and MsgSeq (an Integer) are required");
    const auto m = store::GroupMessageRepository(db, sdkappid).find(group_id.value, seq.value);
    if (!m || m->kind != core::GroupMessageKind::message || m->recalled())
      return Reply::error(ErrorCode::group_recall_not_found, "the message does not exist");
    const auto extra = extra_of(m->extra_json);
    const auto client_time = int_in(extra, "MsgClientTime");
    out = {"group:" + std::string(group_id.value) + ":" + std::to_string(seq.value),
           true,
           m->from_account,
           "",
           std::string(group_id.value),
           m->msg_seq,
           m->msg_random,
           m->msg_time,
           client_time != 0 ? client_time : m->msg_time,
           int_in(extra, "SupportMessageExtension") == 1};
    return std::nullopt;
  }
  const auto from = string_field(body, {"From_Account"});
  const auto to = string_field(body, {"To_Account"});
  const auto key = string_field(body, {"MsgKey"});
  if (!from.ok() || !to.ok() || !key.ok())
    return Reply::error(ErrorCode::openim_json_parse_error,
                        "From_Account, To_Account and MsgKey are required");
  const auto cursor = openim::parse_msg_key(key.value);
  if (!cursor) return Reply::error(ErrorCode::openim_bad_msg_key);
  const auto m =
      store::MessageRepository(db, sdkappid)
          .find_in_conversation(from.value, to.value, cursor->msg_seq, cursor->msg_random, cursor->msg_time);
  if (!m) return Reply::error(ErrorCode::msg_recall_not_found, "the message does not exist");
  const bool ordered = m->from_account < m->to_account;
  const auto extra = extra_of(m->extra_json);
  const auto client_time = int_in(extra, "MsgClientTime");
  out = {"c2c:" + (ordered ? m->from_account : m->to_account) + ":" +
             (ordered ? m->to_account : m->from_account) + ":" + m->msg_key(),
         false,
         m->from_account,
         m->to_account,
         "",
         m->msg_seq,
         m->msg_random,
         m->msg_time,
         client_time != 0 ? client_time : m->msg_time,
         int_in(extra, "SupportMessageExtension") == 1};
  return std::nullopt;
}

std::vector<core::Recipient> audience(store::Database& db, core::SdkAppId sdkappid,
                                      const ExtensibleMessage& m) {
  std::vector<core::Recipient> out;
  if (!m.group) {
    out.push_back({m.from, false});
    if (m.to != m.from) out.push_back({m.to, false});
    return out;
  }
  for (auto& member : store::GroupRepository(db, sdkappid).member_ids(m.group_id))
    out.push_back({std::move(member), false});
  return out;
}

json::object notice_message(const ExtensibleMessage& m) {
  json::object out{{"From_Account", m.from},
                   {"MsgSeq", m.seq},
                   {"MsgRandom", m.random},
                   {"MsgTime", m.time},
                   {"MsgClientTime", m.client_time}};
  if (m.group)
    out["GroupId"] = m.group_id;
  else
    out["To_Account"] = m.to;
  return out;
}

void publish_after_commit(const CallContext& ctx, core::Delivery delivery) {
  if (!ctx.hub || delivery.to.empty()) return;
  ctx.store.when_committed([hub = ctx.hub, delivery = std::move(delivery)] { hub->deliver(delivery); });
}

}  // namespace timock::api
