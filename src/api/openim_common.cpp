#include "api/openim_common.hpp"

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <charconv>
#include <random>

#include "api/c2c_receive_option.hpp"
#include "api/fields.hpp"
#include "api/msg_body.hpp"
#include "core/event_hub.hpp"
#include "store/account_repository.hpp"
#include "store/store.hpp"

namespace timock::api::openim {

namespace json = boost::json;
using core::ErrorCode;

std::uint32_t random_msg_seq() {
  thread_local std::mt19937 generator{std::random_device{}()};
  return std::uniform_int_distribution<std::uint32_t>(1, 0x7FFFFFFF)(generator);
}

std::optional<store::RoamCursor> parse_msg_key(std::string_view text) {
  store::RoamCursor key;
  const char* p = text.data();
  const char* end = text.data() + text.size();
  auto take = [&](auto& out, bool last) {
    auto [next, ec] = std::from_chars(p, end, out);
    if (ec != std::errc() || next == p) return false;
    p = next;
    if (last) return p == end;
    if (p == end || *p != '_') return false;
    ++p;
    return true;
  };
  if (!take(key.msg_seq, false) || !take(key.msg_random, false) || !take(key.msg_time, true))
    return std::nullopt;
  return key;
}

std::optional<Reply> read_message_fields(const json::object& body, Options options,
                                         core::C2cMessage& message) {
  const auto msg_random = int_field(body, {"MsgRandom"});
  if (!msg_random.ok() || !fits_uint32(msg_random.value))
    return Reply::error(ErrorCode::openim_bad_msg_random);
  const auto msg_seq = int_field(body, {"MsgSeq"});
  if (msg_seq.state == FieldState::wrong_type || (msg_seq.ok() && !fits_uint32(msg_seq.value)))
    return Reply::error(ErrorCode::openim_bad_msg_seq);
  const auto* msg_body = body.if_contains("MsgBody");
  if (auto check = check_msg_body(msg_body); !check.ok()) return Reply::error(check.code, check.info);
  const auto custom_data = string_field(body, {"CloudCustomData"});
  if (custom_data.state == FieldState::wrong_type)
    return Reply::error(ErrorCode::openim_bad_msg_format, "CloudCustomData must be a String");

  json::object extra;
  if (options == Options::send) {
    const auto sync = int_field(body, {"SyncOtherMachine"});
    if (sync.state == FieldState::wrong_type) return Reply::error(ErrorCode::openim_bad_sync_other_machine);
    const auto lifetime = int_field(body, {"MsgLifeTime"});
    if (lifetime.state == FieldState::wrong_type)
      return Reply::error(ErrorCode::openim_bad_msg_lifetime_type);
    if (lifetime.ok() && lifetime.value < 0) return Reply::error(ErrorCode::openim_bad_msg_lifetime);
    const auto control = array_field(body, {"SendMsgControl"});
    if (control.state == FieldState::wrong_type)
      return Reply::error(ErrorCode::openim_bad_msg_format, "SendMsgControl must be an Array");
    if (control.ok()) {
      for (const auto& flag : *control.value)
        if (flag.is_string() && flag.get_string() == "NoUnread") message.counts_unread = false;
      extra["SendMsgControl"] = *control.value;
    }
    // §3.3: SyncOtherMachine 2 keeps the message out of the sender's roaming view.
    message.sender_sees = !(sync.ok() && sync.value == 2);
    extra["MsgLifeTime"] = lifetime.ok() ? std::min(lifetime.value, kMaxMsgLifeTime) : kMaxMsgLifeTime;
    for (std::string_view kept :
         {"OfflinePushInfo", "ForbidCallbackControl", "IsNeedReadReceipt", "SupportMessageExtension",
          // modern-sdk-protocol.md §6.4: the Chat SDK builds message IDs from it, so history must give it back.
          "MsgClientTime"})
      if (const auto* value = body.if_contains(kept)) extra[kept] = *value;
    if (sync.ok()) extra["SyncOtherMachine"] = sync.value;
  }

  message.body_json = json::serialize(*msg_body);
  if (message.body_json.size() + custom_data.value.size() > kMaxMessageBytes)
    return Reply::error(ErrorCode::openim_body_too_long);
  message.msg_random = static_cast<std::uint32_t>(msg_random.value);
  message.msg_seq = msg_seq.ok() ? static_cast<std::uint32_t>(msg_seq.value) : random_msg_seq();
  message.cloud_custom_data = std::string(custom_data.value);
  message.extra_json = json::serialize(extra);
  return std::nullopt;
}

std::vector<core::Delivery> read_deliveries(core::SdkAppId app, std::string_view reader, std::string_view writer,
                                            std::int64_t up_to, std::string_view origin_instance) {
  std::vector<core::Delivery> out;
  if (writer != reader)
    out.push_back(core::c2c_notice_delivery(
        app, core::C2cNotice::read_report,
        json::serialize(json::object{{"Report_Account", reader}, {"LastReadTime", up_to}}),
        {{std::string(writer), false}}, origin_instance));
  out.push_back(core::c2c_notice_delivery(app, core::C2cNotice::read_sync,
                                          json::serialize(json::object{{"Peer_Account", writer}, {"LastReadTime", up_to}}),
                                          {{std::string(reader), true}}, origin_instance));
  return out;
}

void publish(const CallContext& ctx, const std::vector<core::C2cMessage>& stored) {
  if (!ctx.hub || stored.empty()) return;
  // Announced once the messages are committed (with a file, when their batch is: a client woken by the push
  // can read them back at once), not necessarily synced: the push does not wait for the disk.
  ctx.store.when_committed([hub = ctx.hub, app = ctx.app.sdkappid, stored, instance = std::string(ctx.instance)] {
    for (const auto& message : stored) {
      auto delivery = core::c2c_message_delivery(app, message, instance);
      // A receiver that discards the sender's messages gets no push (api/c2c_receive_option.hpp); the
      // sender's own devices still get their copies.
      if (discarded_by_receiver(message))
        std::erase_if(delivery.to, [](const core::Recipient& r) { return !r.sync_copy; });
      hub->deliver(delivery);
    }
  });
}

}  // namespace timock::api::openim
