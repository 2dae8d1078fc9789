#include "webim_client.hpp"

#include <gtest/gtest.h>

#include <ctime>
#include <algorithm>
#include <random>

namespace timock::testing {

namespace json = boost::json;

namespace {

std::mt19937& generator() {
  thread_local std::mt19937 g{std::random_device{}()};
  return g;
}

// JavaScript's encodeURIComponent: everything but A–Z a–z 0–9 - _ . ! ~ * ' ( ) is %XX-escaped.
std::string encode_uri_component(const std::string& text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) ||
        std::string_view("-_.!~*'()").find(static_cast<char>(c)) != std::string_view::npos) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

json::object as_object(const HttpResult& result, const std::string& what) {
  boost::system::error_code ec;
  auto value = json::parse(result.body, ec);
  if (ec || !value.is_object()) {
    ADD_FAILURE() << what << ": the SDK needs a JSON object, got HTTP " << result.status << " '"
                  << result.body << "'";
    return {};
  }
  return std::move(value.get_object());
}

std::int64_t int_or(const json::object& object, std::string_view key, std::int64_t fallback) {
  const auto* value = object.if_contains(key);
  return value && value->is_int64() ? value->get_int64() : fallback;
}

}  // namespace

std::int64_t PollResult::code() const {
  return int_or(reply, "ErrorCode", -1);
}

json::array PollResult::events() const {
  if (!WebImClient::succeeded(reply)) return {};
  const auto* events = reply.if_contains("EventArray");
  return events && events->is_array() ? events->get_array() : json::array{};
}

std::vector<json::object> PollResult::inline_messages() const {
  std::vector<json::object> out;
  for (const auto& event : events()) {
    if (int_or(event.as_object(), "Event", 0) != 9) continue;
    for (const auto& item : event.at("C2cMsgArray").as_array()) out.push_back(item.as_object());
  }
  return out;
}

std::vector<json::object> PollResult::group_items(std::int64_t event) const {
  std::vector<json::object> out;
  for (const auto& value : events()) {
    const auto& e = value.as_object();
    if (int_or(e, "Event", 0) != event) continue;
    const auto* items = e.if_contains(event == 3 ? "GroupMsgArray" : "GroupTips");
    if (!items || !items->is_array()) continue;
    for (const auto& item : items->get_array()) out.push_back(item.as_object());
  }
  return out;
}

std::vector<std::int64_t> PollResult::event_numbers() const {
  std::vector<std::int64_t> out;
  for (const auto& value : events()) out.push_back(int_or(value.as_object(), "Event", 0));
  return out;
}

WebImClient::WebImClient(const TimockProcess& server, std::uint64_t sdkappid, std::string identifier,
                         std::string usersig)
    : server_(server),
      sdkappid_(sdkappid),
      identifier_(std::move(identifier)),
      usersig_(std::move(usersig)),
      // §4.10: a random start below 1e7, then +1 per send.
      next_msg_seq_(std::uniform_int_distribution<std::uint32_t>(1, 9999999)(generator())) {}

WebImClient::~WebImClient() {
  for (auto& pending : fire_and_forget_)
    if (pending.valid()) pending.wait();
}

bool WebImClient::succeeded(const json::object& reply) {
  const auto* status = reply.if_contains("ActionStatus");
  return status && status->is_string() && status->get_string() == "OK";
}

std::string WebImClient::url(const std::string& service, const std::string& command) const {
  // §2.1: v3 for webim (accesslayer), v1 for the *_noauth_* big-group services, v4 for the rest.
  const std::string ver =
      service == "webim" ? "v3" : service.find("_noauth_") != std::string::npos ? "v1" : "v4";
  std::string target = "/" + ver + "/" + service + "/" + command +
                       "?websdkappid=" + std::to_string(kWebSdkAppId) + "&v=1.7.2&platform=10";
  if (service == "webim" || (service == "openim" && command == "login"))
    target += "&identifier=" + encode_uri_component(identifier_) + "&usersig=" + usersig_;  // usersig raw
  else
    target += "&tinyid=" + tinyid_ + "&a2=" + a2_;  // both raw
  target += "&contenttype=json&sdkappid=" + std::to_string(sdkappid_) +
            "&accounttype=" + std::to_string(kAccountType) +
            "&apn=1&reqtime=" + std::to_string(std::time(nullptr));
  return target;
}

