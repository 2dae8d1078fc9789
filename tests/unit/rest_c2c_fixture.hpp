// Handler tests without sockets for the one-to-one chat commands (reference/rest-api.md §3.1–3.4, §3.6):
// an in-memory store, a frozen clock, the command table the router uses, and an event hub whose only
// listener records what handlers publish and answers who is online.
#pragma once

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <set>
#include <string>
#include <vector>

#include "api/command.hpp"
#include "core/clock.hpp"
#include "core/event_hub.hpp"
#include "store/app_registry.hpp"
#include "store/store.hpp"

namespace timock::api::testing {

namespace json = boost::json;

// What the client protocols would have been told.
class RecordingListener final : public core::EventListener {
 public:
  void on_c2c_message(core::SdkAppId, const core::C2cMessage& message, std::string_view) override {
    messages.push_back(message);
  }
  void on_kick(core::SdkAppId, std::string_view user) override { kicked.emplace_back(user); }
  void on_app_reset(core::SdkAppId) override {}
  bool is_online(core::SdkAppId, std::string_view user) const override {
    return online.contains(std::string(user));
  }

  std::vector<core::C2cMessage> messages;
  std::vector<std::string> kicked;
  std::set<std::string> online;
};

struct Result {
  int code = 0;
  std::string info;
  std::string action_status;
  json::object fields;  // as the wire would carry them (numbers read back as int64)
};

class C2cHandlers : public ::testing::Test {
 public:
  static constexpr std::int64_t kNow = 1700000000;

  store::Store store{":memory:"};
  store::AppRegistry apps{store};
  core::Clock clock;
  core::EventHub hub;
  RecordingListener listener;
  CommandTable commands = make_rest_commands();
  std::shared_ptr<const core::App> app;

  void SetUp() override {
    clock.set_now(kNow, true);
    hub.add_listener(&listener);
    core::App fresh;
    fresh.sdkappid = 1400000043;
    fresh.secret_key = "secret";
    fresh.admin = "administrator";
    fresh.created_at = kNow;
    app = apps.save(fresh);
  }

  Result call(std::string_view path, const json::object& body) {
    const auto slash = path.find('/');
    const Handler* handler = commands.find(path.substr(0, slash), path.substr(slash + 1));
    if (!handler) {
      ADD_FAILURE() << "no handler for " << path;
      return {};
    }
    const CallContext context{*app, app->admin, store, clock, &hub};
    const Reply reply = (*handler)(context, body);
    return {core::to_int(reply.code), reply.error_info, reply.action_status,
            json::parse(json::serialize(reply.wire_fields())).as_object()};
  }
  Result call(std::string_view path, std::string_view body) {
    return call(path, json::parse(body).as_object());
  }

  void import(std::initializer_list<std::string> ids) {
    json::array accounts;
    for (const auto& id : ids) accounts.emplace_back(id);
    ASSERT_EQ(call("im_open_login_svc/multiaccount_import", json::object{{"Accounts", accounts}}).code, 0);
  }

  static json::array text(const std::string& t) {
    return json::array{json::object{{"MsgType", "TIMTextElem"}, {"MsgContent", json::object{{"Text", t}}}}};
  }
  Result send(const std::string& from, const std::string& to, std::int64_t seq, std::int64_t random,
              json::object extra = {}) {
    json::object body{{"From_Account", from},
                      {"To_Account", to},
                      {"MsgSeq", seq},
                      {"MsgRandom", random},
                      {"MsgBody", text(from + "#" + std::to_string(seq))}};
    for (auto& [key, value] : extra) body[key] = value;
    return call("openim/sendmsg", body);
  }
  Result import_msg(int sync, const std::string& from, const std::string& to, std::int64_t seq,
                    std::int64_t random, std::int64_t time, const std::string& body_text = "old") {
    return call("openim/importmsg", json::object{{"SyncFromOldSystem", sync},
                                                 {"From_Account", from},
                                                 {"To_Account", to},
                                                 {"MsgSeq", seq},
                                                 {"MsgRandom", random},
                                                 {"MsgTimeStamp", time},
                                                 {"MsgBody", text(body_text)}});
  }
  json::array roam(const std::string& op, const std::string& peer) {
    const auto r = call("openim/admin_getroammsg", json::object{{"Operator_Account", op},
                                                                {"Peer_Account", peer},
                                                                {"MaxCnt", 100},
                                                                {"MinTime", 0},
                                                                {"MaxTime", kNow + 100000}});
    EXPECT_EQ(r.code, 0) << r.info;
    return r.fields.at("MsgList").as_array();
  }
  std::int64_t unread(const std::string& owner, const std::string& peer) {
    const auto r =
        call("openim/get_c2c_unread_msg_num",
             json::object{{"To_Account", owner}, {"Peer_Account", json::array{json::value(peer)}}});
    EXPECT_EQ(r.code, 0) << r.info;
    return r.fields.at("C2CUnreadMsgNumList").at(0).at("C2CUnreadMsgNum").as_int64();
  }
  std::int64_t unread_total(const std::string& owner) {
    const auto r = call("openim/get_c2c_unread_msg_num", json::object{{"To_Account", owner}});
    EXPECT_EQ(r.code, 0) << r.info;
    return r.fields.at("AllC2CUnreadMsgNum").as_int64();
  }
  json::object contacts(const std::string& owner, std::int64_t flags = 7, std::int64_t time_stamp = 0,
                        std::int64_t start_index = 0, std::int64_t top_time_stamp = 0,
                        std::int64_t top_start_index = 0) {
    const auto r = call("recentcontact/get_list", json::object{{"From_Account", owner},
                                                               {"TimeStamp", time_stamp},
                                                               {"StartIndex", start_index},
                                                               {"TopTimeStamp", top_time_stamp},
                                                               {"TopStartIndex", top_start_index},
                                                               {"AssistFlags", flags}});
    EXPECT_EQ(r.code, 0) << r.info;
    return r.fields;
  }
  static std::vector<std::string> peers_of(const json::object& list) {
    std::vector<std::string> out;
    for (const auto& item : list.at("SessionItem").as_array())
      out.emplace_back(item.at("To_Account").as_string());
    return out;
  }
};

inline std::vector<std::string> strings(const json::value& array) {
  std::vector<std::string> out;
  for (const auto& v : array.as_array()) out.emplace_back(v.as_string());
  return out;
}

}  // namespace timock::api::testing
