// What the openim commands (openim.cpp registers them; openim_*.cpp implement them) share: the message
// fields of sendmsg/batchsendmsg/importmsg, MsgKey parsing, and who counts as an existing account.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "api/accounts.hpp"
#include "api/command.hpp"
#include "core/delivery.hpp"
#include "store/message_repository.hpp"

namespace timock::store {
class AccountRepository;
}

namespace timock::api::openim {

// reference/rest-api.md §3.3: MsgLifeTime is capped at 7 days.
constexpr std::int64_t kMaxMsgLifeTime = 604800;

// A MsgSeq for a message sent without one (§3.3: the server fills a random uint32).
std::uint32_t random_msg_seq();

// "<MsgSeq>_<MsgRandom>_<MsgTime>" (§6.2), or nothing when `text` is not one.
std::optional<store::RoamCursor> parse_msg_key(std::string_view text);

// Which of sendmsg's options a command reads besides the message itself.
enum class Options { send, import };

// Reads MsgRandom, MsgSeq, MsgBody and CloudCustomData (and, for sends, SyncOtherMachine, MsgLifeTime,
// SendMsgControl and the kept push fields) into `message`; an error reply when one is wrong (§3.3, §4.6).
// From/To, MsgTime and the sides that see the message are the caller's.
std::optional<Reply> read_message_fields(const boost::json::object& body, Options options,
                                         core::C2cMessage& message);


// What a read mark tells online clients (modern-sdk-protocol.md §6.7): the writer's clients that `reader` has
// read its messages up to `up_to` (core::C2cNotice::read_report, the SDK's MESSAGE_READ_BY_PEER), and the
// reader's other clients that it read them (read_sync: they clear the unread count). The same for a client's
// msgreaded or setAllMessageRead and REST admin_set_msg_read.
std::vector<core::Delivery> read_deliveries(core::SdkAppId app, std::string_view reader, std::string_view writer,
                                            std::int64_t up_to, std::string_view origin_instance);

// Announces stored messages to online clients: after the commit, with the store unlocked (listeners read it).
void publish(const CallContext& ctx, const std::vector<core::C2cMessage>& stored);

Reply sendmsg(const CallContext& ctx, const boost::json::object& body);
Reply batchsendmsg(const CallContext& ctx, const boost::json::object& body);
Reply importmsg(const CallContext& ctx, const boost::json::object& body);
Reply admin_getroammsg(const CallContext& ctx, const boost::json::object& body);
Reply admin_msgwithdraw(const CallContext& ctx, const boost::json::object& body);
Reply modify_c2c_msg(const CallContext& ctx, const boost::json::object& body);
Reply admin_set_msg_read(const CallContext& ctx, const boost::json::object& body);
Reply get_c2c_unread_msg_num(const CallContext& ctx, const boost::json::object& body);
Reply query_online_status(const CallContext& ctx, const boost::json::object& body);
Reply querystate(const CallContext& ctx, const boost::json::object& body);

}  // namespace timock::api::openim
