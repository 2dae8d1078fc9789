// reference/rest-api.md §8's per-API limits as timock applies them (core/quota_config.hpp), and how a
// per-command override combines with them.
#include "core/quota_config.hpp"

#include <gtest/gtest.h>

namespace timock::core {
namespace {

QuotaConfig on() {
  QuotaConfig config;
  config.enabled = true;
  return config;
}

TEST(QuotaDefaults, FollowSection8) {
  EXPECT_EQ(default_per_second("openim", "sendmsg"), 200);
  EXPECT_EQ(default_per_second("openim", "batchsendmsg"), 200);
  EXPECT_EQ(default_per_second("im_open_login_svc", "account_import"), 200);
  EXPECT_EQ(default_per_second("im_open_login_svc", "multiaccount_import"), 100);
  EXPECT_EQ(default_per_second("im_open_login_svc", "account_check"), 100);
  EXPECT_EQ(default_per_second("im_open_login_svc", "account_delete"), 100);
  EXPECT_EQ(default_per_second("openim", "querystate"), 100);
  EXPECT_EQ(default_per_second("sns", "friend_get_all"), 100);
  EXPECT_EQ(default_per_second("all_member_push", "im_get_tag"), 100);
  EXPECT_EQ(default_per_second("open_msg_svc", "get_history"), 10);
  EXPECT_EQ(default_per_second("group_open_http_svc", "get_appid_group_list"), 1);
  EXPECT_EQ(default_per_second("group_open_http_svc", "send_broadcast_msg"), 1);
  EXPECT_EQ(default_recipients_per_minute("openim", "batchsendmsg"), 12000);
  EXPECT_EQ(default_recipients_per_minute("openim", "sendmsg"), std::nullopt);
}

TEST(QuotaDefaults, AnOverrideReplacesOnlyTheLimitsItNames) {
  auto config = on();
  config.limits["openim/batchsendmsg"].per_second = 3;
  const auto quota = effective_quota(config, "openim", "batchsendmsg");
  EXPECT_EQ(quota.per_second, 3);
  EXPECT_EQ(quota.recipients_per_minute, 12000);
  config.limits["openim/batchsendmsg"].recipients_per_minute = kNoLimit;
  EXPECT_EQ(effective_quota(config, "openim", "batchsendmsg").recipients_per_minute, std::nullopt);
  EXPECT_EQ(effective_quota(config, "openim", "sendmsg").per_second, 200);
}

}  // namespace
}  // namespace timock::core
