// What the router hands to the layers below it: the long-lived parts that main() starts and stops.
#pragma once

#include <string>

namespace timock::core {
class Clock;
class FaultRules;
class QuotaMeter;
class Journal;
class Metrics;
class EventHub;
}  // namespace timock::core
namespace timock::store {
class Store;
class AppRegistry;
}  // namespace timock::store
namespace timock::auth {
class SigCache;
}
namespace timock::api {
class CommandTable;
}
namespace timock::client {
class Registry;
}
namespace timock::webim {
class Sessions;
}
namespace timock::chatsdk {
class SocketSessions;
}

namespace timock::router {

struct Services {
  store::Store& store;
  store::AppRegistry& apps;
  core::Clock& clock;
  auth::SigCache& sig_cache;
  const api::CommandTable& commands;
  core::FaultRules& faults;
  core::QuotaMeter& quotas;
  core::Journal& journal;
  core::Metrics& metrics;
  core::EventHub& hub;
  std::string control_token;  // empty: /mock is open (the server listens on loopback by default)
  client::Registry* clients = nullptr;  // who is logged in, on every client protocol
  webim::Sessions* webim = nullptr;  // the WebIM transport (long polls park there)
  chatsdk::SocketSessions* chatsdk = nullptr;  // the Chat SDK transport (logins' sockets)
};

}  // namespace timock::router
