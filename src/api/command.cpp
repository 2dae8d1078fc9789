#include "api/command.hpp"

#include <boost/json/parse.hpp>

namespace timock::api {

boost::json::object Reply::wire_fields() const {
  boost::json::object out = fields;
  for (const auto& [key, text] : raw_fields) out[key] = boost::json::parse(text);
  return out;
}

void register_account_service(CommandTable& table);
void register_sns_service(CommandTable& table);
void register_openim_service(CommandTable& table);
void register_profile_service(CommandTable& table);
void register_recentcontact_service(CommandTable& table);
void register_sns_legacy_commands(CommandTable& table);
void register_group_service(CommandTable& table);
void register_openconfigsvr_service(CommandTable& table);
void register_dirty_words_service(CommandTable& table);
void guard_fields_with_dirty_words(CommandTable& table);
void register_follow_service(CommandTable& table);
void register_config_svc_service(CommandTable& table);
void register_contact_group_commands(CommandTable& table);
void register_history_service(CommandTable& table);
void register_all_member_push_service(CommandTable& table);
void register_msg_extension_service(CommandTable& table);

void CommandTable::add_service(std::string service, ServiceInfo info) {
  services_.insert_or_assign(std::move(service), info);
}

void CommandTable::add(std::string service, std::string command, Handler handler) {
  handlers_.insert_or_assign(service + "/" + command, std::move(handler));
}

const ServiceInfo* CommandTable::service(std::string_view name) const {
  auto it = services_.find(name);
  return it == services_.end() ? nullptr : &it->second;
}

const Handler* CommandTable::find(std::string_view service, std::string_view command) const {
  std::string key;
  key.reserve(service.size() + command.size() + 1);
  key.append(service).append("/").append(command);
  auto it = handlers_.find(key);
  return it == handlers_.end() ? nullptr : &it->second;
}

std::vector<std::string> CommandTable::names() const {
  std::vector<std::string> names;
  names.reserve(handlers_.size());
  for (const auto& [name, handler] : handlers_) names.push_back(name);
  return names;
}

CommandTable make_rest_commands() {
  using core::ErrorCode;
  CommandTable table;
  // reference/rest-api.md §1.4: each service's own "admin required" and "bad JSON" codes.
  table.add_service("im_open_login_svc", {ErrorCode::account_admin_required, ErrorCode::account_invalid_params,
                                          ErrorCode::account_internal_error});
  table.add_service("openim", {ErrorCode::openim_admin_required, ErrorCode::openim_json_parse_error,
                               ErrorCode::openim_internal_error});
  table.add_service("sns", {ErrorCode::sns_admin_required, ErrorCode::sns_invalid_params,
                            ErrorCode::sns_internal_error, ErrorCode::unknown_resource, true});
  table.add_service("profile", {ErrorCode::profile_admin_required, ErrorCode::profile_invalid_params,
                                ErrorCode::profile_internal_error, ErrorCode::unknown_resource, true});
  table.add_service("recentcontact", {ErrorCode::contact_admin_required, ErrorCode::contact_invalid_params,
                                      ErrorCode::contact_internal_error, ErrorCode::unknown_resource, true});
  table.add_service("group_open_http_svc", {ErrorCode::group_permission_denied, ErrorCode::group_json_parse_error,
                                            ErrorCode::group_internal_error, ErrorCode::group_bad_command});
  table.add_service("group_open_attr_http_svc", {ErrorCode::group_permission_denied, ErrorCode::group_json_parse_error,
                                                 ErrorCode::group_internal_error, ErrorCode::group_bad_command});
  table.add_service("group_open_avchatroom_http_svc",
                    {ErrorCode::group_permission_denied, ErrorCode::group_json_parse_error,
                     ErrorCode::group_internal_error, ErrorCode::group_bad_command});
  table.add_service("million_group_open_http_svc",
                    {ErrorCode::group_permission_denied, ErrorCode::group_json_parse_error,
                     ErrorCode::group_internal_error, ErrorCode::group_bad_command});
  register_account_service(table);
  register_sns_service(table);
  register_openim_service(table);
  register_profile_service(table);
  register_recentcontact_service(table);
  register_contact_group_commands(table);
  register_sns_legacy_commands(table);
  register_group_service(table);
  register_openconfigsvr_service(table);
  register_dirty_words_service(table);
  register_follow_service(table);
  register_config_svc_service(table);
  register_history_service(table);
  register_all_member_push_service(table);
  register_msg_extension_service(table);
  guard_fields_with_dirty_words(table);  // last: it wraps the sns and profile handlers registered above
  return table;
}

}  // namespace timock::api
