#include "console/console_routes.hpp"

#include "console/assets.hpp"

namespace timock::console {

namespace {

router::HttpResponse text(unsigned status, std::string body) {
  router::HttpResponse response;
  response.status = status;
  response.content_type = "text/plain; charset=utf-8";
  response.body = std::move(body);
  return response;
}

}  // namespace

router::HttpResponse serve_console(const router::HttpRequest& request, std::string_view control_token) {
  std::string_view path = request.target.substr(0, request.target.find_first_of("?#"));
  if (request.method != "GET") return text(405, "use GET\n");
  if (path == "/console") {
    auto response = text(308, "");
    response.headers.emplace_back("Location", "/console/");
    return response;
  }
  path.remove_prefix(std::string_view("/console/").size());
  if (path == "session") {
    const bool required = !control_token.empty();
    router::HttpResponse response;
    response.body = std::string(R"({"token_required":)") + (required ? "true" : "false") + R"(,"token_ok":)" +
                    (!required || request.control_token == control_token ? "true" : "false") + "}";
    response.headers.emplace_back("Cache-Control", "no-store");
    return response;
  }
  const auto asset = find_asset(path);
  if (!asset) return text(404, "no such console file\n");
  router::HttpResponse response;
  response.content_type = std::string(asset->content_type);
  response.body = std::string(asset->bytes);
  // The page is the binary's: a new timock may ship a new one, so the browser asks again each time (the
  // files are small and local).
  response.headers.emplace_back("Cache-Control", "no-cache");
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  return response;
}

}  // namespace timock::console
