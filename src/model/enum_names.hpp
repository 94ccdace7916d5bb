// Enum names from their descriptions (BOOST_DESCRIBE_ENUM beside each public
// enum): the name is the identifier, without the trailing underscore that
// marks a C++ reserved word (sharing::private_ is "private").
#pragma once

#include <boost/describe/enumerators.hpp>
#include <boost/mp11/algorithm.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ticketcore::detail {

template <class Enum>
const std::vector<std::pair<Enum, std::string>>& enum_table() {
  static const std::vector<std::pair<Enum, std::string>> table = [] {
    std::vector<std::pair<Enum, std::string>> out;
    boost::mp11::mp_for_each<boost::describe::describe_enumerators<Enum>>([&](auto e) {
      std::string name = e.name;
      if (!name.empty() && name.back() == '_') name.pop_back();
      out.emplace_back(e.value, std::move(name));
    });
    return out;
  }();
  return table;
}

// "unknown" for a value outside the enum (a cast from a bad number).
template <class Enum>
const char* enum_name(Enum e) noexcept {
  for (const auto& [value, name] : enum_table<Enum>())
    if (value == e) return name.c_str();
  return "unknown";
}

template <class Enum>
std::optional<Enum> parse_enum(std::string_view text) noexcept {
  for (const auto& [value, name] : enum_table<Enum>())
    if (name == text) return value;
  return std::nullopt;
}

// "a, b or c", for messages.
template <class Enum>
std::string enum_choices() {
  const auto& table = enum_table<Enum>();
  std::string out;
  for (std::size_t i = 0; i < table.size(); ++i)
    out += (i == 0 ? "" : i + 1 == table.size() ? " or " : ", ") + table[i].second;
  return out;
}

}  // namespace ticketcore::detail
