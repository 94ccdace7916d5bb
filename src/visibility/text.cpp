#include "visibility/text.hpp"

namespace ticketcore::detail {

text_audience text_audience_of(const part& p, const std::string& ticket_contact) {
  // M1: who may read a part copied by a merge is decided when it is read,
  // for the reader; an index holds one answer for every contact, so such
  // words are never public.
  const bool public_ = !p.internal && !p.data.contains("merged_from");
  switch (p.kind) {
    case part_kind::reply: return public_ ? text_audience::public_ : text_audience::internal;
    case part_kind::customer_message:
      // The contact's own words; a teammate may share the contact's id.
      return public_ && p.author.is_contact() && p.author.id == ticket_contact ? text_audience::public_
                                                                               : text_audience::internal;
    case part_kind::note: return text_audience::internal;
    default: return text_audience::none;
  }
}

}  // namespace ticketcore::detail
