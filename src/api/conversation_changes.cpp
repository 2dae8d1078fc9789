#include "api/conversation_changes.hpp"

#include <boost/json/serialize.hpp>

#include "core/delivery.hpp"
#include "core/event_hub.hpp"
#include "store/store.hpp"

namespace timock::api {

void announce_conversation_change(const core::EventHub* hub, store::Store& store, core::SdkAppId app,
                                  std::string_view owner, std::string_view origin_instance,
                                  boost::json::object change) {
  if (!hub) return;
  // A conversation notice to the owner's own devices.
  auto delivery =
      core::c2c_notice_delivery(app, core::C2cNotice::conversation_changed, boost::json::serialize(change),
                                {{std::string(owner), true}}, origin_instance);
  store.when_committed([hub, delivery = std::move(delivery)] { hub->deliver(delivery); });
}

}  // namespace timock::api
