// The logged-in client's domain, shared by every client protocol (WebIM 1.7's long poll, the Chat SDK's
// WebSocket): what a client may do, in domain terms. webim/ and chatsdk/ only translate their wire to these
// functions and back (STYLE §13), so a rule such as a page size or a read mark lives here once.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string_view>

#include "api/command.hpp"

namespace timock::core {
class Clock;
class EventHub;
}  // namespace timock::core
namespace timock::store {
class Store;
}
namespace timock::auth {
class SigCache;
}
namespace timock::callback {
class Callbacks;
class Dispatcher;
}  // namespace timock::callback

namespace timock::client {

// The long-lived parts a client command reaches (a view of router::Context without the protocols).
struct Deps {
  store::Store& store;
  const core::Clock& clock;
  const core::EventHub* hub;  // null in unit tests that need no pushes
  const api::CommandTable& rest;
  auth::SigCache& sig_cache;
  callback::Dispatcher* callbacks = nullptr;  // State.StateChange and the like (null in unit tests)
};

// Who is calling: the app, the logged-in user and the instance (the A2Key of a WebIM tab, "ws:<id>" of a
// Chat SDK socket), which is never pushed what it caused itself (webim-protocol.md §4.8).
struct Caller {
  const core::App& app;
  std::string_view user;
  std::string_view instance;
  // The call's third-party callbacks, when its gateway sends them.
  callback::Callbacks* callbacks = nullptr;
};

// What a client command gives back: the value, or the error reply (code and ErrorInfo) to answer instead.
template <class T>
struct Result {
  std::optional<api::Reply> error;
  T value{};
  bool ok() const { return !error; }
};

// getmsg pages: small enough that paging is exercised (webim-protocol.md §4.9, modern-sdk-protocol.md §6.2).
inline constexpr std::int64_t kSyncPageSize = 20;
// getroammsg: both SDKs ask for 15 at most (webim §4.11, modern §6.4); answer at most 20 whatever is asked.
inline constexpr std::int64_t kMaxHistoryPage = 20;
inline constexpr std::int64_t kDefaultHistoryPage = 15;
// The real service keeps 100 recent contacts per user (rest-api.md §3.6).
inline constexpr std::int64_t kMaxRecentContacts = 100;
// How long after sending a client may recall a message (the service's default; rest-api.md code 20016).
inline constexpr std::int64_t kRecallWindowSeconds = 120;
// At most 50 pinned conversations (rest-api.md §8; 51012 past it).
inline constexpr std::int64_t kMaxPinned = 50;
// Friend lists are capped at 3000 (rest-api.md §3.5): the whole list fits one page.
inline constexpr std::int64_t kMaxFriends = 3000;

// A REST handler acting for the logged-in user: one validation and one store path for every surface.
api::Reply as_user(const Deps& deps, const Caller& caller, std::string_view service, std::string_view command,
                   boost::json::object body);

}  // namespace timock::client
