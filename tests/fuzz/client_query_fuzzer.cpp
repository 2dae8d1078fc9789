// The WebIM client protocol through the router: the input is a request target (path and query: tinyid, a2,
// usersig, identifier, websdkappid, …), a newline, then the body. alice is logged in beforehand, and the
// tokens $TINYID, $A2, $SIG and $LPID in the target or the body stand for her TinyId, A2Key, a valid UserSig
// and her LongPollingId, so the fuzzer reaches the authenticated commands as well as the refusals.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_world.hpp"

using namespace timock;

namespace {

void replace_all(std::string& text, std::string_view token, const std::string& value) {
  for (auto at = text.find(token); at != std::string::npos; at = text.find(token, at + value.size()))
    text.replace(at, token.size(), value);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto newline = input.find('\n');
  std::string target(input.substr(0, newline));
  std::string body(newline == std::string_view::npos ? std::string_view() : input.substr(newline + 1));
  if (target.empty() || target[0] != '/') return 0;  // Beast accepts only origin-form targets here

  fuzz::World world;
  world.add_users();
  const auto alice = world.clients.login(fuzz::kSdkAppId, "alice", client::Protocol::webim, fuzz::kNow + fuzz::kSigExpire);
  const auto& tinyid = alice.tinyid;
  const auto& a2 = alice.a2;
  const auto long_polling_id = world.sessions.new_long_polling_id(alice);
  for (auto* text : {&target, &body}) {
    replace_all(*text, "$TINYID", tinyid);
    replace_all(*text, "$A2", a2);
    replace_all(*text, "$SIG", world.sig("alice"));
    replace_all(*text, "$LPID", long_polling_id);
  }
  // Twice: a second call sees the state the first left (a poll parked and answered, a session kicked).
  for (int i = 0; i < 2; ++i) {
    const auto response = fuzz::World::settle(world.router->handle({"POST", target, body, {}}));
    if (response.body.empty() && !response.drop_connection) __builtin_trap();  // §2.3: never an empty reply
  }
  return 0;
}
