// The quota configuration's JSON (core/quota_json.hpp): what PUT /mock/apps/{id}/quotas, app options and
// fixtures accept, what they refuse (naming the field), and that export then import gives it back.
#include "core/quota_json.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "core/app_options.hpp"

namespace timock::core {
namespace {

namespace json = boost::json;

std::variant<QuotaConfig, QuotaConfigError> parse(std::string_view text) {
  return quota_config_from_json(json::parse(text));
}

QuotaConfig parsed(std::string_view text) {
  auto result = parse(text);
  if (auto* error = std::get_if<QuotaConfigError>(&result)) {
    ADD_FAILURE() << text << ": " << error->field << " " << error->message;
    return {};
  }
  return std::get<QuotaConfig>(result);
}

// The field a refused config names.
std::string refused_field(std::string_view text) {
  auto result = parse(text);
  if (auto* error = std::get_if<QuotaConfigError>(&result)) return error->field;
  ADD_FAILURE() << text << " was accepted";
  return "(accepted)";
}

TEST(QuotaJson, NullIsOffAndAnObjectTurnsQuotasOn) {
  EXPECT_EQ(parsed("null"), QuotaConfig{});
  EXPECT_FALSE(QuotaConfig{}.enabled);
  EXPECT_TRUE(parsed("{}").enabled);
  EXPECT_FALSE(parsed(R"({"enabled": false, "limits": {"openim/sendmsg": {"per_second": 1}}})").enabled);
}

TEST(QuotaJson, ReadsOverridesAndTheAppWideLimit) {
  const auto config = parsed(R"({"app_per_second": 50, "limits": {"openim/sendmsg": {"per_second": 5},
      "openim/importmsg": {"per_second": null}, "openim/batchsendmsg": {"recipients_per_minute": 0}}})");
  EXPECT_EQ(config.app_per_second, 50);
  EXPECT_EQ(config.limits.at("openim/sendmsg").per_second, 5);
  EXPECT_EQ(config.limits.at("openim/sendmsg").recipients_per_minute, std::nullopt);
  EXPECT_EQ(config.limits.at("openim/importmsg").per_second, kNoLimit);
  EXPECT_EQ(config.limits.at("openim/batchsendmsg").recipients_per_minute, 0);
  EXPECT_EQ(parsed(R"({"app_per_second": null})").app_per_second, std::nullopt);
}

TEST(QuotaJson, ExportThenImportGivesTheSameConfig) {
  const auto config = parsed(R"({"app_per_second": 7, "limits": {"openim/sendmsg": {"per_second": 5},
      "openim/importmsg": {"per_second": null}, "openim/batchsendmsg": {"recipients_per_minute": 9}, "sns/friend_get": {}}})");
  const auto exported = quota_config_to_json(config);
  EXPECT_EQ(parsed(json::serialize(exported)), config);
  EXPECT_EQ(quota_config_to_json(parsed(json::serialize(exported))), exported);
  EXPECT_EQ(json::serialize(quota_config_to_json(QuotaConfig{})),
            R"({"enabled":false,"app_per_second":null,"limits":{}})");
  EXPECT_EQ(parsed(json::serialize(quota_config_to_json(QuotaConfig{}))), QuotaConfig{});
}

TEST(QuotaJson, RefusesBadInputNamingTheField) {
  EXPECT_EQ(refused_field("[]"), "");
  EXPECT_EQ(refused_field(R"({"enabled": 1})"), "enabled");
  EXPECT_EQ(refused_field(R"({"app_per_second": -1})"), "app_per_second");
  EXPECT_EQ(refused_field(R"({"app_per_second": 2.5})"), "app_per_second");
  EXPECT_EQ(refused_field(R"({"app_per_second": "10"})"), "app_per_second");
  EXPECT_EQ(refused_field(R"({"app_per_second": 1000000001})"), "app_per_second");
  EXPECT_EQ(refused_field(R"({"limits": []})"), "limits");
  EXPECT_EQ(refused_field(R"({"limits": {"sendmsg": {"per_second": 1}}})"), "limits.sendmsg");
  EXPECT_EQ(refused_field(R"({"limits": {"openim/": {}}})"), "limits.openim/");
  EXPECT_EQ(refused_field(R"({"limits": {"a/b/c": {}}})"), "limits.a/b/c");
  EXPECT_EQ(refused_field(R"({"limits": {"openim/sendmsg": 5}})"), "limits.openim/sendmsg");
  EXPECT_EQ(refused_field(R"({"limits": {"openim/sendmsg": {"per_second": -3}}})"),
            "limits.openim/sendmsg.per_second");
  EXPECT_EQ(refused_field(R"({"limits": {"openim/sendmsg": {"per_minute": 3}}})"),
            "limits.openim/sendmsg.per_minute");
  EXPECT_EQ(refused_field(R"({"limits": {"openim/sendmsg": {"recipients_per_minute": 3}}})"),
            "limits.openim/sendmsg.recipients_per_minute");
  EXPECT_EQ(refused_field(R"({"quota": true})"), "quota");
}

TEST(QuotaJson, RefusesMoreThan256Overrides) {
  json::object limits;
  for (int i = 0; i < 257; ++i) limits["svc/cmd" + std::to_string(i)] = json::object{};
  auto result = quota_config_from_json(json::object{{"limits", limits}});
  ASSERT_TRUE(std::holds_alternative<QuotaConfigError>(result));
  EXPECT_EQ(std::get<QuotaConfigError>(result).field, "limits");
}

TEST(QuotaJson, AppOptionsCarryQuotasAndNameABadFieldWithItsPath) {
  std::string error;
  const auto options = options_from_json(
      json::parse(R"({"quotas": {"limits": {"openim/sendmsg": {"per_second": 5}}}})"), error);
  ASSERT_TRUE(options) << error;
  EXPECT_TRUE(options->quotas.enabled);
  EXPECT_EQ(options->quotas.limits.at("openim/sendmsg").per_second, 5);
  EXPECT_EQ(options_to_json(*options).at("quotas"), quota_config_to_json(options->quotas));

  EXPECT_FALSE(options_from_json(
      json::parse(R"({"quotas": {"limits": {"openim/sendmsg": {"per_second": "5"}}}})"), error));
  EXPECT_EQ(
      error,
      "options.quotas.limits.openim/sendmsg.per_second must be an integer from 0 to 1000000000, or null "
      "for no limit");
  EXPECT_FALSE(options_from_json(json::parse(R"({"quotas": 1})"), error));
  EXPECT_EQ(error.rfind("options.quotas must be an object", 0), 0u) << error;
}

}  // namespace
}  // namespace timock::core
