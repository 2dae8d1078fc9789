// The UserSig wrapper (reference/usersig.md §1): base64 via OpenSSL, zlib, strict Boost.JSON parsing.
#include "auth/usersig_codec.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <zlib.h>

#include <algorithm>
#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value_stack.hpp>
#include <cctype>
#include <limits>
#include <stdexcept>
#include <unordered_set>
#include <vector>

namespace timock::auth::detail {
namespace {

bool is_base64_data_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
}

// Ends the z_stream however the inflate loop leaves.
struct InflateGuard {
  z_stream* stream;
  ~InflateGuard() { inflateEnd(stream); }
};

// boost::json::basic_parser handler: builds a value through value_stack (as boost's own parser does) and
// refuses a key repeated within one object. Boost.JSON 1.81 has no option for that and would keep the
// last value (reference/usersig.md §4 step 4; vector v2-impl-duplicate-key).
class NoDuplicateKeysHandler {
 public:
  static constexpr std::size_t max_object_size = std::numeric_limits<std::size_t>::max();
  static constexpr std::size_t max_array_size = std::numeric_limits<std::size_t>::max();
  static constexpr std::size_t max_key_size = std::numeric_limits<std::size_t>::max();
  static constexpr std::size_t max_string_size = std::numeric_limits<std::size_t>::max();

  NoDuplicateKeysHandler() { stack_.reset(); }
  boost::json::value release() { return stack_.release(); }

  bool on_document_begin(boost::json::error_code&) { return true; }
  bool on_document_end(boost::json::error_code&) { return true; }
  bool on_array_begin(boost::json::error_code&) { return true; }
  bool on_array_end(std::size_t n, boost::json::error_code&) {
    stack_.push_array(n);
    return true;
  }
  bool on_object_begin(boost::json::error_code&) {
    keys_.emplace_back();
    return true;
  }
  bool on_object_end(std::size_t n, boost::json::error_code&) {
    keys_.pop_back();
    stack_.push_object(n);
    return true;
  }
  bool on_string_part(boost::json::string_view s, std::size_t, boost::json::error_code&) {
    stack_.push_chars(s);
    return true;
  }
  bool on_string(boost::json::string_view s, std::size_t, boost::json::error_code&) {
    stack_.push_string(s);
    return true;
  }
  bool on_key_part(boost::json::string_view s, std::size_t, boost::json::error_code&) {
    key_.append(s.data(), s.size());
    return true;
  }
  bool on_key(boost::json::string_view s, std::size_t, boost::json::error_code& ec) {
    key_.append(s.data(), s.size());
    if (!keys_.back().insert(key_).second) {
      ec = boost::json::error::syntax;
      return false;
    }
    stack_.push_key(key_);
    key_.clear();
    return true;
  }
  bool on_number_part(boost::json::string_view, boost::json::error_code&) { return true; }
  bool on_int64(std::int64_t i, boost::json::string_view, boost::json::error_code&) {
    stack_.push_int64(i);
    return true;
  }
  bool on_uint64(std::uint64_t u, boost::json::string_view, boost::json::error_code&) {
    stack_.push_uint64(u);
    return true;
  }
  bool on_double(double d, boost::json::string_view, boost::json::error_code&) {
    stack_.push_double(d);
    return true;
  }
  bool on_bool(bool b, boost::json::error_code&) {
    stack_.push_bool(b);
    return true;
  }
  bool on_null(boost::json::error_code&) {
    stack_.push_null();
    return true;
  }
  bool on_comment_part(boost::json::string_view, boost::json::error_code&) { return true; }
  bool on_comment(boost::json::string_view, boost::json::error_code&) { return true; }

 private:
  boost::json::value_stack stack_;
  std::vector<std::unordered_set<std::string>> keys_;  // one set per open object
  std::string key_;
};

}  // namespace

std::string base64_encode(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');  // +1: EVP_EncodeBlock writes a NUL
  const int n =
      EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                      reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
  out.resize(n < 0 ? 0 : static_cast<std::size_t>(n));
  return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
  // EVP_DecodeBlock is lenient (whitespace, `=` followed by data), so the canonical shape is checked here
  // first (reference/usersig.md §4 step 2) and OpenSSL only does the arithmetic.
  if (text.size() % 4 != 0 || text.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    return std::nullopt;
  }
  std::size_t padding = 0;
  if (!text.empty() && text.back() == '=')
    padding = (text.size() >= 2 && text[text.size() - 2] == '=') ? 2 : 1;
  const auto data = text.substr(0, text.size() - padding);
  if (!std::all_of(data.begin(), data.end(), is_base64_data_char)) return std::nullopt;
  if (text.empty()) return std::string{};
  std::string out(text.size() / 4 * 3, '\0');
  const int n =
      EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                      reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  if (n < 0 || static_cast<std::size_t>(n) != out.size()) return std::nullopt;
  out.resize(out.size() - padding);  // EVP_DecodeBlock counts the padding as zero bytes
  return out;
}

std::string to_urlish(std::string base64) {
  for (char& c : base64) {
    if (c == '+')
      c = '*';
    else if (c == '/')
      c = '-';
    else if (c == '=')
      c = '_';
  }
  return base64;
}

std::string from_urlish(std::string_view usersig) {
  std::string out(usersig);
  for (char& c : out) {
    if (c == '*')
      c = '+';
    else if (c == '-')
      c = '/';
    else if (c == '_')
      c = '=';
  }
  return out;
}

