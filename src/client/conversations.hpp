// A client's conversation list, the same state REST's recentcontact reads (rest-api.md §3.6): WebIM's
// recentcontact/get (webim-protocol.md §4.10) and the Chat SDK's recentcontact.page_get (modern §6.3).
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "client/client.hpp"
#include "core/domain.hpp"

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
};

// The newest conversations first (by their last message), at most `limit` (≤ kMaxRecentContacts).
std::vector<ConversationView> recent_conversations(const Deps& deps, const Caller& caller,
                                                   std::int64_t limit);

// A page of REST recentcontact/get_list for the user (its cursors come from the request), and for each C2C
// item in it the details a client list shows, keyed by peer, read in the same view.
struct ConversationPage {
  boost::json::object list;  // get_list's reply fields
  std::map<std::string, ConversationView, std::less<>> c2c;
};
Result<ConversationPage> conversation_page(const Deps& deps, const Caller& caller,
                                           boost::json::object get_list_body);

}  // namespace timock::client
