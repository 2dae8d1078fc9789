#include "api/msg_body.hpp"

#include <boost/json/value.hpp>
#include <initializer_list>
#include <string_view>

namespace timock::api {

namespace json = boost::json;
using core::ErrorCode;

namespace {

enum class Kind { string, number, array, object };

struct FieldRule {
  std::string_view name;
  Kind kind;
  bool required;
};

struct ElemRule {
  std::string_view type;
  std::initializer_list<FieldRule> fields;
  // Two fields of which at least one must be present (none when empty).
  std::string_view either = {};
  std::string_view or_else = {};
};

// Required fields are those every SDK sends; optional ones are type-checked when present.
const ElemRule kRules[] = {
    {"TIMTextElem", {{"Text", Kind::string, true}}},
    {"TIMLocationElem",
     {{"Desc", Kind::string, false}, {"Latitude", Kind::number, true}, {"Longitude", Kind::number, true}}},
    {"TIMFaceElem", {{"Index", Kind::number, true}, {"Data", Kind::string, false}}},
    {"TIMCustomElem",
     {{"Data", Kind::string, true}, {"Desc", Kind::string, false}, {"Ext", Kind::string, false},
      {"Sound", Kind::string, false}}},
    {"TIMSoundElem",
     {{"Url", Kind::string, false}, {"UUID", Kind::string, false}, {"Size", Kind::number, true},
      {"Second", Kind::number, true}, {"Download_Flag", Kind::number, false}},
     "Url", "UUID"},
    {"TIMImageElem",
     {{"UUID", Kind::string, true}, {"ImageFormat", Kind::number, true}, {"ImageInfoArray", Kind::array, true}}},
    {"TIMFileElem",
     {{"Url", Kind::string, false}, {"UUID", Kind::string, false}, {"FileSize", Kind::number, true},
      {"FileName", Kind::string, true}, {"Download_Flag", Kind::number, false}},
     "Url", "UUID"},
    {"TIMVideoFileElem",
     {{"VideoUrl", Kind::string, true}, {"VideoUUID", Kind::string, false}, {"VideoSize", Kind::number, true},
      {"VideoSecond", Kind::number, true}, {"VideoFormat", Kind::string, true},
      {"VideoDownloadFlag", Kind::number, false}, {"ThumbUrl", Kind::string, true},
      {"ThumbUUID", Kind::string, false}, {"ThumbSize", Kind::number, true}, {"ThumbWidth", Kind::number, true},
      {"ThumbHeight", Kind::number, true}, {"ThumbFormat", Kind::string, true},
      {"ThumbDownloadFlag", Kind::number, false}}},
    {"TIMRelayElem",
     {{"Title", Kind::string, true}, {"MsgNum", Kind::number, true}, {"CompatibleText", Kind::string, false},
      {"AbstractList", Kind::array, false}, {"MsgList", Kind::array, false}, {"JsonMsgKey", Kind::string, false}},
     "MsgList", "JsonMsgKey"},  // §6.1: the forwarded messages inline, or by key when over 12 KB
};

bool has_kind(const json::value& value, Kind kind) {
  switch (kind) {
    case Kind::string: return value.is_string();
    case Kind::number: return value.is_number();
    case Kind::array: return value.is_array();
    case Kind::object: return value.is_object();
  }
  return false;
}

MsgBodyCheck bad(std::size_t index, std::string_view what) {
  return {ErrorCode::openim_bad_msg_body, "MsgBody[" + std::to_string(index) + "]: " + std::string(what)};
}

MsgBodyCheck check_image_infos(std::size_t index, const json::array& infos) {
  for (const auto& info : infos) {
    if (!info.is_object()) return bad(index, "ImageInfoArray entries must be objects");
    const auto& o = info.get_object();
    for (std::string_view key : {"Type", "Size", "Width", "Height"}) {
      const auto* v = o.if_contains(key);
      if (!v || !v->is_number()) return bad(index, "ImageInfoArray." + std::string(key) + " must be a Number");
    }
    const auto* url = o.if_contains("URL");
    if (!url || !url->is_string()) return bad(index, "ImageInfoArray.URL must be a String");
  }
  return {};
}

}  // namespace

MsgBodyCheck check_msg_body(const json::value* msg_body) {
  if (!msg_body || !msg_body->is_array())
    return {ErrorCode::openim_msg_body_not_array, "MsgBody is missing or not an Array"};
  const auto& elements = msg_body->get_array();
  if (elements.empty()) return {ErrorCode::openim_bad_msg_body, "MsgBody is empty"};
  int custom_elements = 0;
  for (std::size_t i = 0; i < elements.size(); ++i) {
    if (!elements[i].is_object()) return bad(i, "an element must be an object");
    const auto& element = elements[i].get_object();
    const auto* type = element.if_contains("MsgType");
    if (!type || !type->is_string()) return bad(i, "MsgType is missing or not a String");
    const auto* content = element.if_contains("MsgContent");
    if (!content || !content->is_object()) return bad(i, "MsgContent is missing or not an object");
    const ElemRule* rule = nullptr;
    for (const auto& candidate : kRules)
      if (candidate.type == type->get_string()) rule = &candidate;
    if (!rule) return bad(i, "unknown MsgType " + std::string(type->get_string()));
    const auto& fields = content->get_object();
    for (const auto& field : rule->fields) {
      const auto* value = fields.if_contains(field.name);
      if (!value) {
        if (field.required) return bad(i, std::string(field.name) + " is missing");
        continue;
      }
      if (!has_kind(*value, field.kind)) return bad(i, std::string(field.name) + " has the wrong type");
    }
    if (!rule->either.empty() && !fields.contains(rule->either) && !fields.contains(rule->or_else))
      return bad(i, std::string(rule->either) + " or " + std::string(rule->or_else) + " is required");
    if (rule->type == "TIMImageElem")
      if (auto check = check_image_infos(i, fields.at("ImageInfoArray").get_array()); !check.ok()) return check;
    // §6.1: at most one TIMCustomElem per message.
    if (rule->type == "TIMCustomElem" && ++custom_elements > 1) return bad(i, "at most one TIMCustomElem");
  }
  return {};
}

}  // namespace timock::api