HttpResult WebImClient::call_raw(const std::string& service, const std::string& command,
                                 const std::string& body) const {
  // §2.2: always POST with Content-Type: application/json.
  return server_.request("POST", url(service, command), body, {{"Content-Type", "application/json"}});
}

json::object WebImClient::call(const std::string& service, const std::string& command,
                               const json::value& body) const {
  return as_object(call_raw(service, command, json::serialize(body)), service + "/" + command);
}

LoginResult WebImClient::login() {
  LoginResult result;
  // Step 1: a failure is ignored (§3), but the reply must still be a JSON object.
  call("webim", "accesslayer");
  result.reply = call("openim", "login", json::object{{"State", "Online"}});
  const auto fail = [&](std::string step) {
    result.failed_step = std::move(step);
    return result;
  };
  if (!succeeded(result.reply)) return fail("openim/login");
  const auto* tinyid = result.reply.if_contains("TinyId");
  const auto* a2 = result.reply.if_contains("A2Key");
  // The SDK needs both truthy (-10 / -11) and pastes them into URLs as they are.
  if (!tinyid || !a2) return fail("openim/login");
  tinyid_ = tinyid->is_string() ? std::string(tinyid->get_string()) : json::serialize(*tinyid);
  a2_ = a2->is_string() ? std::string(a2->get_string()) : json::serialize(*a2);

  result.reply = call("profile", "portrait_get",
                      json::object{{"From_Account", identifier_},
                                   {"To_Account", json::array{json::value(identifier_)}},
                                   {"TagList", json::array{"Tag_Profile_IM_Nick", "Tag_Profile_IM_Image"}}});
  if (!succeeded(result.reply)) return fail("profile/portrait_get");
  for (const char* key : {"Fail_Account", "Invalid_Account"}) {
    const auto* list = result.reply.if_contains(key);
    if (list && list->is_array() && !list->get_array().empty())
      return fail("profile/portrait_get");  // SDK: 99999
  }

  // Step 4: the quality report is not awaited, and its result is ignored.
  const auto now = static_cast<std::int64_t>(std::time(nullptr));
  const json::object report{
      {"EvtItems", json::array{json::object{{"UniqKey", a2_.substr(0, 10) + "_" + std::to_string(now) + "_" +
                                                            std::to_string(generator()() % 1000000)},
                                            {"EventId", 1},
                                            {"ReportTime", now},
                                            {"MsgCmdErrorCode", json::object{{"Code", 0}, {"ErrMsg", ""}}}}}},
      {"MainVersion", "1.7.2"},
      {"Version", "0"}};
  fire_and_forget_.push_back(std::async(std::launch::async, [this, target = url("imopenstat", "web_report"),
                                                             body = json::serialize(report)] {
    as_object(server_.request("POST", target, body, {{"Content-Type", "application/json"}}), "web_report");
  }));

  result.reply = call(
      "group_open_http_svc", "get_joined_group_list",
      json::object{{"Member_Account", identifier_},
                   {"Limit", 1000},
                   {"Offset", 0},
                   {"ResponseFilter", json::object{{"GroupBaseInfoFilter", json::array{"NextMsgSeq"}}}}});
  if (!succeeded(result.reply)) return fail("group_open_http_svc/get_joined_group_list");
  result.reply = call("openim", "authkey");
  if (!succeeded(result.reply)) return fail("openim/authkey");
  result.ok = true;
  return result;
}

json::object WebImClient::get_long_polling_id() {
  auto reply = call("openim", "getlongpollingid");
  if (succeeded(reply)) {
    if (const auto* id = reply.if_contains("LongPollingId"); id && id->is_string())
      long_polling_id_ = std::string(id->get_string());
    // §4.7: Timeout over 60 is ignored; the first poll still says 60 (§4.8).
    const auto timeout = int_or(reply, "Timeout", -1);
    if (timeout > 0 && timeout <= 60) poll_timeout_s_ = timeout;
  }
  return reply;
}

