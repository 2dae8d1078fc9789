// Verifications per second: v2 (HMAC) and v1 (ECDSA secp256k1) without a cache, and SigCache hits.
// Each figure runs for about a second (bounded by an iteration cap). Not run by ctest.
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <chrono>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "auth/sig_cache.hpp"
#include "auth/usersig.hpp"

namespace {

using timock::auth::AppKeys;
using timock::auth::SigCache;
using timock::auth::VerifyRequest;

constexpr auto kRunFor = std::chrono::seconds(1);
constexpr long kMaxIterations = 5'000'000;  // bounds a run even on a very fast machine
constexpr std::uint64_t kSdkAppId = 1400000000;
constexpr std::int64_t kTime = 1700000000;
const std::string kSecret = "f6a6ce52a93ad06a6861ce8e5b3b030d864e8c8cb9cfd01f35b1350edd872f54";

// Runs `one` (which returns false on a wrong verdict) until kRunFor elapses; prints the rate.
bool measure(const char* label, const std::function<bool(long)>& one) {
  const auto start = std::chrono::steady_clock::now();
  long done = 0;
  std::chrono::duration<double> elapsed{};
  while (done < kMaxIterations) {
    for (int i = 0; i < 64; ++i, ++done) {
      if (!one(done)) {
        std::fprintf(stderr, "%s: unexpected verdict at iteration %ld\n", label, done);
        return false;
      }
    }
    elapsed = std::chrono::steady_clock::now() - start;
    if (elapsed >= kRunFor) break;
  }
  std::printf("%-28s %10.0f verifications/s  (%ld in %.2f s, %.2f us each)\n", label, done / elapsed.count(),
              done, elapsed.count(), 1e6 * elapsed.count() / done);
  return true;
}

struct PkeyDeleter {
  void operator()(EVP_PKEY* key) const noexcept { EVP_PKEY_free(key); }
};
struct BioDeleter {
  void operator()(BIO* bio) const noexcept { BIO_free(bio); }
};

// A fresh secp256k1 key pair as (private PEM, public PEM): the console's curve (usersig.md §5.3).
std::pair<std::string, std::string> fresh_v1_keys() {
  std::unique_ptr<EVP_PKEY, PkeyDeleter> key{EVP_EC_gen("secp256k1")};
  auto to_pem = [&](bool is_private) {
    std::unique_ptr<BIO, BioDeleter> bio{BIO_new(BIO_s_mem())};
    if (is_private) {
      PEM_write_bio_PrivateKey(bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr);
    } else {
      PEM_write_bio_PUBKEY(bio.get(), key.get());
    }
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(size));
  };
  return {to_pem(true), to_pem(false)};
}

VerifyRequest request_for(const std::string& identifier) {
  VerifyRequest request;
  request.sdkappid = kSdkAppId;
  request.identifier = identifier;
  request.now = kTime + 10;
  return request;
}

}  // namespace

int main() {
  const std::string identifier = "bench_user";
  const VerifyRequest request = request_for(identifier);

  const std::string v2_sig = timock::auth::mint_v2({.sdkappid = kSdkAppId,
                                                    .secret_key = kSecret,
                                                    .identifier = identifier,
                                                    .time = kTime,
                                                    .expire = 86400,
                                                    .userbuf = std::nullopt});
  const AppKeys v2_keys{.secret_key = kSecret, .public_key_pem = ""};

  const auto [private_pem, public_pem] = fresh_v1_keys();
  timock::auth::MintV1 v1_input;
  v1_input.sdkappid = kSdkAppId;
  v1_input.private_key_pem = private_pem;
  v1_input.identifier = identifier;
  v1_input.time = kTime;
  v1_input.expire = 86400;
  const std::string v1_sig = timock::auth::mint_v1(v1_input);
  const AppKeys v1_keys{.secret_key = "", .public_key_pem = public_pem};

  // A full cache of distinct tickets, hit round-robin (every lookup hashes a real-length UserSig).
  SigCache cache;
  std::vector<std::string> identifiers, sigs;
  for (std::size_t i = 0; i < cache.capacity(); ++i) {
    identifiers.push_back("user" + std::to_string(i));
    sigs.push_back(timock::auth::mint_v2({.sdkappid = kSdkAppId,
                                          .secret_key = kSecret,
                                          .identifier = identifiers.back(),
                                          .time = kTime,
                                          .expire = 86400,
                                          .userbuf = std::nullopt}));
    const auto result = timock::auth::verify_usersig(sigs.back(), v2_keys, request_for(identifiers.back()));
    cache.insert(kSdkAppId, sigs.back(), identifiers.back(), result);
  }

  std::printf("UserSig verification (v2 sig %zu chars, v1 sig %zu chars, cache of %zu)\n", v2_sig.size(),
              v1_sig.size(), cache.size());
  bool ok = true;
  ok &= measure("v2 HMAC-SHA256, uncached",
                [&](long) { return timock::auth::verify_usersig(v2_sig, v2_keys, request).ok(); });
  ok &= measure("v1 ECDSA secp256k1, uncached",
                [&](long) { return timock::auth::verify_usersig(v1_sig, v1_keys, request).ok(); });
  ok &= measure("SigCache hit", [&](long i) {
    const auto n = static_cast<std::size_t>(i) % sigs.size();
    const auto hit = cache.find(kSdkAppId, sigs[n], identifiers[n], kTime + 10);
    return hit && hit->ok();
  });
  return ok ? 0 : 1;
}
