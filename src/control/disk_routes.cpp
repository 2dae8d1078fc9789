// /mock/disk: fill timock's disk on demand. A limit on the bytes the store's files (database and WAL) may
// take makes every write past it fail as on a full disk, so a test can see the codes its code gets then
// (70500 and each service's internal error), that reads go on, and that writes resume once space is back.
#include <boost/json/value.hpp>

#include "control/control_plane.hpp"
#include "control/replies.hpp"
#include "store/disk_quota.hpp"
#include "store/store.hpp"

namespace timock::control {

namespace json = boost::json;
using router::HttpRequest;
using router::HttpResponse;

namespace {

json::object disk_json(const store::DiskQuota& disk) {
  const auto limit = disk.limit();
  return {{"limit_bytes", limit ? json::value(*limit) : json::value(nullptr)},
          {"used_bytes", disk.used()},
          {"refused_writes", disk.refused_writes()}};
}

}  // namespace

HttpResponse handle_disk(const HttpRequest& request, router::Context& services) {
  auto* disk = services.store.disk();
  if (!disk) return problem(409, "the store is in memory (--db :memory:): there is no disk to fill; use --db FILE");
  const std::string_view method = request.method;
  if (method == "GET") return ok_json(disk_json(*disk));
  if (method == "DELETE") {
    disk->set_limit(std::nullopt);
    return ok_json(disk_json(*disk));
  }
  if (method != "PUT") return problem(405, "use GET, PUT or DELETE");
  auto body = parse_object(request.body);
  if (!body) return problem(400, "body must be a JSON object: {\"limit_bytes\": N or null}");
  const auto* limit = body->if_contains("limit_bytes");
  if (!limit) return problem(400, "limit_bytes is required (null lifts the limit)", "limit_bytes");
  if (limit->is_null()) {
    disk->set_limit(std::nullopt);
  } else if (limit->is_int64() && limit->get_int64() >= 0) {
    disk->set_limit(limit->get_int64());
  } else if (limit->is_uint64()) {
    disk->set_limit(static_cast<std::int64_t>(std::min<std::uint64_t>(limit->get_uint64(), INT64_MAX)));
  } else {
    return problem(400, "limit_bytes must be a whole number of bytes (0 or more) or null", "limit_bytes");
  }
  return ok_json(disk_json(*disk));
}

}  // namespace timock::control