void WebImClient::login_and_connect() {
  const auto login_result = login();
  ASSERT_TRUE(login_result.ok) << identifier_ << " login failed at " << login_result.failed_step << ": "
                               << json::serialize(login_result.reply);
  const auto id = get_long_polling_id();
  ASSERT_TRUE(succeeded(id)) << json::serialize(id);
}

json::object WebImClient::poll_body() const {
  std::lock_guard lock(cursor_mutex_);
  return {{"Timeout", polled_ ? poll_timeout_s_ : 60},
          {"Cookie",
           json::object{
               {"NotifySeq", notify_seq_}, {"NoticeSeq", notice_seq_}, {"LongPollingId", long_polling_id_}}}};
}

void WebImClient::advance_cursors(const json::object& reply) {
  // §4.8: NotifySeq from an Event 1; NoticeSeq from element 0 of an Event 9 or 10.
  std::lock_guard lock(cursor_mutex_);
  if (!succeeded(reply)) return;
  const auto* events = reply.if_contains("EventArray");
  if (!events || !events->is_array()) return;
  for (const auto& event : events->get_array()) {
    const auto& e = event.as_object();
    const auto type = int_or(e, "Event", 0);
    if (type == 1) notify_seq_ = int_or(e, "NotifySeq", notify_seq_);
    // webim-groups.md §4.5: group events 3/4/6 move NoticeSeq up to their highest item's; 5 too, counting only
    // items with a truthy NoticeSeq. Each group item needs GroupInfo, or the SDK's poll loop dies (§4.2, §4.4).
    if (type == 3 || type == 4 || type == 5 || type == 6) {
      const auto* items = e.if_contains(type == 3 ? "GroupMsgArray" : "GroupTips");
      if (!items || !items->is_array()) continue;
      for (const auto& item : items->get_array()) {
        const auto& i = item.as_object();
        EXPECT_TRUE(i.contains("GroupInfo") && i.at("GroupInfo").is_object())
            << "Event " << type << " item without GroupInfo stops the SDK's polling: " << json::serialize(i);
        EXPECT_TRUE(i.contains("ToGroupId")) << json::serialize(i);
        if (type == 5) EXPECT_TRUE(i.contains("MsgBody") && i.at("MsgBody").is_object()) << json::serialize(i);
        const auto seq = int_or(i, "NoticeSeq", 0);
        if (type != 5 || seq != 0) notice_seq_ = std::max(notice_seq_, seq);
      }
      continue;
    }
    const char* array = type == 9 ? "C2cMsgArray" : type == 10 ? "C2cNotifyMsgArray" : nullptr;
    if (!array) continue;
    const auto& items = e.at(array).as_array();
    EXPECT_FALSE(items.empty()) << "Event " << type << " with no items crashes the SDK (§4.8)";
    if (!items.empty()) notice_seq_ = int_or(items.at(0).as_object(), "NoticeSeq", notice_seq_);
  }
}

std::future<PollResult> WebImClient::start_poll() {
  const auto body = json::serialize(poll_body());
  polled_ = true;
  return std::async(std::launch::async, [this, target = url("openim", "longpolling"), body] {
    PollResult result;
    result.sent = std::chrono::steady_clock::now();
    const auto http = server_.request("POST", target, body, {{"Content-Type", "application/json"}});
    result.received = std::chrono::steady_clock::now();
    result.reply = as_object(http, "openim/longpolling");
    advance_cursors(result.reply);
    return result;
  });
}

bool SentMessage::ok() const {
  return WebImClient::succeeded(reply);
}

