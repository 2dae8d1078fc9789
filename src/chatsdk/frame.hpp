// The modern Chat SDK's frames (reference/modern-sdk-protocol.md §2.2, §3): one JSON object
// {"head":{…,"servcmd":"svc.cmd","seq":N},"body":{…}} per WebSocket message, as UTF-8, or as "COMP" + a zlib
// stream of it. A reply echoes servcmd and seq; the SDK matches replies on the two alone.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace timock::chatsdk {

struct Frame {
  boost::json::object head;
  boost::json::object body;
  std::string servcmd;     // "openim.sendmsg"
  boost::json::value seq;  // echoed as sent (a number, in practice)
  std::string body_text;   // the body as received, for the journal
};

// 1 MiB once inflated: a compressed frame may not expand past what an uncompressed one may hold.
constexpr std::size_t kMaxFrameBytes = 1024 * 1024;
// Replies and pushes this large go out compressed on binary sockets (optional for the SDK, §2.2).
constexpr std::size_t kCompressAbove = 64 * 1024;

// nullopt when the bytes are not a frame (bad JSON, a bad COMP stream, no servcmd); `problem` says why.
std::optional<Frame> decode_frame(std::string_view bytes, std::string& problem);
// A frame with head {servcmd, seq}; compressed ("COMP" + zlib) when `may_compress` and it is large.
std::string encode_frame(std::string_view servcmd, const boost::json::value& seq, const boost::json::object& body,
                         bool may_compress);
// The same around a body that is JSON text already: a reply's envelope, whose spliced fields (a history page's
// stored message bodies) stay text (bench/RESULTS.md F9).
std::string encode_frame(std::string_view servcmd, const boost::json::value& seq, std::string_view body_json,
                         bool may_compress);

}  // namespace timock::chatsdk
