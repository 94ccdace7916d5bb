// What the fuzz targets share: a small configuration with a directory, types
// of every category and a custom lifecycle, and a desk seeded through it.
#pragma once

#include <string>
#include <utility>

namespace fuzz {

inline const char* desk_config = R"({
  "brands": [{"id": "acme", "name": "Acme"}],
  "companies": [{"id": "initech", "name": "Initech"}],
  "contacts": [
    {"id": "a", "name": "Ann", "email": "ann@initech.test", "company": "initech"},
    {"id": "b", "name": "Bob", "email": "bob@initech.test", "company": "initech"},
    {"id": "d", "name": "Dan", "email": "dan@example.test"}],
  "teams": [{"id": "support", "name": "Support"}],
  "teammates": [{"id": "tom", "name": "Tom", "email": "tom@desk.test", "teams": ["support"]}],
  "lifecycles": [{"id": "helpdesk", "states": [
      {"key": "new", "label": "New", "category": "submitted", "stage": 1},
      {"key": "open", "label": "Open", "category": "in_progress", "stage": 2},
      {"key": "closed", "label": "Closed", "category": "resolved", "stage": 3}],
    "transitions": [["new", "open"], ["open", "closed"], ["closed", "open"]]}],
  "ticket_types": [
    {"id": "bug_report", "name": "Bug report", "category": "customer", "attributes": [
      {"key": "browser", "type": "list", "options": ["chrome", "firefox"], "visible_to_customer": true,
       "editable_by_customer": true},
      {"key": "severity", "type": "integer"}]},
    {"id": "refund", "name": "Refund", "category": "customer", "lifecycle": "helpdesk", "attributes": [
      {"key": "amount", "type": "decimal", "visible_to_customer": true}]},
    {"id": "process_refund", "name": "Process refund", "category": "back_office"},
    {"id": "bug", "name": "Bug", "category": "tracker"}]
})";

// Requests (tc_desk_execute) that give a desk a few records of each kind.
// "@T1" and "@C1" stand for the first ticket's and the conversation's ids
// (the caller substitutes them): #1 a customer ticket of contact a shared
// with initech, #2 contact b's refund, #3 a tracker linked to #1, a
// conversation of contact d, a reply and a note on #1.
inline const char* seed_requests[] = {
    R"({"op": "create_ticket", "actor": {"kind": "teammate", "id": "tom"}, "args": {"type": "bug_report",
        "title": "Login broken", "description": "The login page fails", "contact": "a", "sharing": "company",
        "attributes": {"browser": "chrome", "severity": 2}}})",
    R"({"op": "create_ticket", "actor": {"kind": "contact", "id": "b"}, "args": {"type": "refund",
        "title": "Refund my order", "description": "Order 42 arrived broken"}})",
    R"({"op": "create_conversation", "actor": {"kind": "contact", "id": "d"}, "args": {
        "contact": "d", "channel": "web_form", "message": "Hello, is anyone there?"}})",
    R"({"op": "create_linked_ticket", "actor": {"kind": "teammate", "id": "tom"}, "args": {"from": "@T1",
        "ticket": {"type": "bug", "title": "Session cookie lost"}}})",
    R"({"op": "reply", "actor": {"kind": "teammate", "id": "tom"}, "args": {"target": "@T1", "body": "On it"}})",
    R"({"op": "add_note", "actor": {"kind": "teammate", "id": "tom"}, "args": {"target": "@T1", "body": "internal"}})",
};

// Every "@T1" and "@C1" in `text` replaced by the ids `t1` and `c1`.
inline std::string with_ids(std::string text, const std::string& t1, const std::string& c1) {
  for (auto [mark, id] : {std::pair<const char*, const std::string*>{"@T1", &t1}, {"@C1", &c1}})
    for (auto at = text.find(mark); at != std::string::npos; at = text.find(mark, at + id->size()))
      text.replace(at, 3, *id);
  return text;
}

}  // namespace fuzz
