// The group handler tests' fixture: a C2C handler fixture with alice, bob, carol and dave imported, a listener
// that records every group delivery, and helpers for groups, messages, unread counts and history.
#pragma once

#include <algorithm>

#include "rest_c2c_fixture.hpp"

namespace timock::api::testing {

// Records every group delivery the handlers publish.
class GroupListener final : public core::EventListener {
 public:
  void on_delivery(const core::Delivery& delivery) override {
    if (delivery.kind != core::DeliveryKind::c2c_message && delivery.kind != core::DeliveryKind::c2c_recall)
      deliveries.push_back(delivery);
  }
  void on_kick(core::SdkAppId, std::string_view) override {}
  void on_app_reset(core::SdkAppId) override {}

  std::vector<std::string> recipients(std::size_t i) const {
    std::vector<std::string> out;
    for (const auto& r : deliveries.at(i).to) out.push_back(r.user);
    std::sort(out.begin(), out.end());
    return out;
  }
  std::vector<core::Delivery> deliveries;
};

class GroupHandlers : public C2cHandlers {
 public:
  GroupListener groups;

  void SetUp() override {
    C2cHandlers::SetUp();
    hub.add_listener(&groups);
    import({"alice", "bob", "carol", "dave"});
  }

  Result group(std::string_view command, const json::object& body) {
    return call("group_open_http_svc/" + std::string(command), body);
  }
  // A group of `type` owned by alice with bob and carol; returns its id.
  std::string make_group(const std::string& type = "Public", json::object extra = {}) {
    json::object body{{"Owner_Account", "alice"},
                      {"Type", type},
                      {"Name", "team"},
                      {"MemberList", json::array{json::object{{"Member_Account", "bob"}},
                                                 json::object{{"Member_Account", "carol"}}}}};
    for (auto& [key, value] : extra) body[key] = value;
    const auto r = group("create_group", body);
    EXPECT_EQ(r.code, 0) << r.info;
    groups.deliveries.clear();  // the creation notices (their own test)
    return std::string(r.fields.at("GroupId").as_string());
  }
  Result send_group(const std::string& id, const std::string& from, std::int64_t random, json::object extra = {}) {
    json::object body{{"GroupId", id}, {"Random", random}, {"MsgBody", text(from + "#" + std::to_string(random))}};
    if (!from.empty()) body["From_Account"] = from;
    for (auto& [key, value] : extra) body[key] = value;
    return group("send_group_msg", body);
  }
  json::object info(const std::string& id, json::object filter = {}) {
    json::object body{{"GroupIdList", json::array{json::value(id)}}};
    if (!filter.empty()) body["ResponseFilter"] = filter;
    const auto r = group("get_group_info", body);
    EXPECT_EQ(r.code, 0) << r.info;
    return r.fields.at("GroupInfo").at(0).as_object();
  }
  std::int64_t unread(const std::string& id, const std::string& user) {
    const auto r = group("get_joined_group_list",
                         json::object{{"Member_Account", user},
                                      {"WithNoActiveGroups", 1},
                                      {"ResponseFilter", json::object{{"SelfInfoFilter", json::array{"UnreadMsgNum"}}}}});
    EXPECT_EQ(r.code, 0) << r.info;
    for (const auto& item : r.fields.at("GroupIdList").as_array())
      if (item.at("GroupId") == id.c_str()) return item.at("SelfInfo").at("UnreadMsgNum").as_int64();
    ADD_FAILURE() << user << " is not in " << id;
    return -1;
  }
  json::array history(const std::string& id, std::int64_t number = 20, std::int64_t seq = 0, bool recalled = false) {
    json::object body{{"GroupId", id}, {"ReqMsgNumber", number}};
    if (seq > 0) body["ReqMsgSeq"] = seq;
    if (recalled) body["WithRecalledMsg"] = 1;
    const auto r = group("group_msg_get_simple", body);
    EXPECT_EQ(r.code, 0) << r.info;
    return r.fields.at("RspMsgList").as_array();
  }
};

}  // namespace timock::api::testing
