// The long-lived parts every surface's gateway reaches (REST, WebIM, Chat SDK, the control plane), built and
// wired by app::Parts. It names no client protocol: those are parts of their own (webim::Gateway,
// chatsdk::Gateway), so router/ depends on none of them.
#pragma once

namespace timock::core {
class Clock;
class FaultRules;
class QuotaMeter;
class Journal;
class Metrics;
class EventHub;
class OnlineDirectory;
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
namespace timock::callback {
class Dispatcher;
}

namespace timock::router {

struct Context {
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
  callback::Dispatcher& callbacks;  // the apps' third-party callbacks (reference/rest-api.md §7)
  // Who is logged in, instance by instance (the client registry, set once it is built; null where no client
  // protocol is served).
  const core::OnlineDirectory* online = nullptr;
};

}  // namespace timock::router
