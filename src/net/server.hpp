// The listener and HTTP sessions (plain and TLS on one port). Beast and Asio stay inside net/*.cpp.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "router/http_types.hpp"

namespace timock::router {
class Router;
}
namespace timock::callback {
class Transport;
}

namespace timock::net {

// 16 KiB of request line and headers: a real SDK sends well under 2 KiB, usersig included.
constexpr std::uint32_t kHeaderLimit = 16 * 1024;

// The reply to one parsed request: CORS preflight, else the router; an exception that escapes a route
// becomes a 500 with the envelope. What a session does between reading a request and writing its reply,
// callable without a socket (the HTTP fuzzer uses it).
router::HttpResponse respond(router::Router& router, const router::HttpRequest& request);

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 9000;  // 0 = any free port
  int threads = 1;
  // A keep-alive connection may sit idle this long between requests; a request's header must arrive
  // within it too, so a client trickling bytes cannot hold a connection for ever.
  std::chrono::seconds idle_timeout{60};
  // Reading a body and writing a reply each get this long.
  std::chrono::seconds io_timeout{30};
  // 1 MiB: Tencent's largest documented body is far smaller (12 KB messages, 500-item batches).
  std::size_t body_limit = 1024 * 1024;
  // Certificate and key (PEM files) for TLS; empty → a self-signed pair is made on first TLS use.
  std::string tls_cert_file;
  std::string tls_key_file;
  // How long a stop waits for in-flight requests before it closes everything.
  std::chrono::seconds drain_timeout{5};
};

// How the callback client (reference/rest-api.md §7) trusts https receivers.
struct CallbackClientOptions {
  std::string ca_file;    // PEM file of a CA to trust besides the system's (a self-signed receiver's)
  bool insecure = false;  // skip certificate verification for https receivers
};

class Server {
 public:
  Server(ServerOptions options, router::Router& router);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens; returns the bound port. Throws std::runtime_error when it cannot bind.
  std::uint16_t listen();
  // Serves on `threads` threads until stop() or SIGINT/SIGTERM; returns after draining.
  void run();
  // Stops accepting, closes idle connections, lets in-flight requests finish. Thread-safe.
  void stop();

  // The client that carries the apps' callbacks, on this server's first I/O thread. Destroy it before the server.
  std::unique_ptr<callback::Transport> callback_client(const CallbackClientOptions& options);

  // Runs `task` every `period` on the server's first I/O thread while it serves (housekeeping such as timing
  // out silent clients). Call before run().
  void every(std::chrono::milliseconds period, std::function<void()> task);

  // Called once, from run(), when a signal asked the server to stop.
  void on_signal(std::function<void(int)> callback);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace timock::net
