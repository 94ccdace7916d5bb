#include "store/keys.hpp"

#include "query/matching.hpp"
#include "visibility/text.hpp"

namespace ticketcore {
namespace {

ticket_keys keys_but_words(const stored_ticket& t, const config& c) {
  ticket_keys k;
  k.priority_rank = c.priority_rank(t.priority);
  k.sla_status = status_of(t.sla);
  k.sla_due = next_sla_due(t.sla);
  for (const auto& at : {t.follow_up_at, t.action_required_at, k.sla_due})
    if (at && (!k.due_at || *at < *k.due_at)) k.due_at = at;
  return k;
}

}  // namespace

ticket_keys keys_of(const stored_ticket& t, const config& c) {
  ticket_keys k = keys_but_words(t, c);
  k.words = detail::words_of(t);
  return k;
}

part_keys part_keys_of(const part& p, const std::string* ticket_contact) {
  part_keys k;
  if (!ticket_contact) return k;
  k.audience = detail::text_audience_of(p, *ticket_contact);
  if (k.audience != text_audience::none) detail::query::add_new_words(p.body, k.words);
  return k;
}

namespace detail {

std::vector<std::string> words_of(const ticket& t) {
  std::vector<std::string> words;
  query::add_new_words(t.title, words);
  query::add_new_words(t.description, words);
  return words;
}

std::int64_t sort_key_of(const stored_ticket& t, const config& c, ticket_order order) {
  return sort_key(t, keys_but_words(t, c), order);
}

}  // namespace detail
}  // namespace ticketcore
