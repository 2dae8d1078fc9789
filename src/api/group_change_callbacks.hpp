// The group after-callbacks that tell the app's server of a change other than a join, an exit or a message
// (reference/rest-api.md §7; the bodies are those of Tencent's callback pages): Group.CallbackAfterGroupFull,
// OnMemberStateChange, SendMsgException, AfterCreateTopic, AfterTopicDestroyed, AfterTopicInfoChanged,
// AfterMemberFieldChanged, AfterGroupAttrChanged and AfterReadReceipt. Each is queued on ctx.callbacks when the
// app wants it, and leaves once the reply is out.
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "api/command.hpp"
#include "core/group.hpp"

namespace timock::api::group {

// OnMemberStateChange's EventType and EventCause: a live room's first join and last quit.
inline constexpr std::string_view kMemberOnline = "Online";
inline constexpr std::string_view kMemberOffline = "Offline";
inline constexpr std::string_view kStateByJoin = "Join";
inline constexpr std::string_view kStateByQuit = "Quit";

// GroupAttr changes' OptionType.
inline constexpr std::string_view kAttrSet = "set";
inline constexpr std::string_view kAttrModify = "modify";
inline constexpr std::string_view kAttrClear = "clear";

// A join or an invitation filled the group, or failed because it was full.
void after_group_full(const CallContext& ctx, const core::Group& g);
// An AVChatRoom member came online (first join) or went offline (last quit).
void on_member_state_change(const CallContext& ctx, const core::Group& g, std::string_view event_type,
                            std::string_view event_cause, const std::vector<std::string>& members);
// A group send that failed after its sender was admitted: `message_body` is the send's Before/AfterSendMsg body.
void send_msg_exception(const CallContext& ctx, boost::json::object message_body, core::ErrorCode code,
                        std::string_view info = {});

// Topics of a Community (`topic` is the topic's own row).
void after_create_topic(const CallContext& ctx, const core::Group& community, const core::Group& topic);
void after_topic_destroyed(const CallContext& ctx, const core::Group& community,
                           const std::vector<std::string>& topic_ids);
// `request` is modify_topic's body: the profile fields it named are what changed.
void after_topic_info_changed(const CallContext& ctx, const core::Group& topic, std::string_view community_id,
                              const boost::json::object& request);

// modify_group_member_info changed `member`'s Role, NameCard or AppMemberDefinedData (those `request` named).
void after_member_field_changed(const CallContext& ctx, const core::Group& g, const core::GroupMember& member,
                                const boost::json::object& request);
// The attributes set, modified or cleared (for a clear: the ones that were there).
void after_group_attr_changed(const CallContext& ctx, const core::Group& g, std::string_view option_type,
                              const boost::json::object& attributes);

// One message's read receipts after a member read it.
struct ReceiptCount {
  std::int64_t msg_seq = 0;
  std::int64_t read = 0;
  std::int64_t unread = 0;
};
void after_read_receipt(const CallContext& ctx, const core::Group& g, std::string_view reader,
                        const std::vector<ReceiptCount>& counts);

}  // namespace timock::api::group
