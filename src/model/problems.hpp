// What is wrong with an input, each problem with the path of the value it
// concerns ("ticket.number", "rules[2].actions[0].action"). One collector
// for every reader and validator: a record read stops at the first problem,
// a configuration or a new ticket reports every problem at once, so a host
// fixes its input in one pass.
#pragma once

#include <ticketcore/error.hpp>

#include <string>
#include <vector>

namespace ticketcore::detail {

class problems {
 public:
  enum class mode { first, collect };

  // `kind` is the error raised; in `first` mode add() raises it at once.
  // `context` names the input in messages ("report request"), where paths
  // start inside it.
  explicit problems(mode m = mode::collect, errc kind = errc::validation_failed, std::string context = {})
      : mode_(m), kind_(kind), context_(std::move(context)) {}

  // One problem: "[<context>: ]<path>: <what>", `path` its field. In
  // `first` mode, throws.
  void add(const std::string& path, const std::string& what);
  // Problems another reader found, already worded (their fields and text).
  void add_worded(const std::vector<std::string>& fields, const std::string& text);

  bool empty() const noexcept { return fields_.empty(); }
  std::size_t size() const noexcept { return fields_.size(); }
  const std::vector<std::string>& fields() const noexcept { return fields_; }
  // Every problem, "; " between them.
  std::string text() const;

  // Throws error(kind, heading + text(), fields()) when any problem was
  // added; `count` puts "(N problems)" after the heading.
  void raise_if_any(const std::string& heading, bool count = false) const;

 private:
  mode mode_;
  errc kind_;
  std::string context_;
  std::vector<std::string> fields_;
  std::vector<std::string> messages_;
};

}  // namespace ticketcore::detail
