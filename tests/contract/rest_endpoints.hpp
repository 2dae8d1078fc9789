// Shared by the RestEndpoints* contract tests: a server, an app, and one-line helpers for the REST commands
// of reference/rest-api.md §3.1, §3.3 and §3.5 as a client would call them.
#pragma once

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <string>
#include <vector>

#include "timock_harness.hpp"

namespace timock::testing {

namespace json = boost::json;

class RestEndpointsBase {
 public:
  static constexpr std::int64_t kT0 = 1700000000;

  TimockProcess server;
  TestApp app = create_app(server);

  json::object call(const std::string& path, const json::value& body) const {
    return rest(server, app, path, body);
  }
  // As an ordinary user instead of the admin (the per-service "admin required" codes, §1.4).
  json::object call_as(const std::string& identifier, const std::string& path,
                       const std::string& body) const {
    const auto target =
        "/v4/" + path + "?sdkappid=" + std::to_string(app.sdkappid) + "&identifier=" + identifier +
        "&usersig=" + mint_sig(server, app.sdkappid, identifier) + "&random=1&contenttype=json";
    return server.post(target, body).json().as_object();
  }
  json::object post_raw(const std::string& path, const std::string& body) const {
    const auto result = server.post(rest_target(app, path), body);
    EXPECT_EQ(result.status, 200u) << result.body;
    return result.json().as_object();
  }

  // PUT /mock/clock: pins the server's time, so MsgTime is known.
  void pin_clock(std::int64_t now) const {
    const auto result =
        server.request("PUT", "/mock/clock", R"({"now":)" + std::to_string(now) + R"(,"frozen":true})");
    ASSERT_EQ(result.status, 200u) << result.body;
  }

  // multiaccount_import in batches of 100 (§3.1's limit).
  void import(const std::vector<std::string>& ids) const {
    for (std::size_t i = 0; i < ids.size(); i += 100) {
      json::array batch;
      for (std::size_t j = i; j < std::min(ids.size(), i + 100); ++j) batch.emplace_back(ids[j]);
      const auto reply = call("im_open_login_svc/multiaccount_import", json::object{{"Accounts", batch}});
      ASSERT_EQ(reply.at("ErrorCode").as_int64(), 0) << json::serialize(reply);
      ASSERT_TRUE(reply.at("FailAccounts").as_array().empty()) << json::serialize(reply);
    }
  }

  json::object add_friends(const std::string& from, const std::vector<std::string>& to,
                           const std::string& add_type = "Add_Type_Both", int force = 1,
                           const json::object& item_extra = {}) const {
    json::array items;
    for (const auto& id : to) {
      json::object item{{"To_Account", id}, {"AddSource", "AddSource_Type_Test"}};
      for (const auto& [key, value] : item_extra) item[key] = value;
      items.push_back(std::move(item));
    }
    return call("sns/friend_add", json::object{{"From_Account", from},
                                               {"AddFriendItem", std::move(items)},
                                               {"AddType", add_type},
                                               {"ForceAddFlags", force}});
  }

  static json::array text_body(const std::string& text) {
    return json::array{
        json::object{{"MsgType", "TIMTextElem"}, {"MsgContent", json::object{{"Text", text}}}}};
  }

  json::object send(const std::string& from, const std::string& to, std::int64_t seq, std::int64_t random,
                    const json::object& extra = {}) const {
    json::object body{{"From_Account", from},
                      {"To_Account", to},
                      {"MsgSeq", seq},
                      {"MsgRandom", random},
                      {"MsgBody", text_body(from + "#" + std::to_string(seq))}};
    for (const auto& [key, value] : extra) body[key] = value;
    return call("openim/sendmsg", body);
  }

  json::object roam(const std::string& op, const std::string& peer, std::int64_t max_cnt,
                    std::int64_t min_time, std::int64_t max_time, const std::string& last_key = {}) const {
    json::object body{{"Operator_Account", op},
                      {"Peer_Account", peer},
                      {"MaxCnt", max_cnt},
                      {"MinTime", min_time},
                      {"MaxTime", max_time}};
    if (!last_key.empty()) body["LastMsgKey"] = last_key;
    return call("openim/admin_getroammsg", body);
  }
};

inline std::vector<std::string> strings_of(const json::value& array) {
  std::vector<std::string> out;
  for (const auto& v : array.as_array()) out.emplace_back(v.as_string());
  return out;
}

inline std::vector<std::string> numbered(const std::string& prefix, int count) {
  std::vector<std::string> ids;
  for (int i = 0; i < count; ++i) ids.push_back(prefix + std::to_string(1000 + i));
  return ids;
}

}  // namespace timock::testing
