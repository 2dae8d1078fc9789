// store::Query and store::Row (store/query.hpp): a cached statement on loan, reset however its scope ends,
// and result columns read by name.
#include "store/query.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <stdexcept>
#include <string>

#include "store/database.hpp"

namespace timock::store {
namespace {

class QueryTest : public ::testing::Test {
 protected:
  Database db{":memory:"};

  void SetUp() override {
    db.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT, stars INTEGER)");
    db.exec("INSERT INTO notes (id, text, stars) VALUES (1, 'one', 5), (2, NULL, 3)");
    db.exec("CREATE TABLE probe (x)");
  }

  // DROP TABLE fails ("database table is locked") while any statement of the connection is stopped on a row.
  bool no_statement_mid_result() {
    try {
      db.exec("DROP TABLE probe");
    } catch (const StoreError&) {
      return false;
    }
    db.exec("CREATE TABLE probe (x)");
    return true;
  }
};

TEST_F(QueryTest, ReadsColumnsByNameInAnyOrder) {
  Query query(db, "SELECT id, text, stars FROM notes ORDER BY id");
  const auto first = query.next();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->int64("stars"), 5);
  EXPECT_EQ(first->text("text"), "one");
  EXPECT_EQ(first->int64("id"), 1);
  EXPECT_EQ(first->int64("stars"), 5);
  EXPECT_FALSE(first->is_null("text"));
  const auto second = query.next();
  ASSERT_TRUE(second);
  EXPECT_EQ(second->int64("id"), 2);
  EXPECT_TRUE(second->is_null("text"));
  EXPECT_EQ(second->text("text"), "");
  EXPECT_FALSE(query.next());
}

TEST_F(QueryTest, ReadsAColumnByItsAlias) {
  Query query(db, "SELECT count(*) AS n FROM notes WHERE stars > ?");
  query.bind(1, 4);
  EXPECT_EQ(query.one().int64("n"), 1);
}

TEST_F(QueryTest, AnUnknownColumnNameThrowsNamingItAndTheColumnsThereAre) {
  Query query(db, "SELECT id, text FROM notes");
  const auto row = query.next();
  ASSERT_TRUE(row);
  try {
    row->int64("stars");
    FAIL() << "no exception";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("\"stars\""), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("id, text"), std::string::npos) << e.what();
  }
}

TEST_F(QueryTest, OneThrowsWhenThereIsNoRow) {
  Query query(db, "SELECT id FROM notes WHERE id = ?");
  query.bind(1, 99);
  EXPECT_THROW(query.one(), StoreError);
}

TEST_F(QueryTest, AStatementLeftOnARowBlocksDropTable) {
  // What the tests below rely on: the check sees a statement left mid-result.
  auto& raw = db.cached("SELECT id FROM notes");
  ASSERT_TRUE(raw.step());
  EXPECT_FALSE(no_statement_mid_result());
  raw.reset();
  EXPECT_TRUE(no_statement_mid_result());
}

TEST_F(QueryTest, EndingMidResultResetsTheStatement) {
  {
    Query query(db, "SELECT id FROM notes");
    ASSERT_TRUE(query.next());
  }
  EXPECT_TRUE(no_statement_mid_result());
}

TEST_F(QueryTest, AThrowMidResultStillResetsTheStatement) {
  EXPECT_THROW(
      {
        Query query(db, "SELECT id FROM notes");
        const auto row = query.next();
        ASSERT_TRUE(row);
        row->text("missing");  // throws with the statement on a row
      },
      StoreError);
  EXPECT_TRUE(no_statement_mid_result());
  EXPECT_THROW(
      {
        Query query(db, "SELECT id FROM notes");
        ASSERT_TRUE(query.next());
        throw std::runtime_error("the caller fails");
      },
      std::runtime_error);
  EXPECT_TRUE(no_statement_mid_result());
}

TEST_F(QueryTest, AnEmptyOptionalBindsNull) {
  Query(db, "UPDATE notes SET text = coalesce(?, text) WHERE id = 1")
      .bind(1, std::optional<std::string>())
      .run();
  Query query(db, "UPDATE notes SET text = ? WHERE id = 2");
  query.bind(1, std::optional<std::string>("two")).run();
  EXPECT_EQ(query.changes(), 1);
  Query read(db, "SELECT text FROM notes ORDER BY id");
  EXPECT_EQ(read.next()->text("text"), "one");
  EXPECT_EQ(read.next()->text("text"), "two");
}

TEST_F(QueryTest, AQueryStartsWithNoBindingsLeftFromTheLastLoan) {
  {
    Query query(db, "SELECT count(*) AS n FROM notes WHERE stars = ?");
    query.bind(1, 5);
    EXPECT_EQ(query.one().int64("n"), 1);
  }
  Query query(db, "SELECT count(*) AS n FROM notes WHERE stars = ?");
  EXPECT_EQ(query.one().int64("n"), 0);  // ? is NULL: nothing equals it
}

}  // namespace
}  // namespace timock::store
