// The legacy WebIM client protocol's entry point (reference/webim-protocol.md §2): told apart from REST
// calls by `websdkappid`, or `tinyid` + `a2`, in the query.
#pragma once

#include "router/http_types.hpp"
#include "router/query.hpp"
#include "router/services.hpp"

namespace timock::webim {

bool is_client_call(const router::ParsedTarget& target);
router::HttpResponse handle_client(const router::HttpRequest& request, router::Services& services,
                                   const router::ParsedTarget& target);

}  // namespace timock::webim
