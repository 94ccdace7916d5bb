"""A desk in an SQLite file: reopened, its records and numbers continue (T3)."""

import os
import sqlite3
import unittest

from support import CONFIG, TOM, Scenario, TempDir, tc


class DeskFile(TempDir):
    def test_t3_reopened_desk_keeps_records_and_numbers_continue(self):
        path = os.path.join(self.dir, "support.desk")
        with tc.Desk(CONFIG, path=path, actor=TOM) as desk:
            s = Scenario(desk)
            last_ticket = s.back_office["number"]
            last_conversation = s.conversations[-1]["number"]
            history = desk.history(s.tickets[0])
        self.assertTrue(os.path.exists(path))

        with tc.Desk(CONFIG, store={"kind": "sqlite", "path": path, "durability": "normal"}, actor=TOM) as desk:
            # Everything is still there, as every actor saw it.
            self.assertEqual(desk.ticket(s.tickets[0]["number"], as_contact="ann")["stage"]["index"], 4)
            self.assertEqual(desk.history(s.tickets[0]), history)
            with self.assertRaises(tc.NotFound):
                desk.ticket(s.back_office["id"], as_contact="ann")
            # Numbers continue, never reused.
            c = desk.create_conversation("bob", "Another problem")
            t = desk.convert_conversation(c, type="bug_report", title="Another problem")
            self.assertEqual(c["number"], last_conversation + 1)
            self.assertEqual(t["number"], last_ticket + 1)

        with tc.Desk(CONFIG, path=path) as desk:
            self.assertEqual(desk.ticket(f"#{last_ticket + 1}", actor=TOM)["title"], "Another problem")

    def test_a_second_desk_on_a_locked_file_is_refused_or_shares_it(self):
        path = os.path.join(self.dir, "shared.desk")
        with tc.Desk(CONFIG, path=path, actor=TOM) as first:
            first.create_conversation("ann", "Hi")
            try:
                second = tc.Desk(CONFIG, path=path)
            except tc.StorageError as e:
                self.assertIn("shared.desk", e.message)
            else:
                second.close()

    def test_not_a_desk_file(self):
        path = os.path.join(self.dir, "notes.txt")
        with open(path, "w") as f:
            f.write("not sqlite at all, just text\n" * 100)
        with self.assertRaises(tc.StorageError) as caught:
            tc.Desk(CONFIG, path=path)
        self.assertIn("notes.txt", caught.exception.message)
        with open(path) as f:
            self.assertTrue(f.read().startswith("not sqlite"), "a bad file is left untouched")

    def test_u3_damaged_ticket_is_named_by_reads_listings_and_check(self):
        path = os.path.join(self.dir, "damaged.desk")
        with tc.Desk(CONFIG, path=path, actor=TOM) as desk:
            first = desk.create_ticket(type="bug_report", title="Export broken", contact="ann")
            second = desk.create_ticket(type="bug_report", title="Import broken", contact="ann")
            self.assertEqual(desk.check(), [])
        with sqlite3.connect(path) as db:  # as a host's tool or a disk could leave it
            db.execute("UPDATE tickets SET record = '{\"id\": ' WHERE number = ?", (second["number"],))
        with tc.Desk(CONFIG, path=path, actor=TOM) as desk:
            with self.assertRaises(tc.StorageError) as caught:
                desk.ticket(second["id"])
            self.assertIn(second["id"], caught.exception.message)
            self.assertEqual(desk.ticket(first["id"])["title"], "Export broken")
            marker = [i for i in desk.inbox() if i.get("damaged")]
            self.assertEqual([(i["id"], i["number"]) for i in marker], [(second["id"], second["number"])])
            page = desk.find_tickets({})
            self.assertEqual([t["id"] for t in page["tickets"]], [first["id"]])
            self.assertEqual([d["id"] for d in page["damaged"]], [second["id"]])
            self.assertNotIn("damaged", desk.find_tickets({}, as_contact="ann"))
            found = desk.check()
            self.assertEqual([(d["kind"], d["id"], d["number"]) for d in found],
                             [("ticket", second["id"], second["number"])])


if __name__ == "__main__":
    unittest.main()
