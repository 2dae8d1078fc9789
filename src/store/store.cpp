#include "store/store.hpp"

#include "store/migrations.hpp"

namespace timock::store {

Store::Store(const std::string& path) : path_(path), db_(path) { migrate(db_); }

}  // namespace timock::store
