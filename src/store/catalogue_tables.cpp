#include "store/catalogue_tables.hpp"

#include <map>
#include <string>

#include "store/query.hpp"

namespace timock::store {

namespace {

// The statements of one table, built once (Query caches statements by their text).
struct Statements {
  std::string select;
  std::string insert;
};

const Statements& statements(const CatalogueTableSpec& spec) {
  static const std::map<std::string_view, Statements> all = [] {
    std::map<std::string_view, Statements> out;
    for (const auto& t : catalogue_tables()) {
      std::string columns, marks;
      for (const auto& c : t.columns) {
        columns += (columns.empty() ? "" : ", ") + std::string(c.name);
        marks += ", ?";
      }
      out[t.table] = {
          "SELECT " + columns + " FROM " + std::string(t.table) + " WHERE sdkappid = ? ORDER BY " + columns,
          "INSERT OR REPLACE INTO " + std::string(t.table) + " (sdkappid, " + columns + ") VALUES (?" +
              marks + ")"};
    }
    return out;
  }();
  return all.at(spec.table);
}

}  // namespace

const std::vector<CatalogueTableSpec>& catalogue_tables() {
  static const std::vector<CatalogueTableSpec> tables = {
      {"global_mutes", {{"user_id", false, true}, {"c2c_until", true}, {"group_until", true}}},
      {"dirty_words", {{"word"}}},
      {"follows", {{"follower", false, true}, {"followed", false, true}, {"follow_time", true}}},
      {"contact_groups", {{"owner", false, true}, {"group_id", true}, {"name"}}},
      {"contact_group_items",
       {{"owner", false, true}, {"group_id", true}, {"type", true}, {"target"}, {"add_time", true}}},
      {"push_attr_names", {{"slot", true}, {"name"}}},
      {"push_user_attrs", {{"user_id", false, true}, {"name"}, {"value"}}},
      {"push_user_tags", {{"user_id", false, true}, {"tag"}}},
      {"push_counters", {{"last_push", true}, {"day", true}, {"pushes", true}}},
      {"msg_extension_state", {{"msg_ref"}, {"latest_seq", true}, {"clear_seq", true}}},
      {"msg_extensions", {{"msg_ref"}, {"key"}, {"value"}, {"seq", true}}},
      // schema/012: the Chat SDK's C2C receive options.
      {"c2c_receive_options", {{"owner", false, true}, {"peer"}, {"mute_flag", true}, {"update_seq", true}}},
      // schema/013: message reactions.
      {"msg_reactions", {{"msg_ref"}, {"reaction"}, {"user_id"}, {"seq", true}}},
  };
  return tables;
}

std::vector<core::CatalogueTable> read_catalogue(Database& db, core::SdkAppId sdkappid) {
  std::vector<core::CatalogueTable> out;
  for (const auto& spec : catalogue_tables()) {
    Query query(db, statements(spec).select.c_str());
    query.bind(1, sdkappid);
    core::CatalogueTable table{std::string(spec.table), {}};
    while (const auto row = query.next()) {
      auto& values = table.rows.emplace_back();
      for (const auto& c : spec.columns) {
        if (c.integer)
          values.emplace_back(row->int64(c.name));
        else
          values.emplace_back(row->text(c.name));
      }
    }
    if (!table.rows.empty()) out.push_back(std::move(table));
  }
  return out;
}

void write_catalogue(Database& db, core::SdkAppId sdkappid, const std::vector<core::CatalogueTable>& tables) {
  // In catalogue_tables()' order, whatever the snapshot's: a conversation group before its items.
  for (const auto& spec : catalogue_tables())
    for (const auto& table : tables) {
      if (table.table != spec.table) continue;
      for (const auto& row : table.rows) {
        Query insert(db, statements(spec).insert.c_str());
        insert.bind(1, sdkappid);
        int index = 1;
        for (const auto& value : row) {
          ++index;
          if (const auto* n = std::get_if<std::int64_t>(&value))
            insert.bind(index, *n);
          else
            insert.bind(index, std::get<std::string>(value));
        }
        insert.run();
      }
    }
}

}  // namespace timock::store
