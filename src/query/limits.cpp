#include "query/limits.hpp"

#include "query/matching.hpp"

#include <ticketcore/error.hpp>

#include <string>

namespace ticketcore::detail::query {
namespace {

[[noreturn]] void too_much(const std::string& field, const std::string& what, std::size_t limit, const char* unit) {
  throw error(errc::invalid_argument,
              "query." + field + " " + what + "; the limit is " + std::to_string(limit) + " " + unit + " (U4)", {field});
}

template <class List>
void check_list(const char* field, const List& values, std::size_t limit) {
  if (values.size() > limit) too_much(field, "has " + std::to_string(values.size()) + " values", limit, "values");
}

// Full text costs one index walk per word (FTS5 reads each word's whole
// posting list), so the words are counted, not only the bytes. The length is
// checked first: the words of an over-long text are never read.
void check_text(const std::string& text) {
  if (text.size() > max_search_text_bytes)
    too_much("text", "is " + std::to_string(text.size()) + " bytes long", max_search_text_bytes, "bytes");
  std::size_t count = 0;
  word_reader words(text);
  while (auto w = words.next()) {
    if (w->size() > max_search_word_bytes)
      too_much("text", "has a word of " + std::to_string(w->size()) + " bytes", max_search_word_bytes, "bytes a word");
    if (++count > max_search_words) too_much("text", "has too many words", max_search_words, "words");
  }
}

}  // namespace

void check_limits(const ticket_query& q) {
  check_text(q.text);
  check_list("tags", q.tags, max_query_tags);
  check_list("types", q.types, max_query_list_values);
  check_list("states", q.states, max_query_list_values);
  check_list("state_categories", q.state_categories, max_query_list_values);
  check_list("priorities", q.priorities, max_query_list_values);
}

}  // namespace ticketcore::detail::query
