#include "auth/caller.hpp"

#include "auth/sig_cache.hpp"
#include "auth/usersig.hpp"

namespace timock::auth {

SigCheck check_usersig(const core::App& app, std::string_view identifier, std::string_view usersig,
                       std::int64_t now, SigCache& cache) {
  if (auto hit = cache.find(app.sdkappid, usersig, identifier, now)) {
    return {rest_error_code(hit->failure), hit->ok() ? std::string_view() : to_string(hit->failure),
            hit->expires_at(), hit->time};
  }
  const AppKeys keys{app.secret_key, app.public_key_pem};
  const VerifyRequest request{app.sdkappid, identifier, now, std::nullopt};
  const auto result = verify_usersig(usersig, keys, request);
  if (result.ok()) cache.insert(app.sdkappid, usersig, identifier, result);
  return {rest_error_code(result.failure), result.ok() ? std::string_view() : to_string(result.failure),
          result.expires_at(), result.time};
}

}  // namespace timock::auth
