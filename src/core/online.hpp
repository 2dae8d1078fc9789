// Who is logged in, instance by instance, as the control plane and the web console list it ("who is online on
// which protocol and instance"). The client registry (client/registry.hpp) knows and answers; the control
// plane reads it through this interface, so control/ needs no client protocol to list them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain.hpp"

namespace timock::core {

// One logged-in client instance. Its A2Key is not here: it authenticates the instance's calls, and a list of
// logins has no use for it.
struct OnlineInstance {
  std::string protocol;       // "webim" or "chatsdk", as the journal names the surfaces
  std::uint64_t inst_id = 0;  // the registry's id of the instance, unique in the server's run
  std::string platform;       // the State.StateChange platform: "Web" for both web SDKs
  std::int64_t login_time = 0;
  std::int64_t last_active =
      0;  // its last call that named it (a WebIM request, a Chat SDK frame); the login's time until then
  std::int64_t sig_expires_at = 0;
  bool connected = false;  // the protocol's presence rule (a live WebIM instance, an attached socket)
};

// A user with its instances, oldest login first.
struct OnlineUser {
  std::string user_id;
  std::vector<OnlineInstance> instances;
};

struct OnlinePage {
  std::size_t total = 0;  // users that match, over every page
  std::vector<OnlineUser> users;
};

class OnlineDirectory {
 public:
  virtual ~OnlineDirectory() = default;
  // The app's logged-in users whose UserID contains `search` (case-insensitive for ASCII; "" matches all), by
  // UserID, `limit` from `offset`.
  virtual OnlinePage online_users(SdkAppId app, std::string_view search, std::size_t offset,
                                  std::size_t limit) const = 0;
};

}  // namespace timock::core
