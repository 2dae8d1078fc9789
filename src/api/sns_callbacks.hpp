// The relationship-chain callbacks (reference/rest-api.md §7): Sns.CallbackPrevFriendAdd and
// PrevFriendResponse, which may refuse items one by one, and the after-callbacks Sns.CallbackFriendAdd,
// FriendDelete, BlackListAdd and BlackListDelete with their PairList. friend_import is an import: it sends
// none.
#pragma once

#include <boost/json/object.hpp>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "api/command.hpp"

namespace timock::api::sns {

// What a Prev* callback decided: the whole call refused (80003 when the call failed and the app's policy is
// "deny"), or the items it refused by To_Account, with the ResultCode and ResultInfo the app gave.
struct PrevVerdict {
  std::optional<Reply> refusal;
  std::map<std::string, std::pair<core::ErrorCode, std::string>, std::less<>> refused;

  const std::pair<core::ErrorCode, std::string>* refused_item(std::string_view to_account) const {
    const auto it = refused.find(to_account);
    return it == refused.end() ? nullptr : &it->second;
  }
};

// Asks `command` (Sns.CallbackPrevFriendAdd / PrevFriendResponse) with `body`, adding Requester_Account and
// EventTime. Throws callback::AskFirst the first time (callback/callbacks.hpp): call it before any write.
PrevVerdict ask_prev_friend(const CallContext& ctx, std::string_view command, boost::json::object body);

// The PairList of one after-callback, collected while the command writes and queued at its end.
class FriendPairs {
 public:
  explicit FriendPairs(std::string_view command) : command_(command) {}
  void add(std::string_view from, std::string_view to, std::string_view initiator = {});
  // Queues the callback (when a pair was added and the app wants it), with `extra` fields.
  void after(const CallContext& ctx, boost::json::object extra = {});

 private:
  std::string_view command_;
  std::vector<boost::json::object> pairs_;
};

// Sns.CallbackFriendAdd's fields besides the PairList: ClientCmd, Admin_Account (the REST admin, "" for a
// client), ForceFlag.
boost::json::object friend_add_fields(const CallContext& ctx, std::string_view client_cmd, bool forced);

}  // namespace timock::api::sns
