#include "control/fixture_catalogue.hpp"

#include <cstdint>
#include <utility>

#include "store/catalogue_tables.hpp"

namespace timock::control::fixture {

namespace json = boost::json;

std::vector<core::CatalogueTable> read_catalogue(const Reader& app, const std::set<std::string>& known) {
  std::vector<core::CatalogueTable> out;
  const auto* value = app.find("catalogue");
  if (!value) return out;
  const Reader catalogue(*value, app.at("catalogue"));
  for (const auto& [name, rows] : catalogue.object()) {
    const store::CatalogueTableSpec* spec = nullptr;
    for (const auto& t : store::catalogue_tables())
      if (t.table == std::string_view(name)) spec = &t;
    if (!spec) throw Bad{{catalogue.at(name), "is not a table of the catalogue"}};
    core::CatalogueTable table{std::string(name), {}};
    const auto& list = catalogue.array(name);
    for (std::size_t i = 0; i < list.size(); ++i) {
      const Reader row(list[i], catalogue.at(name, i));
      if (row.object().size() != spec->columns.size())
        throw Bad{{catalogue.at(name, i), "must hold exactly the table's columns"}};
      auto& values = table.rows.emplace_back();
      for (const auto& column : spec->columns) {
        if (column.integer)
          values.emplace_back(row.integer(column.name, true, 0, INT64_MIN, INT64_MAX));
        else if (column.account)
          values.emplace_back(account_ref(row, column.name, known));
        else
          values.emplace_back(row.string(column.name, true));
      }
    }
    out.push_back(std::move(table));
  }
  // A conversation group's items need their group (their foreign key): (owner, group_id) of contact_groups.
  std::set<std::pair<std::string, std::int64_t>> groups;
  for (const auto& table : out)
    if (table.table == "contact_groups")
      for (const auto& row : table.rows)
        groups.emplace(std::get<std::string>(row[0]), std::get<std::int64_t>(row[1]));
  for (const auto& table : out)
    if (table.table == "contact_group_items")
      for (std::size_t i = 0; i < table.rows.size(); ++i)
        if (!groups.contains(
                {std::get<std::string>(table.rows[i][0]), std::get<std::int64_t>(table.rows[i][1])}))
          throw Bad{
              {catalogue.at(table.table, i) + ".group_id", "names a group that is not in contact_groups"}};
  return out;
}

json::object catalogue_to_json(const std::vector<core::CatalogueTable>& tables) {
  json::object out;
  for (const auto& table : tables) {
    const store::CatalogueTableSpec* spec = nullptr;
    for (const auto& t : store::catalogue_tables())
      if (t.table == table.table) spec = &t;
    if (!spec) continue;
    json::array rows;
    for (const auto& values : table.rows) {
      json::object row;
      for (std::size_t i = 0; i < values.size() && i < spec->columns.size(); ++i) {
        if (const auto* n = std::get_if<std::int64_t>(&values[i]))
          row[spec->columns[i].name] = *n;
        else
          row[spec->columns[i].name] = std::get<std::string>(values[i]);
      }
      rows.push_back(std::move(row));
    }
    out[table.table] = std::move(rows);
  }
  return out;
}

}  // namespace timock::control::fixture
