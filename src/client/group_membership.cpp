// A client joins and leaves groups, and owners and admins answer join requests (modern-sdk-groups.md §3.5,
// §3.6, §3.19; webim-groups.md §2). Who hears of it: the members by a tip under the group's seq, the
// applicant and the group's managers by system notices.
#include <boost/json/value.hpp>
#include <random>

#include "api/fields.hpp"
#include "api/group_callbacks.hpp"
#include "api/group_change_callbacks.hpp"
#include "api/group_common.hpp"
#include "client/group_client_commands.hpp"
#include "core/clock.hpp"
#include "store/account_repository.hpp"
#include "store/database.hpp"
#include "store/group_application_repository.hpp"
#include "store/group_message_repository.hpp"
#include "store/group_repository.hpp"
#include "store/store.hpp"

namespace timock::client::group {

namespace json = boost::json;
using api::Reply;
using api::group::Outbox;
using core::ErrorCode;

namespace {

constexpr std::string_view kJoined = "JoinedSuccess";
constexpr std::string_view kWaiting = "WaitAdminApproval";
// get_pendency lists every pending request at once, so NextStartTime is always 0 (the SDK asks again for as
// long as it is not, §3.19); a user manages few groups, and this caps the page all the same.
constexpr std::int64_t kMaxPendencies = 1000;

Reply denied(std::string info) { return Reply::error(ErrorCode::group_permission_denied, std::move(info)); }

api::CallContext context_of(const Deps& deps, const Caller& caller) {
  return {caller.app, caller.user, deps.store, deps.clock, deps.hub, caller.instance, caller.callbacks};
}

// A new member joins with nothing unread: its read seq is the group's last seq.
core::GroupMember joining(const core::Group& g, std::string user, std::int64_t now) {
  auto m = core::GroupMember::joined(std::move(user), core::GroupRole::member, now);
  m.join_seq = m.read_seq = g.next_msg_seq - 1;
  return m;
}

std::string text_of(const json::object& body, std::string_view name) {
  const auto field = api::string_field(body, {name});
  return field.ok() ? std::string(field.value) : std::string();
}

// The owner and admins, who answer join requests.
std::vector<std::string> managers_of(store::GroupRepository& groups, std::string_view group_id) {
  store::MemberQuery query(group_id);
  query.roles = {core::GroupRole::owner, core::GroupRole::admin};
  std::vector<std::string> out;
  for (const auto& m : groups.members(query)) out.push_back(m.user_id);
  return out;
}

// One write to a group for the caller: the transaction, the group, the caller's membership, and what it
// announces once committed.
struct GroupWrite {
  store::Database& db;
  const api::CallContext& ctx;
  store::GroupRepository& groups;
  core::Group& group;
  std::optional<core::GroupMember> self;
  Outbox& outbox;

