#!/usr/bin/env python3
"""The widespread-bug scenario of seed 000 through the Python binding: four
customers report the same bug, their tickets follow one tracker, and one
state change on the tracker resolves them all. Prints each conversation's
timeline as the team sees it and as its contact sees it (like
examples/widespread_bug.cpp and examples/c/widespread_bug.c).

Usage: widespread_bug.py [desk-file]
Without an argument the desk lives in memory; with one it lives in that
SQLite file, which later runs reopen (numbers continue).

The binding finds libticketcore_c through TICKETCORE_LIBRARY, its own
package directory or the build tree (docs/python.md). Run from the source
tree as:

    TICKETCORE_LIBRARY=build/capi/libticketcore_c.so PYTHONPATH=bindings/python \\
        python3 examples/python/widespread_bug.py
"""

import os
import sys

try:
    import ticketcore as tc
except ImportError as e:
    if "ticketcore" not in str(e) or "No module named" not in str(e):
        raise
    # Run from a source checkout without PYTHONPATH: use the binding beside it.
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "bindings", "python"))
    import ticketcore as tc

CONFIGURATION = {
    "brands": [{"id": "acme", "name": "Acme"}],
    "contacts": [{"id": c, "name": c.title(), "email": f"{c}@example.com"} for c in ("ann", "bob", "cat", "dan")],
    "teams": [{"id": "support", "name": "Support"}, {"id": "finance", "name": "Finance"}],
    "teammates": [{"id": "tom", "name": "Tom", "teams": ["support"]},
                  {"id": "fay", "name": "Fay", "teams": ["finance"]}],
    "ticket_types": [
        {"id": "bug_report", "name": "Bug report", "category": "customer"},
        {"id": "refund", "name": "Process refund", "category": "back_office"},
        {"id": "bug", "name": "Bug", "category": "tracker"},
    ],
}


def print_timeline(heading, view):
    print(f"  {heading}")
    for part in view["timeline"]:
        print(f"    [{part['kind']}{', internal' if part['internal'] else ''}] {part['body']}")


def main(argv):
    tom, fay = tc.teammate("tom"), tc.teammate("fay")
    path = argv[1] if len(argv) > 1 else None
    with tc.Desk(CONFIGURATION, path=path) as desk:
        print(f"Desk {'file ' + path if path else 'in memory'}\n")
        contacts = ["ann", "bob", "cat", "dan"]
        conversations, tickets = [], []
        for who in contacts:
            conversation = desk.create_conversation(who, "Export does nothing", channel="chat", brand="acme",
                                                    subject="Export fails")
            tickets.append(desk.convert_conversation(conversation, type="bug_report", title=f"Export fails for {who}", actor=tom))
            conversations.append(conversation)

        tracker = desk.create_linked_ticket(conversations[0], type="bug", title="Export button dead", actor=tom)
        for ticket in tickets[1:]:
            desk.add_link(ticket, tracker, "tracker", actor=tom)

        back_office = desk.create_linked_ticket(conversations[0], type="refund",
                                                title="Refund Ann for the lost export", actor=tom)
        desk.add_note(back_office, "Refund issued", mode="cross_post", actor=fay)

        desk.add_note(tracker, "Root cause found: exporter null pointer", actor=tom)
        done = desk.set_state(tracker, "done", actor=tom)
        print(f"Tracker #{done['number']} \"{done['title']}\" is {done['state_label']}, "
              f"linked conversations: {done['linked_conversations']}\n")

        for who, conversation, ticket in zip(contacts, conversations, tickets):
            team_view = desk.conversation(conversation, actor=tom)
            print(f"Conversation {team_view['number']} with {who}")
            print_timeline("as the team sees it:", team_view)
            print_timeline(f"as {who} sees it:", desk.conversation(conversation, as_contact=who))
            mine = desk.ticket(ticket["id"], as_contact=who)
            print(f"  {who}'s ticket #{mine['number']}: stage {mine['stage']['index']} of 4 "
                  f"({mine['stage']['label']})\n")

        try:
            desk.ticket(back_office["number"], as_contact="ann")
        except tc.NotFound as e:
            print(f"Ann asks for back-office ticket #{back_office['number']}: {type(e).__name__}: {e}")
        print(f"Outbox: {len(desk.outbox(state='pending'))} notifications owed to contacts")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except tc.TicketcoreError as e:
        print(f"ticketcore error ({e.status_name}): {e}", file=sys.stderr)
        sys.exit(1)
