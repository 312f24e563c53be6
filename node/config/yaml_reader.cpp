#include "node/config/yaml_reader.hpp"

namespace proofgrid::config {
namespace {

Diagnostic make(Severity severity, const std::string& file, const YAML::Mark& mark,
                std::string key, std::string message) {
  Diagnostic d;
  d.severity = severity;
  d.file = file;
  if (!mark.is_null()) {
    d.line = mark.line + 1;
    d.column = mark.column + 1;
  }
  d.key = std::move(key);
  d.message = std::move(message);
  return d;
}

}  // namespace

void Reporter::error(const YAML::Mark& mark, std::string key, std::string message) {
  errors_.push_back(make(Severity::error, file_, mark, std::move(key), std::move(message)));
}

void Reporter::warning(const YAML::Mark& mark, std::string key, std::string message) {
  warnings_.push_back(make(Severity::warning, file_, mark, std::move(key), std::move(message)));
}

void Reporter::error(const Origin& at, std::string key, std::string message) {
  Diagnostic d{Severity::error, file_, at.line, at.column, std::move(key), std::move(message)};
  errors_.push_back(std::move(d));
}

Origin origin_of(const YAML::Node& value, const YAML::Mark& key_mark) {
  YAML::Mark m = value.Mark();
  if (m.is_null() || value.IsNull()) m = key_mark;
  if (m.is_null()) return Origin{Source::file, 0, 0};
  return Origin{Source::file, m.line + 1, m.column + 1};
}

std::string ValueReader::describe_value() const {
  switch (node_.Type()) {
    case YAML::NodeType::Scalar: return "\"" + node_.Scalar() + "\"";
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Map: return "a mapping";
    default: return "no value";
  }
}

void ValueReader::fail(std::string_view reason) const {
  std::string msg = "expected " + expected_ + ", got " + describe_value();
  if (!reason.empty()) msg += " (" + std::string(reason) + ")";
  report(std::move(msg));
}

void ValueReader::report(std::string message) const {
  reporter_.error(origin(), path_, path_ + ": " + message);
}

std::optional<std::string> ValueReader::scalar() const {
  if (!node_.IsScalar()) {
    fail();
    return std::nullopt;
  }
  return node_.Scalar();
}

std::optional<std::uint64_t> ValueReader::integer(std::uint64_t min, std::uint64_t max) const {
  auto text = scalar();
  if (!text) return std::nullopt;
  std::uint64_t v = 0;
  bool ok = !text->empty() && text->size() <= 20;
  for (char c : *text) {
    if (c < '0' || c > '9' || v > (UINT64_MAX - 9) / 10) {
      ok = false;
      break;
    }
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (!ok || v < min || v > max) {
    fail();
    return std::nullopt;
  }
  return v;
}

std::optional<bool> ValueReader::boolean() const {
  auto text = scalar();
  if (!text) return std::nullopt;
  if (*text == "true" || *text == "True" || *text == "TRUE") return true;
  if (*text == "false" || *text == "False" || *text == "FALSE") return false;
  fail();
  return std::nullopt;
}

std::optional<std::vector<ValueReader>> ValueReader::elements(
    std::string_view element_expected) const {
  std::vector<ValueReader> out;
  if (node_.IsNull()) return out;
  if (!node_.IsSequence()) {
    fail();
    return std::nullopt;
  }
  for (const auto& element : node_)
    out.emplace_back(element, key_mark_, path_ + "[" + std::to_string(out.size()) + "]",
                     std::string(element_expected), reporter_);
  return out;
}

}  // namespace proofgrid::config
