// group_open_http_svc (reference/rest-api.md §3.7): clear_group_msg (empties a group's history, or its oldest
// part) and send_broadcast_msg (one message to every live room of the app).
#include <boost/json/value.hpp>

#include "api/accounts.hpp"
#include "api/fields.hpp"
#include "api/group_commands.hpp"
#include "api/group_common.hpp"
#include "core/clock.hpp"
#include "store/account_repository.hpp"
#include "store/database.hpp"
#include "store/group_message_repository.hpp"
#include "store/group_receipt_repository.hpp"
#include "store/group_repository.hpp"
#include "store/live_room_repository.hpp"
#include "store/store.hpp"

namespace timock::api::group {

namespace json = boost::json;
using core::ErrorCode;

Reply clear_group_msg(const CallContext& ctx, const json::object& body) {
  std::string group_id;
  if (auto error = read_group_id(body, group_id)) return *error;
  const auto upto = int_field(body, {"MsgSeq"});
  if (upto.state == FieldState::wrong_type || (upto.ok() && upto.value < 0))
    return bad("MsgSeq must be a non-negative Integer");
  auto locked = ctx.store.lock();
  store::Transaction tx(locked.db());
  store::GroupRepository groups(locked.db(), ctx.app.sdkappid);
  core::Group g;
  if (auto error = load_group(groups, group_id, g)) return *error;
  if (auto error = enter_topic(locked.db(), ctx.app.sdkappid, body, g)) return *error;  // a topic's history
  if (core::is_live_room(g.type)) return Reply::error(ErrorCode::group_no_roaming);
  // Up to MsgSeq; without it (or 0) the whole history. Seqs go on from where they were: the next message does
  // not reuse a cleared seq, and read seqs and unread counts stay right.
  const auto last =
      upto.ok() && upto.value > 0 ? std::min(upto.value, g.next_msg_seq - 1) : g.next_msg_seq - 1;
  store::GroupMessageRepository(locked.db(), ctx.app.sdkappid).clear_upto(g.group_id, last);
  store::GroupReceiptRepository(locked.db(), ctx.app.sdkappid).clear_upto(g.group_id, last);
  tx.commit();
  return Reply::ok();
}

Reply send_broadcast_msg(const CallContext& ctx, const json::object& body) {
  const auto random = int_field(body, {"Random"});
  if (!random.ok() || !fits_uint32(random.value)) return bad("Random must be a 32-bit unsigned Integer");
  core::GroupMessage m;
  m.msg_random = static_cast<std::uint32_t>(random.value);
  if (auto error = read_message_content(body, m)) return *error;
  const auto from = string_field(body, {"From_Account"});
  if (from.state == FieldState::wrong_type || (from.ok() && from.value.empty()))
    return bad("From_Account must be a String");
  m.from_account = from.ok() ? std::string(from.value) : ctx.app.admin;
  // Clients tell a broadcast from a room's own messages (modern-sdk-groups.md §5: AV broadcasts); timock
  // marks it.
  m.extra_json = R"({"BroadcastMsg":1})";
  m.msg_time = ctx.clock.now();
  Outbox outbox(ctx);
  {
    auto locked = ctx.store.lock();
    store::Transaction tx(locked.db());
    store::AccountRepository accounts(locked.db(), ctx.app.sdkappid);
    if (from.ok() && !account_known(accounts, ctx.app, m.from_account))
      return Reply::error(ErrorCode::group_account_not_found, m.from_account + " does not exist");
    // The broadcast counts on its own (one seq whatever the rooms); live rooms keep no history, so it is only
    // delivered, to whoever is in each room now.
    m.msg_seq = store::LiveRoomRepository(locked.db(), ctx.app.sdkappid).take_broadcast_seq();
    store::GroupRepository groups(locked.db(), ctx.app.sdkappid);
    for (const auto type : {core::GroupType::av_chat_room, core::GroupType::b_chat_room})
      for (const auto& id : groups.ids(type, 0, -1)) {
        const auto g = groups.find(id);
        if (!g) continue;
        auto copy = m;
        copy.group_id = id;
        outbox.message(*g, copy, groups.member_ids(id));
      }
    tx.commit();
  }
  outbox.publish();
  return Reply::ok({{"MsgSeq", m.msg_seq}});
}

}  // namespace timock::api::group
