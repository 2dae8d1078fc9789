// The composition root: every long-lived part of a timock server, built in one visible order and destroyed
// in the reverse one (STYLE §6), each named. main() serves them on net::Server; tests and fuzzers build the
// same world without sockets.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

#include "api/command.hpp"
#include "auth/sig_cache.hpp"
#include "callback/dispatcher.hpp"
#include "chatsdk/sessions.hpp"
#include "chatsdk/socket_gateway.hpp"
#include "client/registry.hpp"
#include "console/event_stream.hpp"
#include "core/clock.hpp"
#include "core/event_hub.hpp"
#include "core/fault_rules.hpp"
#include "core/journal.hpp"
#include "core/metrics.hpp"
#include "core/quota_meter.hpp"
#include "router/context.hpp"
#include "router/router.hpp"
#include "store/app_registry.hpp"
#include "store/store.hpp"
#include "webim/client_gateway.hpp"
#include "webim/sessions.hpp"

namespace timock::app {

struct Settings {
  std::string db = ":memory:";
  std::string control_token;                     // empty: /mock is open
  // 25 s: inside the 60 s a mini program waits for any request (webim-protocol.md §4.8).
  std::chrono::milliseconds longpoll_hold{25000};  // how long a WebIM poll is held
  std::size_t journal_cap = core::Journal::kDefaultCapacity;  // requests kept per app
  // 400 s: the cloud's heartbeat timeout (rest-api.md §7); a WebIM login silent this long times out. 0: never.
  std::chrono::milliseconds webim_idle_timeout{400000};
};

class Parts {
 public:
  explicit Parts(const Settings& settings);
  Parts(const Parts&) = delete;
  Parts& operator=(const Parts&) = delete;

  const Settings settings;
  core::Clock clock;
  store::Store store;
  store::AppRegistry apps;
  auth::SigCache sig_cache;
  core::FaultRules faults;
  core::QuotaMeter quotas;
  core::Journal journal;
  core::Metrics metrics;
  core::EventHub hub;
  callback::Dispatcher callbacks;
  const api::CommandTable commands;
  router::Context context;
  // Who is logged in on every client protocol, and each protocol's transport and gateway.
  webim::Sessions long_polls;
  chatsdk::SocketSessions sockets;
  client::Registry clients;
  webim::Gateway webim;
  chatsdk::Gateway chatsdk;
  // The web console's live events (its page and files need no state: console/console_routes.hpp).
  console::EventStream console_events;
  router::Router router;
};

}  // namespace timock::app
