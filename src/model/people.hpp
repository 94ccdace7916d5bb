// What the floors below the store ask of the directory: is there such a
// person, and which company does a contact belong to now. The unit of
// work's directory reader (kernel/directory_reader.hpp) answers, from the
// store and then the configuration, so the policy and the attribute checks
// never read the configuration's sections themselves.
#pragma once

#include <ticketcore/directory.hpp>

#include <string_view>

namespace ticketcore::detail {

class people {
 public:
  virtual ~people() = default;
  // nullptr when there is none. A pointer stays valid for the reader's life.
  virtual const contact* find_contact(std::string_view id) = 0;
  virtual const teammate* find_teammate(std::string_view id) = 0;
  virtual const company* find_company(std::string_view id) = 0;
  virtual const team* find_team(std::string_view id) = 0;
};

}  // namespace ticketcore::detail
