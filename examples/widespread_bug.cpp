// The widespread-bug scenario of seed 000: four customers report the same
// bug, their tickets follow one tracker, and one state change on the
// tracker resolves them all. Prints each conversation as the team sees it
// and as its contact sees it.
//
// Usage: widespread_bug [desk-file]   (default: widespread_bug.desk)
// The desk lives in that file: run it again and the desk reopens, numbers
// continuing and history kept.
#include <ticketcore/ticketcore.hpp>

#include <iostream>
#include <string>
#include <vector>

namespace tc = ticketcore;

namespace {

const char* configuration = R"({
  "brands": [{"id": "acme", "name": "Acme"}],
  "contacts": [
    {"id": "ann", "name": "Ann", "email": "ann@example.com"},
    {"id": "bob", "name": "Bob", "email": "bob@example.com"},
    {"id": "cat", "name": "Cat", "email": "cat@example.com"},
    {"id": "dan", "name": "Dan", "email": "dan@example.com"}],
  "teams": [{"id": "support", "name": "Support"}, {"id": "finance", "name": "Finance"}],
  "teammates": [{"id": "tom", "name": "Tom", "teams": ["support"]},
                {"id": "fay", "name": "Fay", "teams": ["finance"]}],
  "ticket_types": [
    {"id": "bug_report", "name": "Bug report", "category": "customer"},
    {"id": "refund", "name": "Process refund", "category": "back_office"},
    {"id": "bug", "name": "Bug", "category": "tracker"}]
})";

void print_timeline(const std::string& heading, const std::vector<tc::part>& timeline) {
  std::cout << "  " << heading << "\n";
  for (const auto& p : timeline)
    std::cout << "    [" << tc::to_string(p.kind) << (p.internal ? ", internal" : "") << "] " << p.body << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  try {
    std::string path = argc > 1 ? argv[1] : "widespread_bug.desk";
    tc::desk_options options;
    options.config = tc::parse_config(std::string_view(configuration));
    options.storage = tc::open_sqlite_store(path);
    tc::desk desk(std::move(options));
    tc::actor tom = tc::actor::teammate("tom");

    tc::inbox_filter newest;
    newest.limit = 1;
    newest.conversations = false;
    auto last = desk.inbox(tc::actor::system(), newest);
    if (last.empty())
      std::cout << "New desk file " << path << "\n\n";
    else
      std::cout << "Reopened desk file " << path << ": its newest ticket is #" << last.front().number << " \""
                << last.front().title << "\", " << desk.history(tc::actor::system(), last.front().id).size()
                << " history entries kept\n\n";

    std::vector<std::string> contacts = {"ann", "bob", "cat", "dan"};
    std::vector<tc::uuid> conversations;
    std::vector<tc::uuid> tickets;
    for (const auto& who : contacts) {
      auto conv = desk.create_conversation(tc::actor::contact(who),
                                           {who, tc::channel::chat, "acme", "Export fails", "Export does nothing"});
      tc::new_ticket t;
      t.type = "bug_report";
      t.title = "Export fails for " + who;
      auto ticket = desk.convert_conversation(tom, conv.conversation.id, t);
      conversations.push_back(conv.conversation.id);
      tickets.push_back(ticket.ticket.id);
    }

    tc::new_ticket bug;
    bug.type = "bug";
    bug.title = "Export button dead";
    auto tracker = desk.create_linked_ticket(tom, conversations[0], bug);
    for (std::size_t i = 1; i < tickets.size(); ++i)
      desk.add_link(tom, tickets[i], tracker.ticket.id, tc::link_kind::tracker);

    tc::new_ticket refund;
    refund.type = "refund";
    refund.title = "Refund Ann for the lost export";
    auto back_office = desk.create_linked_ticket(tom, conversations[0], refund);
    desk.add_note(tc::actor::teammate("fay"), back_office.ticket.id, "Refund issued", tc::note_mode::cross_post);

    desk.add_note(tom, tracker.ticket.id, "Root cause found: exporter null pointer");
    auto done = desk.set_state(tom, tracker.ticket.id, "done");
    std::cout << "Tracker #" << done.ticket.number << " \"" << done.ticket.title << "\" is " << done.state_label
              << ", linked conversations: " << done.linked_conversations << "\n\n";

    for (std::size_t i = 0; i < contacts.size(); ++i) {
      tc::actor contact = tc::actor::contact(contacts[i]);
      auto team_view = desk.conversation(tom, conversations[i]);
      std::cout << "Conversation " << team_view.conversation.number << " with " << contacts[i] << "\n";
      print_timeline("as the team sees it:", team_view.timeline);
      print_timeline("as " + contacts[i] + " sees it:", desk.conversation(contact, conversations[i]).timeline);
      auto mine = desk.ticket(contact, tickets[i]);
      std::cout << "  " << contacts[i] << "'s ticket #" << mine.ticket.number << ": stage " << mine.stage.index
                << " of 4 (" << mine.stage.label << ")\n\n";
    }

    std::size_t pending = desk.outbox().size();
    std::cout << "Outbox: " << pending << " notifications owed to contacts\n";
    return 0;
  } catch (const tc::error& e) {
    std::cerr << "ticketcore error (" << tc::to_string(e.kind()) << "): " << e.what() << "\n";
    return 1;
  }
}
