// What a client reads of other users: profiles and its friends (the state REST's profile and sns services
// write, rest-api.md §3.2, §3.5; the Chat SDK's blacklist and every other sns call run REST sns as the user).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "client/client.hpp"

namespace timock::client {

struct Profile {
  std::string user_id;
  std::string nick;
  std::string face_url;
};

struct Profiles {
  std::vector<Profile> found;        // in the order asked
  std::vector<std::string> invalid;  // asked for but not accounts of the app
};
Profiles profiles(const Deps& deps, const core::App& app, std::span<const std::string_view> user_ids);

struct FriendView {
  Profile profile;
  std::string remark;
};
// The user's whole friend list (kMaxFriends at most, so one page).
std::vector<FriendView> friends(const Deps& deps, const Caller& caller);

// A REST sns command run as the logged-in user (both SDKs send REST's bodies): a client may not force-add
// (ForceAddFlags bypasses the target's AllowType, rest-api.md §3.5: the admin's alone).
api::Reply sns_as_user(const Deps& deps, const Caller& caller, std::string_view command, boost::json::object body);

}  // namespace timock::client
