// The group callbacks other than the message sends (reference/rest-api.md §7): the bodies of
// Group.CallbackBefore/AfterCreateGroup, BeforeApplyJoinGroup, BeforeInviteJoinGroup, AfterNewMemberJoin,
// AfterMemberExit, AfterGroupDestroyed, AfterGroupInfoChanged, AfterRecallMsg and AfterChangeGroupOwner, and
// what a before-callback's verdict does to the command. Imports (import_group*, import_group_msg) send none.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/command.hpp"
#include "core/group.hpp"

namespace timock::callback {
struct Verdict;
}

namespace timock::api::group {

// §7 JoinType / ExitType.
inline constexpr std::string_view kJoinedByApply = "Apply";
inline constexpr std::string_view kJoinedByInvite = "Invited";
inline constexpr std::string_view kExitByQuit = "Quit";
inline constexpr std::string_view kExitByKick = "Kicked";

// What every group callback's body is made of. §7: group callbacks send EventTime as a string of milliseconds.
std::string event_time(const CallContext& ctx);
boost::json::array member_list(const std::vector<std::string>& accounts);
// GroupId, Type and Operator_Account, which most group callbacks start with.
boost::json::object group_body(const CallContext& ctx, const core::Group& g);
// Whether the call carries callbacks and the app wants `command` (build a body only then).
bool wants(const CallContext& ctx, std::string_view command);

// Asks `command` (a Group before-callback) with `body`; the reply that refuses the command, or nothing to go
// on. Throws callback::AskFirst the first time (see callback/callbacks.hpp), so call it before any write.
std::optional<Reply> ask_group_before(const CallContext& ctx, std::string_view command,
                                      boost::json::object body, callback::Verdict* verdict = nullptr);

// Group.CallbackBeforeCreateGroup's body (AfterCreateGroup adds GroupId and UserDefinedDataList).
boost::json::object create_group_body(const CallContext& ctx, const core::Group& g,
                                      const std::vector<core::GroupMember>& members);
// Group.CallbackBeforeApplyJoinGroup / BeforeInviteJoinGroup.
boost::json::object apply_join_body(const CallContext& ctx, const core::Group& g, std::string_view applicant,
                                    std::string_view apply_msg);
boost::json::object invite_join_body(const CallContext& ctx, const core::Group& g,
                                     const std::vector<std::string>& invited);
// The accounts a BeforeInviteJoinGroup reply refuses (RefusedMembers_Account).
std::vector<std::string> refused_members(const callback::Verdict& verdict);

// The after-callbacks, queued on ctx.callbacks when the app wants them (nothing without callbacks).
void after_create_group(const CallContext& ctx, const core::Group& g,
                        const std::vector<core::GroupMember>& members);
void after_new_member_join(const CallContext& ctx, const core::Group& g, std::string_view join_type,
                           std::string_view operator_account, const std::vector<std::string>& joined);
void after_member_exit(const CallContext& ctx, const core::Group& g, std::string_view exit_type,
                       std::string_view operator_account, const std::vector<std::string>& left);
void after_group_destroyed(const CallContext& ctx, const core::Group& g,
                           const std::vector<std::string>& members);
// `request` is modify_group_base_info's body: the fields it named are what changed.
void after_group_info_changed(const CallContext& ctx, const core::Group& g,
                              const boost::json::object& request);
void after_recall_msg(const CallContext& ctx, const core::Group& g,
                      const std::vector<std::int64_t>& recalled);
void after_change_group_owner(const CallContext& ctx, const core::Group& g, std::string_view old_owner);

}  // namespace timock::api::group
