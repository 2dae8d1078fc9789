// Plain HTTP request/response values passed between net/ and the router: no Beast types beyond net/.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace timock::router {

class PendingReply;

struct HttpRequest {
  std::string_view method;  // "POST", "GET", ...
  std::string_view target;  // origin-form: path and query, as received
  std::string_view body;
  std::string_view control_token;  // the X-Timock-Token header, if any
  std::string_view client_ip;      // the peer's address (a callback's ClientIP)
  // How the caller reached timock: "http(s)://" and its Host header (else the address it connected to), for the
  // URLs a reply gives back (get_history's files).
  std::string_view origin;
};

struct HttpResponse {
  unsigned status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  // A fault rule may ask to hang up instead of replying, and to hold the reply (on a timer, no thread).
  bool drop_connection = false;
  std::int64_t delay_ms = 0;
  // Set for a parked long poll: the net layer waits for it (see pending_reply.hpp) instead of replying now.
  std::shared_ptr<PendingReply> pending;
  // Set when the reply reports writes that are committed but not yet on disk (group commit, see
  // store/store.hpp): the net layer calls it with a wake-up and sends the reply once the wake-up runs with
  // true; with false the writes were lost (an I/O error) and an internal error goes out instead.
  std::function<void(std::function<void(bool ok)> wake)> wait_durable;
  // The journal entry of this call (record_call sets them; app 0: none), amended if its writes are lost.
  std::uint64_t journal_app = 0;
  std::uint64_t journal_seq = 0;
  // Runs once the reply has been written: the call's after-callbacks (reference/rest-api.md §7), which never
  // delay a reply and reach the app's server after it.
  std::function<void()> after_reply;
};

HttpResponse json_response(unsigned status, std::string body);

}  // namespace timock::router
