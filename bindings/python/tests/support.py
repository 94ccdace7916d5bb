"""Shared fixtures of the binding's tests: the seed-000 configuration and the
widespread-bug scenario (the rules of docs/rules.md, cited by the tests)."""

import os
import sys
import tempfile
import unittest

# The package from this source tree, unless PYTHONPATH already names one.
HERE = os.path.dirname(os.path.abspath(__file__))
if not any(os.path.isdir(os.path.join(p or ".", "ticketcore")) for p in sys.path[1:]):
    sys.path.insert(0, os.path.dirname(HERE))

import ticketcore as tc  # noqa: E402

CONTACTS = ["ann", "bob", "cat", "dan"]

CONFIG = {
    "brands": [{"id": "acme", "name": "Acme"}],
    "contacts": [{"id": c, "name": c.title(), "email": f"{c}@example.com"} for c in CONTACTS],
    "teams": [{"id": "support", "name": "Support"}, {"id": "finance", "name": "Finance"}],
    "teammates": [{"id": "tom", "name": "Tom", "teams": ["support"]},
                  {"id": "fay", "name": "Fay", "teams": ["finance"]}],
    "ticket_types": [
        {"id": "bug_report", "name": "Bug report", "category": "customer"},
        {"id": "refund", "name": "Process refund", "category": "back_office"},
        {"id": "bug", "name": "Bug", "category": "tracker"},
    ],
}

TOM = tc.teammate("tom")
FAY = tc.teammate("fay")


class Scenario:
    """The widespread bug of seed 000, run through the binding."""

    def __init__(self, desk: tc.Desk) -> None:
        self.desk = desk
        self.conversations, self.tickets = [], []
        for who in CONTACTS:
            conversation = desk.create_conversation(who, "Export does nothing", channel="chat", brand="acme",
                                                    subject="Export fails")
            ticket = desk.convert_conversation(conversation, type="bug_report", title=f"Export fails for {who}", actor=TOM)
            self.conversations.append(conversation)
            self.tickets.append(ticket)
        self.tracker = desk.create_linked_ticket(self.conversations[0], type="bug", title="Export button dead",
                                                 actor=TOM)
        for ticket in self.tickets[1:]:
            desk.add_link(ticket, self.tracker, "tracker", actor=TOM)
        self.back_office = desk.create_linked_ticket(self.conversations[0], type="refund",
                                                     title="Refund Ann for the lost export", actor=TOM)
        desk.add_note(self.back_office, "Refund issued", mode="cross_post", actor=FAY)
        self.root_cause = desk.add_note(self.tracker, "Root cause found: exporter null pointer", actor=TOM)
        self.done = desk.set_state(self.tracker, "done", actor=TOM)


class TempDir(unittest.TestCase):
    """A test case with a fresh temporary directory in self.dir."""

    def setUp(self) -> None:
        super().setUp()
        self._tmp = tempfile.TemporaryDirectory(prefix="ticketcore-py-")
        self.dir = self._tmp.name
        self.addCleanup(self._tmp.cleanup)
