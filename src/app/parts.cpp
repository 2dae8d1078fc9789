#include "app/parts.hpp"

#include "console/console_routes.hpp"
#include "control/control_plane.hpp"

namespace timock::app {

Parts::Parts(const Settings& given)
    : settings(given),
      store(settings.db),
      apps(store),
      journal(settings.journal_cap),
      callbacks(clock, faults, journal, metrics),
      commands(api::make_rest_commands()),
      // `online` is the client registry, built below: set once it is.
      context{store, apps, clock, sig_cache, commands, faults, quotas, journal, metrics, hub, callbacks, nullptr},
      long_polls(settings.longpoll_hold, settings.webim_idle_timeout),
      sockets(settings.longpoll_hold),
      clients(client::Deps{store, clock, &hub, commands, sig_cache, &callbacks}, apps),
      webim(context, clients, long_polls),
      chatsdk(context, clients, sockets),
      console_events(settings.control_token),
      router(context, router::Routes{
                          .control =
                              [this](const router::HttpRequest& request) {
                                return control::handle_control(request, context, settings.control_token);
                              },
                          .console =
                              [this](const router::HttpRequest& request) {
                                return console::serve_console(request, settings.control_token);
                              },
                          .client = [this](const router::HttpRequest& request,
                                           const router::ParsedTarget& target) -> std::optional<router::HttpResponse> {
                            if (!webim::is_client_call(target)) return std::nullopt;
                            return webim.handle(request, target);
                          },
                          .socket = [this](const router::ParsedTarget& target,
                                           std::shared_ptr<router::SocketPeer> peer, std::string_view client_ip) {
                            if (console::is_event_stream_path(target.path))
                              return console_events.open_socket(target, std::move(peer));
                            return chatsdk.open_socket(target, std::move(peer), client_ip);
                          },
                      }) {
  clients.attach(client::Protocol::webim, long_polls);
  clients.attach(client::Protocol::chatsdk, sockets);
  context.online = &clients;
  // The console's "who is online" moves as clients log in and out.
  clients.set_presence_observer([this](core::SdkAppId app, std::string_view user, client::UserStatus status) {
    console_events.on_presence(app, user, client::status_name(status));
  });
  hub.add_listener(&clients);
  hub.add_listener(&console_events);
  journal.set_observer([this](core::SdkAppId app, const core::JournalEntry& entry) {
    console_events.on_journal(app, entry);
  });
}

}  // namespace timock::app
