#include "core/error_category.hpp"

#include <string>

namespace timock::core {

namespace {

class TimCategory final : public boost::system::error_category {
 public:
  const char* name() const noexcept override { return "tencent-im"; }
  std::string message(int value) const override { return std::string(default_error_info(static_cast<ErrorCode>(value))); }
};

}  // namespace

const boost::system::error_category& tim_category() {
  static const TimCategory category;
  return category;
}

}  // namespace timock::core