SentMessage WebImClient::send_text(const std::string& to, const std::string& text) {
  SentMessage sent;
  sent.request = {{"From_Account", identifier_},
                  {"To_Account", to},
                  {"MsgTimeStamp", static_cast<std::int64_t>(std::time(nullptr))},
                  {"MsgSeq", static_cast<std::int64_t>(next_msg_seq_++)},
                  {"MsgRandom", static_cast<std::int64_t>(generator()())},
                  {"MsgBody", json::array{json::object{{"MsgType", "TIMTextElem"},
                                                       {"MsgContent", json::object{{"Text", text}}}}}}};
  sent.reply = call("openim", "sendmsg", sent.request);
  sent.replied = std::chrono::steady_clock::now();
  return sent;
}

SentMessage WebImClient::send_group_text(const std::string& group_id, const std::string& text,
                                        const std::string& priority) {
  SentMessage sent;
  sent.request = {{"GroupId", group_id},
                  {"From_Account", identifier_},
                  {"Random", static_cast<std::int64_t>(generator()())},
                  {"MsgBody", json::array{json::object{{"MsgType", "TIMTextElem"},
                                                       {"MsgContent", json::object{{"Text", text}}}}}},
                  {"MsgPriority", priority}};
  sent.reply = group("send_group_msg", sent.request);
  sent.replied = std::chrono::steady_clock::now();
  return sent;
}

std::vector<json::object> WebImClient::sync_msgs() {
  std::vector<json::object> pages;
  std::int64_t sync_flag = 0;
  // A bound far above any test's paging: a server answering SyncFlag 1 for ever fails the test instead of
  // hanging it (§4.9 "never answer 1 forever").
  constexpr int kMaxPages = 100;
  for (int i = 0; i < kMaxPages; ++i) {
    json::object body;
    if (cookie_) body["Cookie"] = *cookie_;  // undefined keys are dropped by JSON.stringify
    body["SyncFlag"] = sync_flag;
    auto reply = call("openim", "getmsg", body);
    const bool ok = succeeded(reply);
    if (ok) {
      const auto* cookie = reply.if_contains("Cookie");
      cookie_ =
          cookie && cookie->is_string() ? std::optional<std::string>(cookie->get_string()) : std::nullopt;
      sync_flag = int_or(reply, "SyncFlag", 0);
    }
    pages.push_back(std::move(reply));
    if (!ok || sync_flag != 1) return pages;
  }
  ADD_FAILURE() << "getmsg kept answering SyncFlag 1";
  return pages;
}

json::object WebImClient::get_roam_msgs(const std::string& peer, std::int64_t max_cnt,
                                        std::int64_t last_msg_time, const std::string& msg_key) {
  return call(
      "openim", "getroammsg",
      json::object{
          {"Peer_Account", peer}, {"MaxCnt", max_cnt}, {"LastMsgTime", last_msg_time}, {"MsgKey", msg_key}});
}

json::object WebImClient::msg_readed(const std::string& peer, std::int64_t lasted_msg_time) {
  return call("openim", "msgreaded",
              json::object{{"C2CMsgReaded",
                            json::object{{"Cookie", cookie_.value_or("")},
                                         {"C2CMsgReadedItem",
                                          json::array{json::object{{"To_Account", peer},
                                                                   {"LastedMsgTime", lasted_msg_time}}}}}}});
}

json::object WebImClient::recent_contacts(std::int64_t count) {
  return call("recentcontact", "get", json::object{{"From_Account", identifier_}, {"Count", count}});
}

json::object WebImClient::long_polling_logout() {
  return call("openim", "longpollinglogout", json::object{{"LongPollingId", long_polling_id_}});
}

json::object WebImClient::logout_all() {
  return call("openim", "logout");
}

std::int64_t WebImClient::notify_seq() const {
  std::lock_guard lock(cursor_mutex_);
  return notify_seq_;
}

std::int64_t WebImClient::notice_seq() const {
  std::lock_guard lock(cursor_mutex_);
  return notice_seq_;
}

std::string text_of(const json::value& item) {
  return std::string(item.at("MsgBody").at(0).at("MsgContent").at("Text").as_string());
}

double millis_between(SteadyTime from, SteadyTime to) {
  return std::chrono::duration<double, std::milli>(to - from).count();
}

}  // namespace timock::testing