  // The user joins and the members (the new one too) get the join tip; live rooms keep no tips.
  void admit(const std::string& user) {
    const auto now = ctx.clock.now();
    groups.add_member(group.group_id, joining(group, user, now));
    if (core::is_live_room(group.type)) return;
    store::GroupMessageRepository messages(db, ctx.app.sdkappid);
    const auto tip =
        api::group::add_tip(groups, messages, group, core::GroupTipType::join, ctx.identifier, {user}, now);
    outbox.message(group, tip, groups.member_ids(group.group_id));
  }
};

// Runs `write` on the body's group in one transaction (10010/10015 first), committed only when it answers OK;
// what it announced is published after the commit, with the store unlocked.
template <class Write>
Reply in_group(const Deps& deps, const Caller& caller, const json::object& body, Write write) {
  std::string group_id;
  if (auto error = api::group::read_group_id(body, group_id)) return *error;
  const auto ctx = context_of(deps, caller);
  Outbox outbox(ctx);
  Reply reply;
  {
    auto locked = deps.store.lock();
    store::Transaction tx(locked.db());
    store::GroupRepository groups(locked.db(), caller.app.sdkappid);
    core::Group g;
    if (auto error = api::group::load_group(groups, group_id, g)) return *error;
    GroupWrite w{locked.db(), ctx, groups, g, groups.member(group_id, caller.user), outbox};
    reply = write(w);
    if (reply.code != ErrorCode::ok) return reply;
    tx.commit();
  }
  outbox.publish();
  return reply;
}

}  // namespace

Reply apply_join_group(const Deps& deps, const Caller& caller, const json::object& body) {
  return in_group(deps, caller, body, [&](GroupWrite& w) {
    const auto& g = w.group;
    const bool live = core::is_live_room(g.type);
    // A live room's creator is a member from the start, yet the SDK must join it like anyone to receive its
    // messages (modern-sdk-groups.md §0 item 10): joining again is a success there, 10013 elsewhere.
    if (w.self) {
      if (!live) return Reply::error(ErrorCode::group_already_member);
      return Reply::ok({{"JoinedStatus", kJoined}, {"HugeGroupFlag", 1}});
    }
    const auto now = deps.clock.now();
    if (live) {
      if (w.groups.banned_until(g.group_id, caller.user) > now) return denied("the caller is banned from this room");
    } else if (g.type == core::GroupType::private_group || g.apply_join_option == "DisableApply") {
      // A Work group is joined by invitation only (modern-sdk-groups.md §2).
      return denied("this group takes no join requests");
    }
    if (!live && w.groups.member_count(g.group_id) >= g.max_member_num) {
      api::group::after_group_full(w.ctx, g);  // rest-api.md §7: a full group turned someone away
      return Reply::error(ErrorCode::group_full);
    }
    // rest-api.md §7: the app's server may refuse the request before anything is written (10016).
    if (!live)
      if (auto refusal = api::group::ask_group_before(w.ctx, "Group.CallbackBeforeApplyJoinGroup",
                                                      api::group::apply_join_body(w.ctx, g, caller.user,
                                                                                  text_of(body, "ApplyMsg"))))
        return *refusal;
    if (live || g.apply_join_option == "FreeAccess") {
      w.admit(std::string(caller.user));
      api::group::after_new_member_join(w.ctx, g, api::group::kJoinedByApply, caller.user, {std::string(caller.user)});
      if (live)
        api::group::on_member_state_change(w.ctx, g, api::group::kMemberOnline, api::group::kStateByJoin,
                                           {std::string(caller.user)});
      else if (w.groups.member_count(g.group_id) >= g.max_member_num)
        api::group::after_group_full(w.ctx, g);
      // §3.5: an AVChatRoom join must say so, or the SDK treats the room as a normal group. No LongPollingKey:
      // the room's messages come by push (Event 3, §5.4).
      json::object joined{{"JoinedStatus", kJoined}};
      if (live) joined["HugeGroupFlag"] = 1;
      return Reply::ok(std::move(joined));
    }
    thread_local std::mt19937_64 random{std::random_device{}()};
    store::GroupApplication application;
    application.group_id = g.group_id;
    application.applicant = std::string(caller.user);
    application.apply_msg = text_of(body, "ApplyMsg");
    application.user_defined = text_of(body, "UserDefinedField");
    application.add_time = now;
    application.msg_key = static_cast<std::int64_t>(random() >> 12);
    application.authentication = "auth-" + std::to_string(random() >> 1);
    store::GroupApplicationRepository(w.db, caller.app.sdkappid).put(application);
    w.outbox.notice(g, core::GroupNoticeType::join_request,
                    {{"Operator_Account", caller.user},
                     {"RemarkInfo", application.apply_msg},
                     {"Authentication", application.authentication},
                     {"MsgKey", application.msg_key},
                     {"UserDefinedField", application.user_defined}},
                    managers_of(w.groups, g.group_id));
    return Reply::ok({{"JoinedStatus", kWaiting}});
  });
}

Reply quit_group(const Deps& deps, const Caller& caller, const json::object& body) {
  return in_group(deps, caller, body, [&](GroupWrite& w) {
    const auto& g = w.group;
    if (!w.self) return denied("the caller is not a group member");
    const bool live = core::is_live_room(g.type);
    // rest-api.md §4.7 10009: the owner hands the group over or dismisses it; a live room's owner may leave.
    if (w.self->role == core::GroupRole::owner && !live) return Reply::error(ErrorCode::group_owner_cannot_quit);
    w.groups.remove_member(g.group_id, caller.user);
    if (!live) {
      store::GroupMessageRepository messages(w.db, caller.app.sdkappid);
      const auto tip = api::group::add_tip(w.groups, messages, g, core::GroupTipType::quit, caller.user,
                                           {std::string(caller.user)}, deps.clock.now());
      w.outbox.message(g, tip, w.groups.member_ids(g.group_id));
    }
    // The user's other devices drop the group (ReportType 8; the quitting instance learns from its reply).
    w.outbox.notice(g, core::GroupNoticeType::quit, {{"Operator_Account", caller.user}}, {std::string(caller.user)});
    api::group::after_member_exit(w.ctx, g, api::group::kExitByQuit, caller.user, {std::string(caller.user)});
    api::group::on_member_state_change(w.ctx, g, api::group::kMemberOffline, api::group::kStateByQuit,
                                       {std::string(caller.user)});
    return Reply::ok();
  });
}

Reply handle_apply_join_group(const Deps& deps, const Caller& caller, const json::object& body) {
  const auto applicant = api::string_field(body, {"Applicant_Account"});
  if (!applicant.ok() || applicant.value.empty())
    return Reply::error(ErrorCode::group_invalid_params, "Applicant_Account is missing or not a String");
  const auto decision = api::string_field(body, {"HandleMsg"});
  if (!decision.ok() || (decision.value != "Agree" && decision.value != "Reject"))
    return Reply::error(ErrorCode::group_invalid_params, "HandleMsg must be Agree or Reject");
  const bool agree = decision.value == "Agree";
  return in_group(deps, caller, body, [&](GroupWrite& w) {
    const auto& g = w.group;
    if (!w.self || w.self->role == core::GroupRole::member) return denied("only the owner and admins answer requests");
    store::GroupApplicationRepository applications(w.db, caller.app.sdkappid);
    if (!applications.find(g.group_id, applicant.value)) return Reply::error(ErrorCode::group_application_handled);
    applications.remove(g.group_id, applicant.value);
    const std::string user(applicant.value);
    if (agree && !w.groups.member(g.group_id, user)) {
      if (w.groups.member_count(g.group_id) >= g.max_member_num) {
        api::group::after_group_full(w.ctx, g);
        return Reply::error(ErrorCode::group_full);
      }
      w.admit(user);
      api::group::after_new_member_join(w.ctx, g, api::group::kJoinedByApply, caller.user, {user});
      if (w.groups.member_count(g.group_id) >= g.max_member_num) api::group::after_group_full(w.ctx, g);
    }
    w.outbox.notice(g, agree ? core::GroupNoticeType::join_accepted : core::GroupNoticeType::join_rejected,
                    {{"Operator_Account", caller.user}, {"RemarkInfo", text_of(body, "ApprovalMsg")}}, {user});
    return Reply::ok();
  });
}

Reply get_pendency(const Deps& deps, const Caller& caller, const json::object&) {
  auto reading = deps.store.read();
  store::GroupApplicationRepository applications(reading.db(), caller.app.sdkappid);
  store::GroupRepository groups(reading.db(), caller.app.sdkappid);
  store::AccountRepository accounts(reading.db(), caller.app.sdkappid);
  json::array list;
  for (const auto& a : applications.for_handler(caller.user, 0, kMaxPendencies)) {
    const auto g = groups.find(a.group_id);
    const auto account = accounts.find(a.applicant);
    list.push_back({{"GroupId", a.group_id},
                    {"GroupName", g ? g->name : std::string()},
                    {"From_Account", a.applicant},
                    {"FromUserNickName", account ? account->nick : std::string()},
                    {"To_Account", caller.user},
                    {"AddTime", a.add_time},
                    {"PendencyType", 0},  // a request to join (1: an invitation)
                    {"Handled", 0},
                    {"ApplyInviteMsg", a.apply_msg},
                    {"UserDefinedField", a.user_defined},
                    {"Authentication", a.authentication},
                    {"MsgKey", a.msg_key}});
  }
  const auto total = list.size();
  return Reply::ok({{"PendencyList", std::move(list)},
                    {"TotalNum", total},
                    {"UnReadApplyJoinGroupNum", total},
                    {"NextStartTime", 0}});
}

// The SDK reports when it has shown the list; there is nothing to keep.
Reply report_pendency(const Deps&, const Caller&, const json::object&) { return Reply::ok(); }

}  // namespace timock::client::group