std::string zlib_compress_level1(std::string_view bytes) {
  uLongf size = compressBound(static_cast<uLong>(bytes.size()));
  std::string out(size, '\0');
  const int rc =
      compress2(reinterpret_cast<Bytef*>(out.data()), &size, reinterpret_cast<const Bytef*>(bytes.data()),
                static_cast<uLong>(bytes.size()), Z_BEST_SPEED);
  if (rc != Z_OK) throw std::runtime_error("zlib compress2 failed");
  out.resize(size);
  return out;
}

std::optional<std::string> zlib_inflate_strict(std::string_view bytes, std::size_t cap) {
  z_stream stream{};
  if (inflateInit(&stream) != Z_OK) return std::nullopt;  // windowBits 15: zlib framing only, no gzip
  InflateGuard guard{&stream};
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  stream.avail_in = static_cast<uInt>(bytes.size());

  std::string out;
  unsigned char chunk[4096];
  for (;;) {
    stream.next_out = chunk;
    stream.avail_out = sizeof chunk;
    const int rc = inflate(&stream, Z_NO_FLUSH);
    const std::size_t produced = sizeof chunk - stream.avail_out;
    if (out.size() + produced > cap) return std::nullopt;  // bomb: stop at the cap
    out.append(reinterpret_cast<const char*>(chunk), produced);
    if (rc == Z_STREAM_END) break;
    // Z_DATA_ERROR (bad header, bad adler32, corrupt), Z_NEED_DICT, Z_BUF_ERROR (no progress possible).
    if (rc != Z_OK) return std::nullopt;
    if (stream.avail_in == 0 && stream.avail_out != 0) return std::nullopt;  // input ended mid-stream
  }
  // reference/usersig.md §4 step 3: exactly one stream (vector v2-impl-trailing-bytes-after-zlib).
  if (stream.avail_in != 0) return std::nullopt;
  return out;
}

std::string wrap_json(std::string_view json) {
  return to_urlish(base64_encode(zlib_compress_level1(json)));
}

std::optional<boost::json::object> parse_json_object(std::string_view text) {
  boost::json::parse_options options;
  options.max_depth = kMaxJsonDepth;
  boost::json::basic_parser<NoDuplicateKeysHandler> parser(options);
  boost::json::error_code ec;
  const std::size_t consumed = parser.write_some(false, text.data(), text.size(), ec);
  if (ec || !parser.done() || consumed != text.size()) return std::nullopt;
  boost::json::value value = parser.handler().release();
  if (!value.is_object()) return std::nullopt;
  return std::move(value.get_object());
}

Document decode_document(std::string_view usersig) {
  Document doc;
  Decoded decoded = decode_usersig(usersig);
  if (decoded.failure != SigFailure::none) {
    doc.failure = decoded.failure;
    return doc;
  }
  auto object = parse_json_object(decoded.json);
  if (!object) {
    doc.failure = SigFailure::json;
    return doc;
  }
  doc.object = std::move(*object);
  return doc;
}

std::string serialize_like_rapidjson(const boost::json::object& object) {
  // Boost.JSON already writes compact JSON in insertion order with raw UTF-8 and the same escapes as
  // rapidjson, except that `\u00xx` uses lower-case hex (reference/usersig.md §6). Upper-case those
  // digits, walking escapes pairwise so an escaped backslash followed by a literal "u00.." is left alone.
  std::string text = boost::json::serialize(object);
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    if (text[i] != '\\') continue;
    if (text[i + 1] == 'u') {
      for (std::size_t j = i + 2; j < i + 6 && j < text.size(); ++j) {
        text[j] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[j])));
      }
    }
    ++i;  // skip the escaped character
  }
  return text;
}

bool equal_constant_time(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

bool is_v2_document(const boost::json::object& object) {
  const auto* ver = object.if_contains("TLS.ver");
  return ver != nullptr && ver->is_string() && ver->get_string() == "2.0";
}

bool is_expired(std::int64_t time, std::int64_t expire, std::int64_t now) {
  std::int64_t last_valid = 0;
  if (__builtin_add_overflow(time, expire, &last_valid)) return false;  // beyond int64: never expires
  return now > last_valid;
}

}  // namespace timock::auth::detail

namespace timock::auth {

Decoded decode_usersig(std::string_view usersig) {
  Decoded decoded;
  if (usersig.empty()) {
    decoded.failure = SigFailure::empty;  // reference/usersig.md §4 step 1
    return decoded;
  }
  if (usersig.size() > detail::kMaxUsersigLength) {  // refused before any work, see kMaxUsersigLength
    decoded.failure = SigFailure::base64;
    return decoded;
  }
  try {
    const auto compressed = detail::base64_decode(detail::from_urlish(usersig));  // §4 step 2
    if (!compressed) {
      decoded.failure = SigFailure::base64;
      return decoded;
    }
    auto json = detail::zlib_inflate_strict(*compressed, detail::kMaxInflatedSize);  // §4 step 3
    if (!json) {
      decoded.failure = SigFailure::zlib;
      return decoded;
    }
    decoded.json = std::move(*json);
  } catch (...) {
    decoded.failure = SigFailure::zlib;  // only allocation failure gets here; never throw
    decoded.json.clear();
  }
  return decoded;
}

}  // namespace timock::auth
