// group_open_http_svc: group read receipts (reference/rest-api.md §3.7): group_msg_receipt (a member has read
// messages), get_group_msg_receipt (how many have), get_group_msg_receipt_detail (who has, who has not). A
// message takes receipts when it was sent with NeedReadReceipt (or IsNeedReadReceipt) 1, in a Work, Public or
// Meeting group; the three commands read one store (schema/007's group_receipts).
#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "api/accounts.hpp"
#include "api/fields.hpp"
#include "api/group_change_callbacks.hpp"
#include "api/group_commands.hpp"
#include "api/group_common.hpp"
#include "core/clock.hpp"
#include "store/account_repository.hpp"
#include "store/database.hpp"
#include "store/group_message_repository.hpp"
#include "store/group_receipt_repository.hpp"
#include "store/group_repository.hpp"
#include "store/store.hpp"

namespace timock::api::group {

namespace json = boost::json;
using core::ErrorCode;

namespace {

// Seqs a call may name (our choice: the SDK asks for a page of messages at a time).
constexpr std::size_t kMaxReceiptSeqs = 100;
// get_group_msg_receipt_detail's Count: at most 200 (more is taken as 200).
constexpr std::int64_t kMaxDetailCount = 200;
// Filter: 0 the members who have read the message, 1 those who have not.
constexpr std::int64_t kFilterRead = 0;
constexpr std::int64_t kFilterUnread = 1;

// The docs: read receipts are for Work, Public and Meeting groups, not live rooms or Communities.
std::optional<Reply> takes_receipts(const core::Group& g) {
  if (core::is_live_room(g.type) || g.type == core::GroupType::community)
    return Reply::error(ErrorCode::group_permission_denied, "this group type has no read receipts");
  return std::nullopt;
}

std::optional<Reply> read_seq_list(const json::object& body, std::vector<std::int64_t>& seqs) {
  const auto list = array_field(body, {"MsgSeqList"});
  if (!list.ok() || list.value->empty()) return bad("MsgSeqList must be a non-empty Array of {MsgSeq}");
  if (list.value->size() > kMaxReceiptSeqs) return Reply::error(ErrorCode::group_too_many_accounts);
  for (const auto& item : *list.value) {
    const auto* object = item.if_object();
    const auto seq = object ? int_field(*object, {"MsgSeq"}) : Field<std::int64_t>{};
    if (!seq.ok() || seq.value < 1) return bad("MsgSeqList items need a positive Integer MsgSeq");
    seqs.push_back(seq.value);
  }
  return std::nullopt;
}

// A stored, unrecalled message sent with NeedReadReceipt 1 (else there is no receipt to give: 10062).
std::optional<core::GroupMessage> receipt_message(store::GroupMessageRepository& messages,
                                                  std::string_view group_id, std::int64_t seq) {
  auto m = messages.find(group_id, seq);
  if (!m || m->kind != core::GroupMessageKind::message || m->recalled()) return std::nullopt;
  boost::system::error_code ec;
  const auto extra = json::parse(m->extra_json, ec);
  if (ec || !extra.is_object()) return std::nullopt;
  for (const auto* name : {"NeedReadReceipt", "IsNeedReadReceipt"})
    if (const auto* flag = extra.get_object().if_contains(name); flag && as_int(*flag) == 1) return m;
  return std::nullopt;
}

// Who a message asks to read it: the members, but its sender, who were in the group when it was sent (a
// targeted message: its targets among them), by user id.
std::vector<std::string> audience(store::GroupRepository& groups, const core::GroupMessage& m) {
  boost::system::error_code ec;
  const auto extra = json::parse(m.extra_json, ec);
  const json::array* targets = nullptr;
  if (!ec && extra.is_object())
    if (const auto* to = extra.get_object().if_contains("To_Account"); to && to->is_array())
      targets = &to->get_array();
  std::vector<std::string> out;
  for (const auto& member : groups.members(store::MemberQuery(m.group_id))) {
    if (member.user_id == m.from_account || member.join_seq >= m.msg_seq) continue;
    if (targets && std::find(targets->begin(), targets->end(), json::value(member.user_id)) == targets->end())
      continue;
    out.push_back(member.user_id);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

Reply group_msg_receipt(const CallContext& ctx, const json::object& body) {
  std::string group_id;
  if (auto error = read_group_id(body, group_id)) return *error;
  const auto reader = string_field(body, {"Member_Account", "From_Account"});
  if (!reader.ok() || reader.value.empty()) return bad("Member_Account is missing or not a String");
  std::vector<std::int64_t> seqs;
  if (auto error = read_seq_list(body, seqs)) return *error;
  const auto now = ctx.clock.now();
  auto locked = ctx.store.lock();
  store::Transaction tx(locked.db());
  store::GroupRepository groups(locked.db(), ctx.app.sdkappid);
  core::Group g;
  if (auto error = load_group(groups, group_id, g)) return *error;
  if (auto error = takes_receipts(g)) return *error;
  store::AccountRepository accounts(locked.db(), ctx.app.sdkappid);
  if (!account_known(accounts, ctx.app, reader.value))
    return Reply::error(ErrorCode::group_account_not_found);
  if (!groups.member(group_id, reader.value))
    return Reply::error(ErrorCode::group_permission_denied, "Member_Account is not a group member");
  store::GroupMessageRepository messages(locked.db(), ctx.app.sdkappid);
  store::GroupReceiptRepository receipts(locked.db(), ctx.app.sdkappid);
  json::array results;
  std::vector<ReceiptCount> counted;  // §7 Group.CallbackAfterReadReceipt: the messages this receipt counted in
  for (const auto seq : seqs) {
    auto code = ErrorCode::group_receipt_not_found;
    if (const auto m = receipt_message(messages, group_id, seq)) {
      const auto asked = audience(groups, *m);
      if (m->from_account == reader.value) {
        code = ErrorCode::ok;  // the sender has read its own message; nothing to count
      } else if (std::binary_search(asked.begin(), asked.end(), std::string(reader.value))) {
        receipts.add(group_id, seq, reader.value, now);
        code = ErrorCode::ok;
        std::int64_t read = 0;
        for (const auto& user : receipts.readers(group_id, seq))
          read += std::binary_search(asked.begin(), asked.end(), user) ? 1 : 0;
        counted.push_back({seq, read, static_cast<std::int64_t>(asked.size()) - read});
      }
    }
    results.push_back({{"MsgSeq", seq}, {"Code", core::to_int(code)}});
  }
  after_read_receipt(ctx, g, reader.value, counted);
  tx.commit();
  return Reply::ok({{"GroupMsgReceiptList", std::move(results)}});
}

Reply get_group_msg_receipt(const CallContext& ctx, const json::object& body) {
  std::string group_id;
  if (auto error = read_group_id(body, group_id)) return *error;
  std::vector<std::int64_t> seqs;
  if (auto error = read_seq_list(body, seqs)) return *error;
  auto reading = ctx.store.read();
  store::GroupRepository groups(reading.db(), ctx.app.sdkappid);
  core::Group g;
  if (auto error = load_group(groups, group_id, g)) return *error;
  if (auto error = takes_receipts(g)) return *error;
  store::GroupMessageRepository messages(reading.db(), ctx.app.sdkappid);
  store::GroupReceiptRepository receipts(reading.db(), ctx.app.sdkappid);
  json::array list;
  for (const auto seq : seqs) {
    const auto m = receipt_message(messages, group_id, seq);
    if (!m) {
      list.push_back({{"Code", core::to_int(ErrorCode::group_receipt_not_found)}, {"MsgSeq", seq}});
      continue;
    }
    const auto asked = audience(groups, *m);
    std::int64_t read = 0;
    for (const auto& user : receipts.readers(group_id, seq))
      read += std::binary_search(asked.begin(), asked.end(), user) ? 1 : 0;
    list.push_back({{"Code", 0},
                    {"MsgSeq", seq},
                    {"ReadNum", read},
                    {"UnreadNum", static_cast<std::int64_t>(asked.size()) - read}});
  }
  return Reply::ok({{"GroupMsgReceiptList", std::move(list)}});
}

Reply get_group_msg_receipt_detail(const CallContext& ctx, const json::object& body) {
  std::string group_id;
  if (auto error = read_group_id(body, group_id)) return *error;
  const auto seq = int_field(body, {"MsgSeq"});
  if (!seq.ok() || seq.value < 1) return bad("MsgSeq must be a positive Integer");
  const auto filter = int_field(body, {"Filter"});
  if (!filter.ok() || (filter.value != kFilterRead && filter.value != kFilterUnread))
    return bad("Filter must be 0 (read) or 1 (unread)");
  const auto cursor = string_field(body, {"Cursor"});
  if (cursor.state == FieldState::wrong_type) return bad("Cursor must be a String (\"\" the first time)");
  const auto count = int_field(body, {"Count"});
  if (count.state == FieldState::wrong_type || (count.ok() && count.value < 1))
    return bad("Count must be a positive Integer");
  const auto page = count.ok() ? std::min(count.value, kMaxDetailCount) : kMaxDetailCount;
  auto reading = ctx.store.read();
  store::GroupRepository groups(reading.db(), ctx.app.sdkappid);
  core::Group g;
  if (auto error = load_group(groups, group_id, g)) return *error;
  if (auto error = takes_receipts(g)) return *error;
  store::GroupMessageRepository messages(reading.db(), ctx.app.sdkappid);
  const auto m = receipt_message(messages, group_id, seq.value);
  if (!m) return Reply::error(ErrorCode::group_receipt_not_found);
  const auto asked = audience(groups, *m);
  auto readers = store::GroupReceiptRepository(reading.db(), ctx.app.sdkappid).readers(group_id, seq.value);
  std::vector<std::string> listed;  // by user id, as asked
  for (const auto& user : asked) {
    const bool has_read = std::binary_search(readers.begin(), readers.end(), user);
    if (has_read == (filter.value == kFilterRead)) listed.push_back(user);
  }
  // The Cursor is the last account of the page before (our choice: it stays valid while others read on).
  auto it = std::upper_bound(listed.begin(), listed.end(), std::string(cursor.ok() ? cursor.value : ""));
  if (!cursor.ok() || cursor.value.empty()) it = listed.begin();
  const auto end = it + std::min<std::int64_t>(page, listed.end() - it);
  json::array accounts;
  const char* key = filter.value == kFilterRead ? "Read_Account" : "Unread_Account";
  for (auto at = it; at != end; ++at) accounts.push_back(json::object{{key, *at}});
  const bool finished = end == listed.end();
  return Reply::ok({{"MsgSeq", seq.value},
                    {"IsFinished", finished ? 1 : 0},
                    {"Cursor", finished || it == end ? std::string() : *(end - 1)},
                    {filter.value == kFilterRead ? "ReadList" : "UnreadList", std::move(accounts)}});
}

}  // namespace timock::api::group
