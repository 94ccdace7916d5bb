#include "model/problems.hpp"

namespace ticketcore::detail {

void problems::add(const std::string& path, const std::string& what) {
  std::string text = context_.empty() ? std::string() : context_ + ": ";
  text += path.empty() ? what : path + ": " + what;
  if (mode_ == mode::first) throw error(kind_, text, {path});
  messages_.push_back(std::move(text));
  fields_.push_back(path);
}

void problems::add_worded(const std::vector<std::string>& fields, const std::string& text) {
  if (mode_ == mode::first) throw error(kind_, text, fields);
  fields_.insert(fields_.end(), fields.begin(), fields.end());
  messages_.push_back(text);
}

std::string problems::text() const {
  std::string out;
  for (std::size_t i = 0; i < messages_.size(); ++i) out += (i ? "; " : "") + messages_[i];
  return out;
}

void problems::raise_if_any(const std::string& heading, bool count) const {
  if (fields_.empty()) return;
  std::string text = heading;
  if (count)
    text += " (" + std::to_string(messages_.size()) + " problem" + (messages_.size() == 1 ? "" : "s") + ")";
  throw error(kind_, text + ": " + this->text(), fields_);
}

}  // namespace ticketcore::detail
