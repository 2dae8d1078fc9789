// A WebIM 1.7.2 client for contract tests: it speaks to timock exactly as `webim_wx.js` does
// (reference/webim-protocol.md): the same URLs (§2.1), the same bodies (§4), the same success test
// (ActionStatus == "OK", §2.3), the login sequence of §3, and the long-poll cursors of §4.8.
// Every request goes on its own connection, and long polls run on their own thread, so a test can keep a
// poll parked while it makes other calls — as a mini program does.
#pragma once

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <chrono>
#include <cstdint>
#include <future>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "timock_harness.hpp"

namespace timock::testing {

using SteadyTime = std::chrono::steady_clock::time_point;

// What a long poll brought back, and when (on the test's steady clock) it arrived.
struct PollResult {
  boost::json::object reply;
  SteadyTime sent;
  SteadyTime received;
  std::int64_t code() const;
  // The events of an OK reply (empty for 60008 and errors).
  boost::json::array events() const;
  // Every message item of every Event 9 (inline delivery).
  std::vector<boost::json::object> inline_messages() const;
  // Every item of every event `event` (3: GroupMsgArray; 4, 5, 6: GroupTips), in reply order
  // (reference/webim-groups.md §4.1).
  std::vector<boost::json::object> group_items(std::int64_t event) const;
  // The reply's events in order, as their Event numbers.
  std::vector<std::int64_t> event_numbers() const;
};

// A client send: the body as the SDK sent it, the reply, and when the reply arrived.
struct SentMessage {
  boost::json::object request;
  boost::json::object reply;
  SteadyTime replied;
  bool ok() const;
  std::int64_t msg_seq() const { return request.at("MsgSeq").as_int64(); }
  std::int64_t msg_random() const { return request.at("MsgRandom").as_int64(); }
};

// The outcome of the §3 login sequence: the reply of the step that ended it.
struct LoginResult {
  bool ok = false;
  std::string failed_step;  // "openim/login", "profile/portrait_get", … when !ok
  boost::json::object reply;
};

class WebImClient {
 public:
  // The SDK's fixed values (§2.1) and the seed's account type.
  static constexpr std::uint64_t kWebSdkAppId = 537048168;
  static constexpr std::int64_t kAccountType = 36862;

  WebImClient(const TimockProcess& server, std::uint64_t sdkappid, std::string identifier,
              std::string usersig);
  ~WebImClient();
  WebImClient(const WebImClient&) = delete;
  WebImClient& operator=(const WebImClient&) = delete;

  // The SDK's success test (§2.3).
  static bool succeeded(const boost::json::object& reply);

  // `/{ver}/{service}/{cmd}?…` as getApiUrl builds it: identifier + raw usersig for login and accesslayer,
  // raw tinyid + a2 for everything else.
  std::string url(const std::string& service, const std::string& command) const;
  // POSTs `body` (JSON) to service/command; returns the reply object (a non-object reply fails the test).
  boost::json::object call(const std::string& service, const std::string& command,
                           const boost::json::value& body = boost::json::object{}) const;
  // The same with the raw body text, and the raw HTTP result.
  HttpResult call_raw(const std::string& service, const std::string& command, const std::string& body) const;

  // §3 steps 1–6: accesslayer → login → portrait_get → web_report (not awaited) → get_joined_group_list →
  // authkey. Stops at the first step whose failure fails the SDK's login.
  LoginResult login();
  // §3 step 8 / §4.7: asks for a LongPollingId and takes its Timeout.
  boost::json::object get_long_polling_id();
  // login() then get_long_polling_id(); fails the test when either does not succeed.
  void login_and_connect();

  // Starts a long poll on its own thread with the current cursors (§4.8); the cursors are advanced from
  // the reply as the SDK does when it arrives.
  std::future<PollResult> start_poll();
  PollResult poll() { return start_poll().get(); }

  // openim/sendmsg of one text element, with the SDK's MsgSeq/MsgRandom (§4.10).
  SentMessage send_text(const std::string& to, const std::string& text);
  // openim/getmsg pages as syncMsgs does: repeats while SyncFlag is 1 (§4.9). Returns every page's reply.
  std::vector<boost::json::object> sync_msgs();
  // openim/getroammsg, one request (§4.11).
  boost::json::object get_roam_msgs(const std::string& peer, std::int64_t max_cnt, std::int64_t last_msg_time,
                                    const std::string& msg_key);
  // openim/msgreaded for one peer (§4.12).
  boost::json::object msg_readed(const std::string& peer, std::int64_t lasted_msg_time);
  // group_open_http_svc/<command> (webim-groups.md §2).
  boost::json::object group(const std::string& command, const boost::json::object& body) const {
    return call("group_open_http_svc", command, body);
  }
  // send_group_msg of one text element as sendMsg sends it (webim-groups.md §3): no MsgSeq, no time, the
  // Random the server echoes as MsgRandom, MsgPriority "COMMON" unless given.
  SentMessage send_group_text(const std::string& group_id, const std::string& text,
                              const std::string& priority = "COMMON");
  // recentcontact/get (§4.13).
  boost::json::object recent_contacts(std::int64_t count = 10);
  // §4.15.
  boost::json::object long_polling_logout();
  boost::json::object logout_all();

  const std::string& identifier() const { return identifier_; }
  const std::string& tinyid() const { return tinyid_; }
  const std::string& a2() const { return a2_; }
  const std::string& long_polling_id() const { return long_polling_id_; }
  // Forges the session a restarted server no longer knows (§4.8: 91101 / 20002 after a restart).
  void set_session(std::string tinyid, std::string a2) {
    tinyid_ = std::move(tinyid);
    a2_ = std::move(a2);
  }
  std::int64_t notify_seq() const;
  std::int64_t notice_seq() const;
  const std::optional<std::string>& cookie() const { return cookie_; }

 private:
  boost::json::object poll_body() const;
  void advance_cursors(const boost::json::object& reply);

  const TimockProcess& server_;
  std::uint64_t sdkappid_;
  std::string identifier_;
  std::string usersig_;
  std::string tinyid_;
  std::string a2_;
  std::string long_polling_id_;
  std::int64_t poll_timeout_s_ = 60;  // §4.8: the first poll always says 60
  bool polled_ = false;
  std::optional<std::string> cookie_ = std::string();  // §4.9: "" after login, then the server's Cookie
  std::uint32_t next_msg_seq_;
  mutable std::mutex cursor_mutex_;
  std::int64_t notify_seq_ = 0;
  std::int64_t notice_seq_ = 0;
  std::vector<std::future<void>> fire_and_forget_;
};

// Text of the first element of a message item (what the seed reads, §6).
std::string text_of(const boost::json::value& item);
// Milliseconds from `from` to `to`, negative when `to` came first.
double millis_between(SteadyTime from, SteadyTime to);

}  // namespace timock::testing
