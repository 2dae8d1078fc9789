// The long-lived side of third-party callbacks (reference/rest-api.md §7): builds each call's URL (SdkAppid,
// CallbackCommand, contenttype, ClientIP, OptPlatform, Sign and RequestTime), consults the fault rules for
// surface "callback", sends it through the transport, reads the answer into a Verdict and journals it.
#pragma once

#include <atomic>
#include <boost/json/object.hpp>
#include <functional>
#include <string>

#include "callback/callbacks.hpp"
#include "core/domain.hpp"

namespace timock::core {
class Clock;
class FaultRules;
class Journal;
class Metrics;
}  // namespace timock::core

namespace timock::callback {

class Transport;

class Dispatcher {
 public:
  Dispatcher(const core::Clock& clock, core::FaultRules& faults, core::Journal& journal, core::Metrics& metrics)
      : clock_(clock), faults_(faults), journal_(journal), metrics_(metrics) {}

  // Set by main once the server runs (and reset before it stops); none → every callback fails.
  void set_transport(Transport* transport) { transport_.store(transport); }

  // A before-callback: `done` runs once with the app's verdict (the failure policy applied), on a transport
  // thread or at once.
  void ask(const core::App& app, const Callbacks& origin, std::string command, boost::json::object body,
           std::function<void(Verdict)> done);
  // An after-callback: sent and journaled; its answer changes nothing (§7: no retry).
  void tell(const core::App& app, const Callbacks& origin, std::string command, boost::json::object body);
  // The after-callbacks a call queued, sent in order.
  void tell_all(const core::App& app, Callbacks& origin);

 private:
  void send(const core::App& app, const Callbacks& origin, std::string command, boost::json::object body,
            std::function<void(Verdict)> done);

  const core::Clock& clock_;
  core::FaultRules& faults_;
  core::Journal& journal_;
  core::Metrics& metrics_;
  std::atomic<Transport*> transport_{nullptr};
};

}  // namespace timock::callback
