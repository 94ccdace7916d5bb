// Which parts of a visible record a contact may read (V2), decided when
// they are read, for the reader: a merge (M1) stores where a copied part
// came from and which ticket a "merged into" event points at, and this
// decides who may see them.
#include "visibility/policy.hpp"

#include <algorithm>
#include <map>

namespace ticketcore::detail {
namespace {

// V2: the kinds of part a contact reads, and whose messages.
bool readable(const part& p, const actor& reader, const std::string& record_contact) {
  if (p.internal) return false;
  if (p.kind == part_kind::customer_message)  // a contact's words: a teammate may share the contact's id
    return p.author.is_contact() && (p.author.id == reader.id || p.author.id == record_contact);
  return p.kind == part_kind::reply || p.kind == part_kind::event || p.kind == part_kind::admin_message ||
         p.kind == part_kind::form;  // C5: a form sent to them lists only what they may fill in (V4)
}

std::optional<uuid> id_in(const boost::json::value* v) {
  if (!v || !v->is_string()) return std::nullopt;
  try {
    return parse_id(v->get_string(), "merge reference");
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

// Every ticket a merged copy came from: "merged_sources" lists the whole
// chain (a copy of a copy); parts copied before it existed name only
// "merged_from". A reference that does not parse counts as unseeable.
std::vector<std::optional<uuid>> merged_sources(const part& p) {
  std::vector<std::optional<uuid>> out;
  if (const boost::json::value* all = p.data.if_contains("merged_sources"); all && all->is_array())
    for (const auto& v : all->get_array()) out.push_back(id_in(&v));
  else if (const boost::json::value* from = p.data.if_contains("merged_from"))
    out.push_back(id_in(from));
  return out;
}

bool is_merge_notice(const part& p) {
  return p.kind == part_kind::event && (p.data.contains("merged_into") || p.data.contains("merged_into_number"));
}

// The ticket a "merged into" event on `p.owner` points at: named in the
// event, or (events written before it was) the owner's merged_into link.
std::optional<uuid> merge_target(const part& p, transaction& tx) {
  if (auto named = id_in(p.data.if_contains("merged_into"))) return named;
  for (const link& l : tx.links_of(p.owner, link_kind::merged_into))
    if (l.from == p.owner) return l.to;
  return std::nullopt;
}

// The author a contact is shown: a rule's id is an internal name, so
// automation and the system speak as the record's brand, else as what they
// are. Teammates and contacts show as they are.
actor shown_author(const config& c, const actor& author, const std::string& record_brand) {
  if (author.kind != actor_kind::automation && author.kind != actor_kind::system) return author;
  const brand* b = record_brand.empty() ? nullptr : c.find_brand(record_brand);
  return {author.kind, b ? b->name : std::string(to_string(author.kind))};
}

}  // namespace

std::vector<part> visibility::shown(const std::vector<part>& timeline, const std::string& record_contact,
                                    const std::string& record_brand, transaction& tx) const {
  if (!contact()) return timeline;
  std::map<uuid, bool> seen;  // a merge copies many parts from one ticket: look each up once
  auto may_see = [&](const std::optional<uuid>& id) {
    if (!id) return false;
    auto [at, fresh] = seen.try_emplace(*id, false);
    if (fresh) {
      auto t = tx.get_ticket(*id);
      at->second = t && can_see(*t);
    }
    return at->second;
  };
  std::vector<part> out;
  for (const part& p : timeline) {
    if (!readable(p, reader_, record_contact)) continue;
    auto sources = merged_sources(p);
    if (!std::all_of(sources.begin(), sources.end(), may_see)) continue;  // M1: not theirs to read before
    out.push_back(p);
    part& q = out.back();
    q.origin_ticket.reset();  // the origin may be a tracker the contact must not learn of (P8)
    q.author = shown_author(config_, p.author, record_brand);
    if (is_merge_notice(q) && !may_see(merge_target(q, tx))) {
      q.body = "Merged into another ticket";  // V3: nothing of a ticket they cannot see
      q.data = {};
    }
  }
  return out;
}

}  // namespace ticketcore::detail
