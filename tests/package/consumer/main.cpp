// A host that found ticketcore with find_package: creates a ticket and reads it back.
#include <ticketcore/ticketcore.hpp>

#include <iostream>

int main() {
  namespace tc = ticketcore;
  tc::desk_options options;
  options.config = tc::parse_config(std::string_view(R"({
    "contacts": [{"id": "ann", "name": "Ann"}],
    "teammates": [{"id": "tom", "name": "Tom"}],
    "ticket_types": [{"id": "question", "category": "customer"}]})"));
  tc::desk desk(std::move(options));
  tc::new_ticket t;
  t.type = "question";
  t.title = "Where is my invoice?";
  t.contact = "ann";
  auto created = desk.create_ticket(tc::actor::teammate("tom"), t);
  auto seen = desk.ticket(tc::actor::contact("ann"), created.ticket.number);
  std::cout << "ticketcore " << tc::version() << ": #" << seen.ticket.number << " stage " << seen.stage.label << "\n";
  return seen.stage.index == 1 ? 0 : 1;
}
