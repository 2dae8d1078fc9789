// group_open_avchatroom_http_svc (reference/rest-api.md §3.7): a live room's (AVChatRoom's) members, their
// marks and the room's admins: get_members, modify_user_info, modify_admin, get_admin_list, check_members.
// Who is in a live room is its group_members rows (joined through a client, a fixture or as its owner).
#include <algorithm>
#include <boost/json/value.hpp>
#include <set>

#include "api/accounts.hpp"
#include "api/fields.hpp"
#include "api/group_commands.hpp"
#include "api/group_common.hpp"
#include "store/account_repository.hpp"
#include "store/database.hpp"
#include "store/group_repository.hpp"
#include "store/live_room_repository.hpp"
#include "store/store.hpp"

namespace timock::api::group {

namespace json = boost::json;
using core::ErrorCode;

namespace {

// get_members gives a room of up to 250 members whole, a bigger one in pages of 250 (NextTimestamp).
constexpr std::size_t kMembersPage = 250;
// modify_user_info: at most 500 accounts a call, 10 different marks a room, 1,000 members a mark; a mark is a
// number from 1000 up, or the special 500.
constexpr std::size_t kMaxMarkAccounts = 500;
constexpr std::size_t kMaxMarksPerRoom = 10;
constexpr std::int64_t kMaxMembersPerMark = 1000;
constexpr std::int64_t kSpecialMark = 500;
constexpr std::int64_t kFirstCustomMark = 1000;
// modify_admin: a live room has at most 5 admins; check_members asks about at most 500 accounts (our choice,
// §8's usual batch size).
constexpr std::size_t kMaxLiveAdmins = 5;
constexpr std::size_t kMaxCheckAccounts = 500;
// CommandType of modify_user_info and modify_admin.
constexpr std::int64_t kCommandSet = 1;
constexpr std::int64_t kCommandUnset = 2;

// The live room the request names: 10010 when there is none, 10007 for another type (a Community too for
// get_members, whose members are listed the same way).
std::optional<Reply> load_live_room(store::GroupRepository& groups, const json::object& body, core::Group& g,
                                    bool community_too = false) {
  std::string group_id;
  if (auto error = read_group_id(body, group_id)) return error;
  if (auto error = load_group(groups, group_id, g)) return error;
  if (core::is_live_room(g.type) || (community_too && g.type == core::GroupType::community))
    return std::nullopt;
  return Reply::error(ErrorCode::group_permission_denied, "this command is for live rooms (AVChatRoom) only");
}

std::optional<std::int64_t> read_command_type(const json::object& body) {
  const auto type = int_field(body, {"CommandType"});
  if (!type.ok() || (type.value != kCommandSet && type.value != kCommandUnset)) return std::nullopt;
  return type.value;
}

std::optional<Reply> read_user_list(const json::object& body, std::string_view name, std::size_t max,
                                    std::vector<std::string>& out) {
  const auto list = array_field(body, {name});
  if (!list.ok() || list.value->empty())
    return bad(std::string(name) + " must be a non-empty Array of String");
  if (list.value->size() > max) return Reply::error(ErrorCode::group_too_many_accounts);
  for (const auto& item : *list.value) {
    if (!item.is_string() || item.get_string().empty())
      return bad(std::string(name) + " must be an Array of String");
    out.emplace_back(item.get_string());
  }
  return std::nullopt;
}

}  // namespace

Reply get_members(const CallContext& ctx, const json::object& body) {
  const auto from = int_field(body, {"Timestamp"});
  if (!from.ok() || from.value < 0) return bad("Timestamp must be a non-negative Integer (0 the first time)");
  const auto mark = int_field(body, {"Mark"});
  if (mark.state == FieldState::wrong_type) return bad("Mark must be an Integer");
  auto reading = ctx.store.read();
  store::GroupRepository groups(reading.db(), ctx.app.sdkappid);
  core::Group g;
  if (auto error = load_live_room(groups, body, g, true)) return *error;
  store::LiveRoomRepository rooms(reading.db(), ctx.app.sdkappid);
  // In join order; the page never splits members who joined in the same second, so NextTimestamp (the join
  // time the next page starts at) repeats no one.
  std::vector<core::GroupMember> members;
  for (auto& m : groups.members(store::MemberQuery(g.group_id))) {
    if (m.join_time < from.value) continue;
    if (mark.ok()) {
      const auto marks = rooms.marks(g.group_id, m.user_id);
      if (std::find(marks.begin(), marks.end(), mark.value) == marks.end()) continue;
    }
    members.push_back(std::move(m));
  }
  std::stable_sort(members.begin(), members.end(),
                   [](const auto& a, const auto& b) { return a.join_time < b.join_time; });
  std::size_t end = members.size();
  std::int64_t next = 0;
  if (members.size() > kMembersPage) {
    next = members[kMembersPage].join_time;
    end = kMembersPage;
    while (end > 0 && members[end - 1].join_time == next) --end;
    if (end == 0) {  // one second holds more than a page: give that whole second
      while (end < members.size() && members[end].join_time == next) ++end;
      next = end < members.size() ? members[end].join_time : 0;
    }
  }
  store::AccountRepository accounts(reading.db(), ctx.app.sdkappid);
  json::array list;
  for (std::size_t i = 0; i < end; ++i) {
    const auto& m = members[i];
    const auto account = accounts.find(m.user_id);
    list.push_back({{"Member_Account", m.user_id},
                    {"JoinTime", m.join_time},
                    {"NickName", account ? account->nick : std::string()},
                    {"Avatar", account ? account->face_url : std::string()}});
  }
  return Reply::ok({{"MemberList", std::move(list)}, {"NextTimestamp", next}});
}

Reply modify_user_info(const CallContext& ctx, const json::object& body) {
  const auto command = read_command_type(body);
  if (!command) return bad("CommandType must be 1 (set marks) or 2 (remove marks)");
  const auto list = array_field(body, {"MemberList"});
  if (!list.ok() || list.value->empty())
    return bad("MemberList must be a non-empty Array of {Member_Account, Marks}");
  if (list.value->size() > kMaxMarkAccounts) return Reply::error(ErrorCode::group_too_many_accounts);
  struct Item {
    std::string user;
    std::vector<std::int64_t> marks;
  };
  std::vector<Item> items;
  for (const auto& entry : *list.value) {
    const auto* object = entry.if_object();
    const auto user = object ? string_field(*object, {"Member_Account"}) : Field<std::string_view>{};
    const auto marks = object ? array_field(*object, {"Marks"}) : Field<const json::array*>{};
    if (!user.ok() || user.value.empty() || !marks.ok() || marks.value->empty())
      return bad("MemberList items need a Member_Account and a non-empty Marks Array");
    Item item{std::string(user.value), {}};
    for (const auto& value : *marks.value) {
      const auto mark = as_int(value);
      if (!mark || (*mark != kSpecialMark && *mark < kFirstCustomMark))
        return bad("a mark is 500 or a number from 1000 up");
      item.marks.push_back(*mark);
    }
    items.push_back(std::move(item));
  }
  auto locked = ctx.store.lock();
  store::Transaction tx(locked.db());
  store::GroupRepository groups(locked.db(), ctx.app.sdkappid);
  core::Group g;
  if (auto error = load_live_room(groups, body, g)) return *error;
  store::LiveRoomRepository rooms(locked.db(), ctx.app.sdkappid);
  // Only members of the room are marked (the docs: marks need the member in the room and go when it leaves);
  // the reply echoes what was done.
  json::array done;
  for (const auto& item : items) {
    if (!groups.member(g.group_id, item.user)) continue;
    json::array marks;
    for (const auto mark : item.marks) {
      if (*command == kCommandSet) {
        auto in_use = rooms.marks_in_use(g.group_id);
        if (std::find(in_use.begin(), in_use.end(), mark) == in_use.end() &&
            in_use.size() >= kMaxMarksPerRoom)
          return bad("a live room holds at most 10 different marks");
        if (rooms.members_with_mark(g.group_id, mark) >= kMaxMembersPerMark)
          return bad("a mark is on at most 1000 members");
        rooms.add_mark(g.group_id, item.user, mark);
      } else {
        rooms.remove_mark(g.group_id, item.user, mark);
      }
      marks.push_back(mark);
    }
    done.push_back({{"Member_Account", item.user}, {"Marks", std::move(marks)}});
  }
  tx.commit();
  return Reply::ok({{"CommandType", *command}, {"MemberList", std::move(done)}});
}

Reply modify_admin(const CallContext& ctx, const json::object& body) {
  const auto command = read_command_type(body);
  if (!command) return bad("CommandType must be 1 (set admins) or 2 (unset admins)");
  std::vector<std::string> users;
  if (auto error = read_user_list(body, "Admin_Account", kMaxLiveAdmins, users)) return *error;
  auto locked = ctx.store.lock();
  store::Transaction tx(locked.db());
  store::GroupRepository groups(locked.db(), ctx.app.sdkappid);
  core::Group g;
  if (auto error = load_live_room(groups, body, g)) return *error;
  store::AccountRepository accounts(locked.db(), ctx.app.sdkappid);
  store::LiveRoomRepository rooms(locked.db(), ctx.app.sdkappid);
  for (const auto& user : users) {
    if (*command == kCommandUnset) {
      rooms.remove_admin(g.group_id, user);
      continue;
    }
    if (!account_known(accounts, ctx.app, user))
      return Reply::error(ErrorCode::group_account_not_found, user + " does not exist");
    if (user == g.owner) return bad("the owner cannot be an admin too");
    rooms.add_admin(g.group_id, user);
  }
  if (rooms.admins(g.group_id).size() > kMaxLiveAdmins) return bad("a live room has at most 5 admins");
  tx.commit();
  return Reply::ok();
}

Reply get_admin_list(const CallContext& ctx, const json::object& body) {
  auto reading = ctx.store.read();
  store::GroupRepository groups(reading.db(), ctx.app.sdkappid);
  core::Group g;
  if (auto error = load_live_room(groups, body, g)) return *error;
  store::AccountRepository accounts(reading.db(), ctx.app.sdkappid);
  json::array list;
  for (const auto& user : store::LiveRoomRepository(reading.db(), ctx.app.sdkappid).admins(g.group_id)) {
    const auto account = accounts.find(user);
    list.push_back({{"Admin_Account", user},
                    {"NickName", account ? account->nick : std::string()},
                    {"Avatar", account ? account->face_url : std::string()}});
  }
  return Reply::ok({{"Admin_List", std::move(list)}});
}

Reply check_members(const CallContext& ctx, const json::object& body) {
  std::vector<std::string> users;
  if (auto error = read_user_list(body, "Member_Account", kMaxCheckAccounts, users)) return *error;
  auto reading = ctx.store.read();
  store::GroupRepository groups(reading.db(), ctx.app.sdkappid);
  core::Group g;
  if (auto error = load_live_room(groups, body, g)) return *error;
  // The asked accounts that are in the room, in the order asked, each once.
  json::array in_room;
  std::set<std::string_view> seen;
  for (const auto& user : users)
    if (seen.insert(user).second && groups.member(g.group_id, user)) in_room.push_back(json::value(user));
  return Reply::ok({{"Member_Account", std::move(in_room)}});
}

}  // namespace timock::api::group
