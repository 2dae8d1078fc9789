// A client's conversation list, the same state REST's recentcontact reads (rest-api.md §3.6): WebIM's
// recentcontact/get (webim-protocol.md §4.10) and the Chat SDK's recentcontact.page_get (modern §6.3).
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "api/command.hpp"
#include "client/client.hpp"
#include "core/domain.hpp"
#include "core/group.hpp"

namespace timock::client {

// One conversation as a list shows it. type 1 is C2C (target = the peer's UserID).
struct ConversationView {
  int type = 1;
  std::string target;
  std::optional<core::C2cMessage> last;  // the newest message the user sees in it
  std::int64_t unread = 0;
  bool peer_is_account = false;  // the peer's profile, when it is still an account
  std::string nick;
  std::string face_url;
  std::int64_t peer_read_time = 0;  // how far the peer has read what the user sent
  std::int64_t receive_option = 0;  // the user's C2C receive option for the peer (client/receive_options.hpp)
};

// The newest conversations first (by their last message), at most `limit` (≤ kMaxRecentContacts).
std::vector<ConversationView> recent_conversations(const Deps& deps, const Caller& caller,
                                                   std::int64_t limit);

// A group conversation as a list shows it (type 2, target = the GroupId).
struct GroupConversationView {
  core::Group group;
  std::optional<core::GroupMessage> last;  // the newest message or tip
  std::string last_sender_nick;
  std::string last_sender_name_card;
  core::GroupMember self;  // read seq, MsgFlag
  std::int64_t unread = 0;
};

// The user's group conversations among its `limit` newest conversations of any type, newest first (a group that
// holds no message or tip yet, and a live room, is in no list).
std::vector<GroupConversationView> recent_group_conversations(const Deps& deps, const Caller& caller,
                                                              std::int64_t limit);

// A page of REST recentcontact/get_list for the user (its cursors come from the request), and for each item
// in it the details a client list shows, keyed by peer or GroupId, read in the same view.
struct ConversationPage {
  boost::json::object list;  // get_list's reply fields
  std::map<std::string, ConversationView, std::less<>> c2c;
  std::map<std::string, GroupConversationView, std::less<>> groups;
};
Result<ConversationPage> conversation_page(const Deps& deps, const Caller& caller,
                                           boost::json::object get_list_body);

// A conversation a client names: type 1 and the peer, or type 2 and the GroupId.
struct ConversationKey {
  int type = 1;
  std::string target;
};
// Type/To_Account/ToGroupid (ToGroupId, GroupId) of a ContactItem or RecentContactItem; nullopt when malformed.
std::optional<ConversationKey> conversation_key_of(const boost::json::value& item);
// Pins or unpins each conversation (pinConversation): at most 50 pinned (51012); a group's only for a member
// (51007). Pinning shows a deleted conversation again.
api::Reply pin(const Deps& deps, const Caller& caller, const std::vector<ConversationKey>& keys, bool pinned);
// clearHistoryMessage: the user's side of a C2C history is gone (the peer keeps its own), the conversation
// stays with no last message; a group's history is the group's, so a group has nothing to clear (README).
api::Reply clear_history(const Deps& deps, const Caller& caller, const ConversationKey& key);
// setAllMessageRead's C2C part: everything sent to the user is read.
void read_all_c2c(const Deps& deps, const Caller& caller);

}  // namespace timock::client
