#include "domain/notify/outbox.hpp"

#include "visibility/projection.hpp"

#include <algorithm>

namespace ticketcore::detail {
namespace {

// A recipient as one key: contacts and teammates may share an id.
std::string recipient_key(audience a, const std::string& id) { return std::string(to_string(a)) + ":" + id; }

void enqueue(unit_of_work& uow, const std::string& recipient, const uuid& subject, std::int64_t number,
             std::uint64_t version, notification_kind kind, boost::json::object payload) {
  // Stable for the change that owes it: the record's version names it.
  const std::string key = to_string(subject) + "/" + std::to_string(version) + "/" + to_string(kind) + "/";
  for (notify_channel ch : {notify_channel::email, notify_channel::messenger}) {
    notification n;
    n.id = new_id();
    n.audience = audience::contact;
    n.recipient = recipient;
    n.channel = ch;
    n.kind = kind;
    n.ticket = subject;
    n.ticket_number = number;
    n.payload = ch == notify_channel::messenger ? std::move(payload) : payload;  // messenger goes last
    n.idempotency_key = key + to_string(ch) + "/" + recipient_key(audience::contact, recipient);
    n.created_at = uow.now;
    n.next_attempt_at = uow.now;
    uow.tx.enqueue(std::move(n));
  }
}

}  // namespace

void notify_teammates(unit_of_work& uow, const ticket& t, notification_kind kind, const std::string& occasion,
                      boost::json::object payload, const std::string& to) {
  std::vector<std::string> recipients;
  if (!to.empty()) recipients.push_back(to);
  else if (!t.assignee.empty()) recipients.push_back(t.assignee);
  else if (!t.team.empty())
    uow.directory.for_each_member(t.team, [&](const teammate& m) { recipients.push_back(m.id); });
  payload["ticket_number"] = t.number;
  payload["title"] = t.title;
  for (const std::string& r : recipients) {
    notification n;
    n.id = new_id();
    n.audience = audience::teammate;
    n.recipient = r;
    n.channel = notify_channel::email;
    n.kind = kind;
    n.ticket = t.id;
    n.ticket_number = t.number;
    n.payload = payload;
    n.idempotency_key =
        to_string(t.id) + "/" + occasion + "/" + to_string(kind) + "/" + recipient_key(audience::teammate, r);
    n.created_at = n.next_attempt_at = uow.now;
    uow.tx.enqueue(std::move(n));
  }
}

void notify_contact(unit_of_work& uow, const ticket& t, notification_kind kind, boost::json::object extra) {
  if (t.category != category::customer || t.contact.empty()) return;  // N4
  boost::json::object payload = projection(uow.cfg, uow.who, uow.tx, uow.directory).notification_payload(t);
  for (auto& kv : extra) payload[kv.key()] = std::move(kv.value());
  enqueue(uow, t.contact, t.id, t.number, t.version, kind, std::move(payload));
}

void notify_contact(unit_of_work& uow, const conversation& c, notification_kind kind, boost::json::object extra) {
  boost::json::object payload{{"conversation_number", c.number}, {"subject", c.subject}};
  for (auto& kv : extra) payload[kv.key()] = std::move(kv.value());
  enqueue(uow, c.contact, c.id, c.number, c.version, kind, std::move(payload));
}

}  // namespace ticketcore::detail
