#include "client/receive_options.hpp"

#include <map>

#include "api/conversation_changes.hpp"
#include "api/fields.hpp"
#include "store/account_repository.hpp"
#include "store/database.hpp"
#include "store/receive_option_repository.hpp"
#include "store/store.hpp"

namespace timock::client {

namespace json = boost::json;
using core::ErrorCode;

namespace {

// The SDK sends 30 peers a call at most (it slices longer lists).
constexpr std::size_t kMaxPeers = 30;
// 0 receive and notify, 1 do not receive, 2 receive without a notification (the SDK's MSG_REMIND_* in that order).
constexpr std::int64_t kMaxMuteFlag = 2;

api::Reply bad(std::string info) { return api::Reply::error(ErrorCode::openim_json_parse_error, std::move(info)); }

// The Peer_Account list, or the reply that refuses it; an absent list is an empty one.
std::optional<api::Reply> read_peers(const json::object& body, std::vector<std::string>& peers) {
  const auto list = api::array_field(body, {"Peer_Account"});
  if (list.state == api::FieldState::wrong_type) return bad("Peer_Account must be an Array of String");
  if (!list.ok()) return std::nullopt;
  if (list.value->size() > kMaxPeers) return bad("Peer_Account takes 30 accounts at most");
  for (const auto& peer : *list.value) {
    if (!peer.is_string() || peer.get_string().empty()) return bad("Peer_Account must be an Array of String");
    peers.emplace_back(peer.get_string());
  }
  return std::nullopt;
}

}  // namespace

api::Reply set_c2c_receive_options(const Deps& deps, const Caller& caller, const json::object& body) {
  std::vector<std::string> peers;
  if (auto error = read_peers(body, peers)) return *error;
  if (peers.empty()) return bad("Peer_Account must name an account");
  const auto flag = api::int_field(body, {"Mute_Notifications"});
  if (!flag.ok() || flag.value < 0 || flag.value > kMaxMuteFlag) return bad("Mute_Notifications must be 0, 1 or 2");
  auto locked = deps.store.lock();
  store::Transaction tx(locked.db());
  store::AccountRepository accounts(locked.db(), caller.app.sdkappid);
  store::ReceiveOptionRepository options(locked.db(), caller.app.sdkappid);
  json::array errors, changed;
  for (const auto& peer : peers) {
    if (!accounts.find(peer)) {
      errors.push_back({{"Peer_Account", peer}, {"ErrorCode", core::to_int(ErrorCode::msg_account_invalid)}});
      continue;
    }
    options.set(caller.user, peer, flag.value);
    changed.push_back(json::value(peer));
  }
  tx.commit();
  // The user's other devices show the new option at once (the Chat SDK's MuteNotificationsSync).
  if (!changed.empty())
    api::announce_conversation_change(
        deps.hub, deps.store, caller.app.sdkappid, caller.user, caller.instance,
        {{api::kConversationChangeKey, "receive_option"}, {"Peers", std::move(changed)}, {"MuteFlag", flag.value}});
  return api::Reply::ok({{"ErrorList", std::move(errors)}});
}

api::Reply get_c2c_receive_options(const Deps& deps, const Caller& caller, const json::object& body) {
  std::vector<std::string> peers;
  if (auto error = read_peers(body, peers)) return *error;
  auto reading = deps.store.read();
  store::ReceiveOptionRepository options(reading.db(), caller.app.sdkappid);
  std::map<std::string, std::int64_t, std::less<>> set;
  for (auto& option : options.all(caller.user)) set.emplace(std::move(option.peer), option.mute_flag);
  json::array list;
  const auto item = [](std::string_view peer, std::int64_t flag) {
    return json::object{{"Peer_Account", peer}, {"MuteNotifications", flag}};
  };
  if (peers.empty()) {
    for (const auto& [peer, flag] : set) list.push_back(item(peer, flag));
  } else {
    for (const auto& peer : peers) {
      const auto it = set.find(peer);
      list.push_back(item(peer, it == set.end() ? 0 : it->second));
    }
  }
  return api::Reply::ok({{"UpdateSeq", options.update_seq(caller.user)}, {"MuteNotificationsList", std::move(list)}});
}

}  // namespace timock::client
