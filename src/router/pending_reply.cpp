#include "router/pending_reply.hpp"

namespace timock::router {

PendingReply::~PendingReply() {
  if (gauge_ && !result_) gauge_->fetch_sub(1);  // dropped unanswered (a server stopped in a hurry)
}

void PendingReply::count_in(std::shared_ptr<std::atomic<std::int64_t>> gauge) {
  std::lock_guard lock(mutex_);
  if (gauge_ || result_) return;
  gauge_ = std::move(gauge);
  gauge_->fetch_add(1);
}

bool PendingReply::complete(HttpResponse response) {
  std::function<void()> wake;
  {
    std::lock_guard lock(mutex_);
    if (result_) return false;
    result_ = std::move(response);
    wake = std::move(wake_);
    if (gauge_) gauge_->fetch_sub(1);
  }
  if (wake) wake();
  return true;
}

bool PendingReply::done() const {
  std::lock_guard lock(mutex_);
  return result_.has_value();
}

void PendingReply::when_complete(std::function<void()> wake) {
  {
    std::lock_guard lock(mutex_);
    if (!result_) {
      wake_ = std::move(wake);
      return;
    }
  }
  wake();
}

HttpResponse PendingReply::take() {
  std::lock_guard lock(mutex_);
  return result_ ? std::move(*result_) : on_timeout_;
}

}  // namespace timock::router
