// UserSig decode and verify (v1 ECDSA and v2 HMAC) on arbitrary bytes: any string gives a verdict, never a
// crash (auth/usersig.hpp: "Never throws"). A verdict of valid must survive the cache round trip.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "auth/caller.hpp"
#include "auth/sig_cache.hpp"
#include "auth/usersig.hpp"
#include "fuzz_world.hpp"

using namespace timock;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view sig(reinterpret_cast<const char*>(data), size);
  const auth::AppKeys keys{std::string(fuzz::kSecretKey), std::string(fuzz::kPublicKeyPem)};
  (void)auth::decode_usersig(sig);
  for (const char* identifier : {"alice", "administrator"}) {
    auth::VerifyRequest request;
    request.sdkappid = fuzz::kSdkAppId;
    request.identifier = identifier;
    request.now = fuzz::kNow;
    const auto result = auth::verify_usersig(sig, keys, request);
    (void)auth::rest_error_code(result.failure);
    (void)auth::to_string(result.failure);
    (void)result.expires_at();
    (void)auth::verify_v1(sig, fuzz::kPublicKeyPem, request);
    (void)auth::verify_v2(sig, fuzz::kSecretKey, request);
    request.expected_userbuf = std::string("\x00\x01userbuf", 9);
    (void)auth::verify_usersig(sig, keys, request);
    // Through the verified-sig cache, as the server checks: the second call may be answered from the
    // cache, and must say the same.
    core::App app;
    app.sdkappid = fuzz::kSdkAppId;
    app.secret_key = keys.secret_key;
    app.public_key_pem = keys.public_key_pem;
    auth::SigCache cache(2);
    const auto first = auth::check_usersig(app, identifier, sig, fuzz::kNow, cache);
    const auto second = auth::check_usersig(app, identifier, sig, fuzz::kNow, cache);
    if (first.code != second.code) __builtin_trap();
  }
  return 0;
}
