// /mock/*: the control plane that test suites drive (DESIGN "Control plane"). JSON in and out; bad input
// gets a 4xx reply {"error", "field"} naming the problem.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "core/domain.hpp"
#include "router/http_types.hpp"
#include "router/context.hpp"

namespace timock::control {

// `control_token`: empty, /mock is open (the server listens on loopback by default); else every request must
// carry it in X-Timock-Token.
router::HttpResponse handle_control(const router::HttpRequest& request, router::Context& services,
                                    std::string_view control_token);

// The route groups, one file each.
router::HttpResponse handle_apps(const router::HttpRequest& request, router::Context& services);
router::HttpResponse handle_app(const router::HttpRequest& request, router::Context& services, core::SdkAppId app,
                                std::string_view sub_route);
router::HttpResponse handle_faults(const router::HttpRequest& request, router::Context& services,
                                   core::SdkAppId app, std::optional<std::string_view> rule_id);
// /mock/apps/{id}/callback: the app's third-party callback settings (GET, PUT, DELETE).
router::HttpResponse handle_callback(const router::HttpRequest& request, router::Context& services,
                                     core::SdkAppId id);
router::HttpResponse handle_quotas(const router::HttpRequest& request, router::Context& services,
                                   core::SdkAppId app);
router::HttpResponse handle_journal(const router::HttpRequest& request, router::Context& services,
                                    core::SdkAppId app);
// /mock/apps/{id}/accounts[/{user}/conversations]: `rest` is what follows "accounts" in the path.
router::HttpResponse handle_accounts(const router::HttpRequest& request, router::Context& services,
                                     core::SdkAppId app, std::span<const std::string_view> rest);
// /mock/apps/{id}/online: who is logged in, on which protocol and instance.
router::HttpResponse handle_online(const router::HttpRequest& request, router::Context& services,
                                   core::SdkAppId app);
// /mock/apps/{id}/groups: the app's groups a page at a time, searched by GroupId or name.
router::HttpResponse handle_groups(const router::HttpRequest& request, router::Context& services,
                                   core::SdkAppId app);
router::HttpResponse handle_disk(const router::HttpRequest& request, router::Context& services);

}  // namespace timock::control
