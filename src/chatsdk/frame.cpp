#include "chatsdk/frame.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "auth/usersig_codec.hpp"
#include "core/json_limits.hpp"
#include "core/json_text.hpp"

namespace timock::chatsdk {

namespace json = boost::json;

namespace {
constexpr std::string_view kCompressedMagic = "COMP";
}

std::optional<Frame> decode_frame(std::string_view bytes, std::string& problem) {
  std::optional<std::string> inflated;
  if (bytes.starts_with(kCompressedMagic)) {
    // The SDK compresses with pako (zlib framing); the same bounded inflate as UserSig decoding.
    inflated = auth::detail::zlib_inflate_strict(bytes.substr(kCompressedMagic.size()), kMaxFrameBytes);
    if (!inflated) {
      problem = "a COMP frame that does not inflate to at most 1 MiB";
      return std::nullopt;
    }
    bytes = *inflated;
  }
  auto parsed = core::parse_object(bytes);
  if (!parsed) {
    problem = "not a JSON object";
    return std::nullopt;
  }
  auto& object = *parsed;
  Frame frame;
  if (auto* head = object.if_contains("head"); head && head->is_object()) frame.head = std::move(head->get_object());
  const auto* servcmd = frame.head.if_contains("servcmd");
  if (!servcmd || !servcmd->is_string() || servcmd->get_string().empty()) {
    problem = "no head.servcmd";
    return std::nullopt;
  }
  frame.servcmd = std::string(servcmd->get_string());
  if (auto* seq = frame.head.if_contains("seq")) frame.seq = *seq;
  if (auto* body = object.if_contains("body"); body && body->is_object()) {
    frame.body_text = json::serialize(*body);
    frame.body = std::move(body->get_object());
  }
  return frame;
}

std::string encode_frame(std::string_view servcmd, const json::value& seq, const json::object& body,
                         bool may_compress) {
  return encode_frame(servcmd, seq, json::serialize(body), may_compress);
}

std::string encode_frame(std::string_view servcmd, const json::value& seq, std::string_view body_json,
                         bool may_compress) {
  auto text = json::serialize(json::object{{"head", json::object{{"servcmd", servcmd}, {"seq", seq}}}});
  core::append_member(text, "body", body_json);
  if (!may_compress || text.size() <= kCompressAbove) return text;
  return std::string(kCompressedMagic) + auth::detail::zlib_compress_level1(text);
}

}  // namespace timock::chatsdk
