#include "store/dirty_word_repository.hpp"

#include "store/query.hpp"

namespace timock::store {

std::vector<std::string> DirtyWordRepository::all() {
  Query query(db_, "SELECT word FROM dirty_words WHERE sdkappid = ? ORDER BY word");
  query.bind(1, sdkappid_);
  std::vector<std::string> words;
  while (const auto row = query.next()) words.push_back(row->text("word"));
  return words;
}

void DirtyWordRepository::add(std::string_view word) {
  Query(db_, "INSERT INTO dirty_words (sdkappid, word) VALUES (?, ?) ON CONFLICT DO NOTHING")
      .bind_all(sdkappid_, word)
      .run();
}

void DirtyWordRepository::remove(std::string_view word) {
  Query(db_, "DELETE FROM dirty_words WHERE sdkappid = ? AND word = ?").bind_all(sdkappid_, word).run();
}

// instr() over lower() keeps the match in SQLite: one statement however many words the app has (≤ 50 a call,
// §8, but calls add up). lower() folds ASCII only, as Tencent's word filter is documented for Latin text.
std::string DirtyWordRepository::found_in(std::string_view text) {
  if (text.empty()) return {};
  Query query(db_,
              "SELECT word FROM dirty_words WHERE sdkappid = ? AND instr(lower(?), lower(word)) > 0 "
              "ORDER BY word LIMIT 1");
  query.bind_all(sdkappid_, text);
  if (const auto row = query.next()) return row->text("word");
  return {};
}

}  // namespace timock::store
