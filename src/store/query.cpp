#include "store/query.hpp"

namespace timock::store {

int Row::find(std::string_view column) const {
  const auto& names = statement_->column_names();
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == column) {
      next_ = i + 1;
      return static_cast<int>(i);
    }
  }
  std::string known;
  for (const auto& name : names) known += (known.empty() ? "" : ", ") + name;
  throw StoreError("no column \"" + std::string(column) + "\" in the result (its columns: " + known + ")");
}

Query::Query(Database& db, const char* sql) : db_(db), statement_(db.cached(sql)) {}

Query::~Query() {
  statement_.reset();
}

Query& Query::bind(int index, const std::optional<std::string>& value) {
  if (value)
    statement_.bind(index, *value);
  else
    statement_.bind_null(index);
  return *this;
}

Query& Query::bind_null(int index) {
  statement_.bind_null(index);
  return *this;
}

std::optional<Row> Query::next() {
  if (!statement_.step()) return std::nullopt;
  return Row(statement_);
}

Row Query::one() {
  auto row = next();
  if (!row) throw StoreError("a query that always yields a row yielded none");
  return *row;
}

void Query::run() {
  statement_.run();
}

}  // namespace timock::store
