"""The configuration lives in the desk: a desk opened without ``config`` runs
the one its store keeps; ``configure`` stores the next version; a failed
``configure`` stores nothing (docs/configuration.md, "Where the configuration
lives")."""

import os
import unittest

from support import CONFIG, TOM, TempDir, tc
from test_storage import FailingStorage

EXTENDED = dict(CONFIG, ticket_types=CONFIG["ticket_types"] + [
    {"id": "question", "name": "Question", "category": "back_office"}])


class StoredConfiguration(TempDir):
    def test_a_desk_file_reopens_without_configuration(self):
        path = os.path.join(self.dir, "support.desk")
        with tc.Desk(CONFIG, path=path, actor=TOM) as desk:
            first = desk.create_ticket(type="refund", title="Pay back")
            given = desk.configuration()
        with tc.Desk(path=path, actor=TOM) as desk:
            self.assertEqual(desk.configuration(), given)
            self.assertEqual(desk.ticket(first["number"])["type"], "refund")
            self.assertEqual(desk.create_ticket(type="refund", title="Again")["number"], first["number"] + 1)

    def test_configure_then_reopen_runs_the_new_configuration(self):
        path = os.path.join(self.dir, "support.desk")
        with tc.Desk(CONFIG, path=path, actor=TOM) as desk:
            desk.configure(EXTENDED)
        with tc.Desk(path=path, actor=TOM) as desk:
            self.assertIn("question", [t["id"] for t in desk.configuration()["ticket_types"]])
            desk.create_ticket(type="question", title="How?")

    def test_a_failed_configure_stores_nothing(self):
        storage = FailingStorage()
        with tc.Desk(CONFIG, storage=storage, actor=TOM) as desk:
            kept = dict(storage.entries)
            storage.fail_on = "put_entry"
            with self.assertRaises(tc.TicketcoreError):
                desk.configure(EXTENDED)
            storage.fail_on = None
            self.assertNotIn("question", [t["id"] for t in desk.configuration()["ticket_types"]])
        self.assertEqual(storage.entries, kept)
        self.assertEqual(storage.entries[("configuration", "desk")]["version"], 1)
        with tc.Desk(storage=storage, actor=TOM) as desk:
            self.assertNotIn("question", [t["id"] for t in desk.configuration()["ticket_types"]])

    def test_a_removed_priority_is_refused_naming_the_tickets_or_migrated(self):
        """T4: tickets a change would strand are named, or moved by an explicit migration."""
        with tc.Desk(CONFIG, actor=TOM) as desk:
            urgent = desk.create_ticket(type="refund", title="Pay back", priority="urgent")
            fewer = dict(desk.configuration(), priorities=["low", "normal", "high"])
            with self.assertRaises(tc.ValidationFailed) as refused:
                desk.configure(fewer)
            self.assertEqual(refused.exception.fields, ["priorities"])
            self.assertIn(f"#{urgent['number']}", str(refused.exception))
            with self.assertRaises(tc.ValidationFailed) as wrong:
                desk.configure_migrating(fewer, {"priorities": {"urgent": "asap"}})
            self.assertEqual(wrong.exception.fields, ["migration.priorities.urgent"])
            self.assertEqual(desk.ticket(urgent["number"])["priority"], "urgent")
            desk.configure_migrating(fewer, {"priorities": {"urgent": "high"}})
            self.assertEqual(desk.ticket(urgent["number"])["priority"], "high")
            self.assertEqual(desk.configuration()["priorities"], ["low", "normal", "high"])


if __name__ == "__main__":
    unittest.main()
