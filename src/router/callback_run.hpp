// A call whose command may have to ask the app's server first (reference/rest-api.md §7): HTTP surfaces (REST,
// WebIM) run their command through here. When a run asks a before-callback (callback::AskFirst), the reply
// is parked (router/pending_reply.hpp) while the callback is sent; with its verdict the command runs again,
// and that run's reply goes out. The after-callbacks a run queued leave once its reply is written.
#pragma once

#include <functional>
#include <memory>

#include "router/context.hpp"
#include "router/http_types.hpp"

namespace timock::core {
struct App;
}
namespace timock::callback {
class Callbacks;
}

namespace timock::router {

// One run of the command, as its reply; throws callback::AskFirst when it needs a verdict first.
using Attempt = std::function<HttpResponse()>;
// What follows the last run, before its reply goes out: fault shaping and the journal entry.
using Finish = std::function<void(HttpResponse&)>;

HttpResponse run_with_callbacks(Context& services, std::shared_ptr<const core::App> app,
                                std::shared_ptr<callback::Callbacks> callbacks, Attempt attempt, Finish finish);

}  // namespace timock::router
