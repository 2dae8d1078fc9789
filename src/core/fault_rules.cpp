#include "core/fault_rules.hpp"

#include <algorithm>

namespace timock::core {

namespace {
bool field_matches(const std::string& wanted, std::string_view actual) { return wanted.empty() || wanted == actual; }
}  // namespace

FaultRule FaultRules::add(SdkAppId app, FaultRule rule) {
  std::lock_guard lock(mutex_);
  auto& rules = apps_[app];
  if (rule.id.empty()) {
    do rule.id = "r" + std::to_string(rules.next_id++);
    while (std::any_of(rules.rules.begin(), rules.rules.end(), [&](const auto& r) { return r.id == rule.id; }));
  } else {
    std::erase_if(rules.rules, [&](const auto& r) { return r.id == rule.id; });
  }
  rules.generators[rule.id] = rule.seed ? std::mt19937_64(*rule.seed) : std::mt19937_64(std::random_device{}());
  rules.rules.push_back(rule);
  return rule;
}

std::vector<FaultRule> FaultRules::list(SdkAppId app) const {
  std::lock_guard lock(mutex_);
  auto it = apps_.find(app);
  return it == apps_.end() ? std::vector<FaultRule>{} : it->second.rules;
}

std::optional<FaultRule> FaultRules::find(SdkAppId app, std::string_view id) const {
  std::lock_guard lock(mutex_);
  auto it = apps_.find(app);
  if (it == apps_.end()) return std::nullopt;
  for (const auto& rule : it->second.rules)
    if (rule.id == id) return rule;
  return std::nullopt;
}

bool FaultRules::remove(SdkAppId app, std::string_view id) {
  std::lock_guard lock(mutex_);
  auto it = apps_.find(app);
  if (it == apps_.end()) return false;
  it->second.generators.erase(std::string(id));
  return std::erase_if(it->second.rules, [&](const auto& r) { return r.id == id; }) > 0;
}

void FaultRules::clear(SdkAppId app) {
  std::lock_guard lock(mutex_);
  apps_.erase(app);
}

std::optional<FaultOutcome> FaultRules::consult(SdkAppId app, const FaultSubject& subject) {
  std::lock_guard lock(mutex_);
  auto it = apps_.find(app);
  if (it == apps_.end()) return std::nullopt;
  auto& rules = it->second.rules;
  for (auto rule = rules.begin(); rule != rules.end(); ++rule) {
    const auto& m = rule->match;
    if (!field_matches(m.service, subject.service) || !field_matches(m.command, subject.command) ||
        !field_matches(m.identifier, subject.identifier) || !field_matches(m.peer, subject.peer))
      continue;
    if (m.surface.empty() ? subject.surface == "callback" : m.surface != subject.surface) continue;
    if (rule->probability < 1.0) {
      auto& generator = it->second.generators[rule->id];
      if (std::uniform_real_distribution<double>(0.0, 1.0)(generator) >= rule->probability) continue;
    }
    FaultOutcome outcome{rule->id, rule->error_code, rule->error_info, rule->delay_ms, rule->http_status,
                         rule->drop_connection};
    ++rule->hits;
    if (rule->times && --*rule->times <= 0) {
      it->second.generators.erase(rule->id);
      rules.erase(rule);
    }
    return outcome;
  }
  return std::nullopt;
}

}  // namespace timock::core
