// ConfigSvc/GetIPList (reference/rest-api.md §3.8): the addresses the service calls an app's callbacks from,
// which apps put in their firewalls. timock calls callbacks from the machine it runs on, so its list is the
// loopback address (README).
#include <boost/json/value.hpp>

#include "api/command.hpp"

namespace timock::api {

namespace json = boost::json;
using core::ErrorCode;

namespace {

Reply get_ip_list(const CallContext&, const json::object&) {
  return Reply::ok({{"IPList", json::array{"127.0.0.1"}}});
}

}  // namespace

void register_config_svc_service(CommandTable& table) {
  table.add_service("ConfigSvc", {ErrorCode::admin_required_common, ErrorCode::json_parse_error_common,
                                  ErrorCode::account_internal_error});
  table.add("ConfigSvc", "GetIPList", get_ip_list);
}

}  // namespace timock::api
