// A cached statement on loan (Query) and its rows read by column name (Row). Internal to store/: the
// repositories use these instead of Database::cached(), so whatever throws, no statement is left bound or
// stopped on a row (where it would keep its read transaction, and an old view of the database, alive).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "store/database.hpp"

namespace timock::store {

// One result row of a Query, valid until the Query steps again or ends. A column is named as the SELECT names
// it (its AS alias, say); the names are read once per prepared statement (Statement::column_names).
class Row {
 public:
  std::int64_t int64(std::string_view column) const { return statement_->int64(index(column)); }
  std::string text(std::string_view column) const { return statement_->text(index(column)); }  // NULL: ""
  bool is_null(std::string_view column) const { return statement_->is_null(index(column)); }

 private:
  friend class Query;
  explicit Row(const Statement& statement) : statement_(&statement) {}
  // Inline: a read in SELECT order is then one comparison of a literal with the name, and no call.
  int index(std::string_view column) const {
    const auto& names = statement_->column_names();
    if (next_ < names.size() && names[next_] == column) return static_cast<int>(next_++);
    return find(column);
  }
  // Any other read: a scan of the names. Throws StoreError for a name the statement does not select.
  int find(std::string_view column) const;

  const Statement* statement_;
  // Where the next lookup looks first: columns are mostly read in SELECT order (read_c2c_message reads 14 per
  // message on the hot path).
  mutable std::size_t next_ = 0;
};

// The connection's cached statement for `sql`, on loan for this scope: bound, stepped, and reset with its
// bindings cleared in the destructor, even when a read or the caller throws mid-result.
class Query {
 public:
  Query(Database& db, const char* sql);
  ~Query();
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;

  // Binds are 1-based, like SQLite's (see Statement::bind).
  template <typename T>
  Query& bind(int index, const T& value) {
    statement_.bind(index, value);
    return *this;
  }
  // NULL when empty (an UPDATE's coalesce(?, column) keeps the column then).
  Query& bind(int index, const std::optional<std::string>& value);
  Query& bind_null(int index);
  // Binds every argument in order, from index 1.
  template <typename... Args>
  Query& bind_all(const Args&... args) {
    int index = 0;
    (bind(++index, args), ...);
    return *this;
  }

  // The next result row; nullopt once there are no more.
  std::optional<Row> next();
  // The one row a query always yields (an aggregate without GROUP BY, a PRAGMA); throws StoreError if none.
  Row one();
  // Runs to completion (for statements without rows).
  void run();
  // Rows the last INSERT/UPDATE/DELETE changed, and the last inserted row id, of the connection.
  int changes() const { return db_.changes(); }
  std::int64_t last_insert_rowid() const { return db_.last_insert_rowid(); }

 private:
  Database& db_;
  Statement& statement_;
};

}  // namespace timock::store
