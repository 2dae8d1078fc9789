// A certificate for TLS on timock's port: the user's files, or a self-signed pair for localhost made
// on first TLS use (clients then need to trust it or skip verification, as with any local test server).
#pragma once

#include <string>

namespace timock::net {

struct PemIdentity {
  std::string certificate_pem;
  std::string private_key_pem;
};

// EC P-256 key; CN and subjectAltName cover localhost, 127.0.0.1 and ::1; valid for a year.
PemIdentity make_self_signed_identity();

}  // namespace timock::net
