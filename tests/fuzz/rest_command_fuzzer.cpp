// The JSON body of every registered REST command into its handler, over an in-memory store holding a few
// users: the first byte picks the command (api::make_rest_commands(), sorted), the rest is the body.
// A handler answers any object with a reply; only the store may throw (the gateway turns that into the
// service's internal error), so any other exception is a crash here.
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/json_limits.hpp"
#include "fuzz_world.hpp"
#include "router/envelope.hpp"
#include "store/database.hpp"

using namespace timock;
namespace json = boost::json;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  static const std::vector<std::string> names = api::make_rest_commands().names();
  const std::string& name = names[data[0] % names.size()];
  json::parse_options options;
  options.max_depth = core::kMaxJsonDepth;  // the gateway's bound: deeper bodies never reach a handler
  boost::system::error_code ec;
  auto value = json::parse(std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1), ec, {}, options);
  if (ec || !value.is_object()) return 0;

  fuzz::World world;
  world.add_users();
  const auto slash = name.find('/');
  const api::Handler* handler = world.commands.find(std::string_view(name).substr(0, slash),
                                                    std::string_view(name).substr(slash + 1));
  const api::CallContext context{*world.app, world.app->admin, world.store, world.clock, &world.hub};
  api::Reply reply;
  try {
    reply = (*handler)(context, value.get_object());
  } catch (const store::StoreError&) {
    return 0;
  }
  // The envelope is built for every reply; it must serialize and parse back as an object.
  const auto text = router::envelope(reply, false);
  auto back = json::parse(text, ec);
  if (ec || !back.is_object()) __builtin_trap();
  return 0;
}
