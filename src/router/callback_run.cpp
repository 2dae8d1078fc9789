#include "router/callback_run.hpp"

#include <chrono>

#include "callback/callbacks.hpp"
#include "callback/dispatcher.hpp"
#include "core/domain.hpp"
#include "router/envelope.hpp"
#include "router/pending_reply.hpp"
#include "router/preamble.hpp"

namespace timock::router {

namespace {

// The transport answers within the callback's timeout; the parked reply waits that long and this much more
// before it gives up on the command.
constexpr std::chrono::seconds kParkMargin{5};

struct Run {
  Context& services;
  std::shared_ptr<const core::App> app;
  std::shared_ptr<callback::Callbacks> callbacks;
  Attempt attempt;
  Finish finish;
  std::shared_ptr<PendingReply> pending;
};

void send_notices_after(const std::shared_ptr<Run>& run, HttpResponse& response) {
  auto notices = run->callbacks->take_notices();
  if (notices.empty()) return;
  response.after_reply = [run, notices = std::move(notices)]() mutable {
    for (auto& notice : notices)
      run->services.callbacks.tell(*run->app, *run->callbacks, std::move(notice.command), std::move(notice.body));
  };
}

void ask_then_run(const std::shared_ptr<Run>& run, callback::AskFirst ask) {
  std::string command = ask.command;
  run->services.callbacks.ask(
      *run->app, *run->callbacks, ask.command, std::move(ask.body),
      [run, command = std::move(command)](callback::Verdict verdict) {
        run->callbacks->set_verdict(command, std::move(verdict));
        WriteWatch watch(run->services);
        HttpResponse response;
        try {
          response = run->attempt();
        } catch (callback::AskFirst& next) {  // a second before-callback (none of §7's commands asks two yet)
          ask_then_run(run, std::move(next));
          return;
        }
        run->finish(response);
        settle_writes(watch, run->services, response);
        send_notices_after(run, response);
        run->pending->complete(std::move(response));
      });
}

}  // namespace

HttpResponse run_with_callbacks(Context& services, std::shared_ptr<const core::App> app,
                                std::shared_ptr<callback::Callbacks> callbacks, Attempt attempt, Finish finish) {
  auto run = std::make_shared<Run>(Run{services, std::move(app), std::move(callbacks), std::move(attempt),
                                       std::move(finish), nullptr});
  try {
    HttpResponse response = run->attempt();
    run->finish(response);
    send_notices_after(run, response);
    return response;
  } catch (callback::AskFirst& ask) {
    const auto hold = std::chrono::milliseconds(run->callbacks->config().timeout_ms) + kParkMargin;
    run->pending = std::make_shared<PendingReply>(
        hold, json_response(200, error_envelope(core::ErrorCode::callback_failed,
                                                "the app's callback did not finish in time")));
    ask_then_run(run, std::move(ask));
    HttpResponse parked;
    parked.pending = run->pending;
    return parked;
  }
}

}  // namespace timock::router
