// What every fuzzer (and a few unit tests) needs: the parts main() wires together (store in memory, frozen clock, one app with a
// v2 secret key and a v1 public key, a few imported users), built fresh for each input so a crash
// reproduces from that one input. No sockets: requests go straight into the router.
#pragma once

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "api/command.hpp"
#include "app/parts.hpp"
#include "auth/sig_cache.hpp"
#include "auth/usersig.hpp"
#include "chatsdk/sessions.hpp"
#include "client/registry.hpp"
#include "core/clock.hpp"
#include "core/event_hub.hpp"
#include "core/fault_rules.hpp"
#include "core/journal.hpp"
#include "core/metrics.hpp"
#include "core/quota_meter.hpp"
#include "router/pending_reply.hpp"
#include "router/router.hpp"
#include "store/app_registry.hpp"
#include "store/store.hpp"
#include "webim/sessions.hpp"

namespace timock::fuzz {

// The keys of the UserSig vectors (tests/data/usersig-v{1,2}.json: v2 "v2-ascii-basic", v1 key "k1"), so the
// seed corpora can hold the vectors' own sigs.
constexpr core::SdkAppId kSdkAppId = 1400000000;
constexpr std::string_view kSecretKey = "f6a6ce52a93ad06a6861ce8e5b3b030d864e8c8cb9cfd01f35b1350edd872f54";
constexpr std::string_view kPublicKeyPem =
    "-----BEGIN PUBLIC KEY-----\n"
    "MFYwEAYHKoZIzj0CAQYFK4EEAAoDQgAEXVFpjEnb8mVkT81M9sWyFChcMxSnr0LW\n"
    "3ZwW2I9NkrGp8A9vgf7vKteQ/fcSCahYaiC/4EKtfIQKRMbZ/l+jvw==\n"
    "-----END PUBLIC KEY-----\n";
constexpr std::int64_t kNow = 1700000100;  // inside every positive vector's validity
constexpr std::int64_t kSigExpire = 86400 * 365;

constexpr std::size_t kJournalCapacity = 16;

struct World {
  app::Parts parts;
  // The parts fuzzers and tests reach, by the names they had before app::Parts.
  store::Store& store = parts.store;
  store::AppRegistry& apps = parts.apps;
  core::Clock& clock = parts.clock;
  auth::SigCache& sig_cache = parts.sig_cache;
  const api::CommandTable& commands = parts.commands;
  core::FaultRules& faults = parts.faults;
  core::QuotaMeter& quotas = parts.quotas;
  core::Journal& journal = parts.journal;
  core::Metrics& metrics = parts.metrics;
  core::EventHub& hub = parts.hub;
  webim::Sessions& sessions = parts.long_polls;
  chatsdk::SocketSessions& chat_sessions = parts.sockets;
  client::Registry& clients = parts.clients;
  router::Router* router = &parts.router;
  std::shared_ptr<const core::App> app;

  // ":memory:" for the fuzzers; a unit test may give a file (group commit, durability waits). Polls are held
  // 1 ms, and the journal is small: a long fuzz run must not spend its memory on the record of its own inputs.
  explicit World(const std::string& db = ":memory:")
      : parts({.db = db, .control_token = {}, .longpoll_hold = std::chrono::milliseconds(1), .journal_cap = kJournalCapacity}) {
    clock.set_now(kNow, true);
    core::App fresh;
    fresh.sdkappid = kSdkAppId;
    fresh.secret_key = std::string(kSecretKey);
    fresh.public_key_pem = std::string(kPublicKeyPem);
    fresh.admin = "administrator";
    fresh.created_at = kNow;
    app = apps.save(fresh);
  }

  // Minted once per identifier: zlib's deflate state is the costliest part of building a world.
  static const std::string& sig(const std::string& identifier) {
    static std::map<std::string, std::string> minted;
    auto it = minted.find(identifier);
    if (it == minted.end())
      it = minted.emplace(identifier, auth::mint_v2({kSdkAppId, kSecretKey, identifier, kNow, kSigExpire, std::nullopt}))
               .first;
    return it->second;
  }

  // Through the router as the admin: used to set up users and relations the fuzzed calls can reach.
  void admin_call(std::string_view path, const boost::json::object& body) {
    const std::string target = "/v4/" + std::string(path) + "?sdkappid=" + std::to_string(kSdkAppId) +
                               "&identifier=administrator&usersig=" + sig("administrator");
    const std::string text = boost::json::serialize(body);
    (void)router->handle({"POST", target, text, {}});
  }

  // alice, bob and carol imported; alice and bob friends both ways, one message between them.
  void add_users() {
    for (const char* user : {"alice", "bob", "carol"}) admin_call("im_open_login_svc/account_import", {{"UserID", user}});
    admin_call("sns/friend_add", {{"From_Account", "alice"},
                                  {"AddFriendItem", boost::json::array{{{"To_Account", "bob"},
                                                                       {"AddSource", "AddSource_Type_Fuzz"}}}},
                                  {"AddType", "Add_Type_Both"},
                                  {"ForceAddFlags", 1}});
    admin_call("openim/sendmsg",
               {{"From_Account", "bob"},
                {"To_Account", "alice"},
                {"MsgRandom", 7},
                {"MsgBody", boost::json::array{{{"MsgType", "TIMTextElem"}, {"MsgContent", {{"Text", "hi"}}}}}}});
    // A group "g1" (alice owns it, bob is in it) with a message and a tip, and a live room "live1", so group
    // commands reach past "no such group".
    admin_call("group_open_http_svc/create_group",
               {{"Owner_Account", "alice"},
                {"Type", "Public"},
                {"Name", "g1"},
                {"GroupId", "g1"},
                {"MemberList", boost::json::array{{{"Member_Account", "bob"}}}}});
    admin_call("group_open_http_svc/send_group_msg",
               {{"GroupId", "g1"},
                {"From_Account", "bob"},
                {"Random", 1},
                {"MsgBody", boost::json::array{{{"MsgType", "TIMTextElem"}, {"MsgContent", {{"Text", "hi"}}}}}}});
    admin_call("group_open_http_svc/forbid_send_msg",
               {{"GroupId", "g1"}, {"Members_Account", boost::json::array{"bob"}}, {"MuteTime", 60}});
    admin_call("group_open_http_svc/create_group", {{"Owner_Account", "alice"}, {"Type", "AVChatRoom"}, {"Name", "l"}, {"GroupId", "live1"}});
  }

  // A reply that parked (a long poll) is answered at once: the fuzzer never waits on a timer.
  static router::HttpResponse settle(router::HttpResponse response) {
    if (response.pending) {
      response.pending->expire();
      return response.pending->take();
    }
    return response;
  }
};

}  // namespace timock::fuzz
