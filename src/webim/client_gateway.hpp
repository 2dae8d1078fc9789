// The legacy WebIM client protocol's entry point (reference/webim-protocol.md §2): told apart from REST
// calls by `websdkappid`, or `tinyid` + `a2`, in the query.
#pragma once

#include "router/context.hpp"
#include "router/http_types.hpp"
#include "router/query.hpp"

namespace timock::client {
class Registry;
}

namespace timock::webim {

class Sessions;

bool is_client_call(const router::ParsedTarget& target);

class Gateway {
 public:
  Gateway(router::Context& context, client::Registry& clients, Sessions& sessions)
      : context_(context), clients_(clients), sessions_(sessions) {}
  // A WebIM call (is_client_call(target)).
  router::HttpResponse handle(const router::HttpRequest& request, const router::ParsedTarget& target);

 private:
  router::Context& context_;
  client::Registry& clients_;
  Sessions& sessions_;
};

}  // namespace timock::webim
