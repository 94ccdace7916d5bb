"""Lists that can be long page with cursors (C8, N5) on every store, and
conversations are named by number as tickets are (V3)."""

import os
import unittest

from support import CONFIG, TOM, TempDir, tc


class Paging:
    """The cases, run once per store (the subclasses below)."""

    def open_desk(self):
        raise NotImplementedError

    def setUp(self):
        super().setUp()
        self.desk = self.open_desk()
        self.addCleanup(self.desk.close)
        for i in range(6):  # conversations and tickets interleaved, so pages cut across both
            self.desk.create_conversation("ann" if i % 2 else "bob", f"Message {i}")
            self.desk.create_ticket("bug_report", title=f"Ticket {i}", contact="ann" if i % 3 else "cat", actor=TOM)

    def pages(self, fetch, key):
        """Every page's items, following next_cursor, and how many pages."""
        seen, cursor, count = [], None, 0
        while True:
            page = fetch(cursor)
            seen.extend(item["id"] for item in page[key])
            count += 1
            cursor = page["next_cursor"]
            if not cursor:
                return seen, count

    def test_c8_the_inbox_pages_through_every_row_once_in_order(self):
        every = [row["id"] for row in self.desk.inbox(limit=100000, actor=TOM)]
        self.assertEqual(len(every), 12)
        seen, count = self.pages(lambda cursor: self.desk.inbox_page(limit=5, cursor=cursor, actor=TOM), "rows")
        self.assertEqual(seen, every)
        self.assertEqual(count, 3)
        self.assertEqual([row["id"] for row in self.desk.iter_inbox(page_size=4, actor=TOM)], every)
        mine = [row["id"] for row in self.desk.inbox(limit=100000, as_contact="ann")]
        self.assertEqual([row["id"] for row in self.desk.iter_inbox(page_size=2, as_contact="ann")], mine)
        tickets = [row["id"] for row in self.desk.inbox(conversations=False, limit=100000, actor=TOM)]
        self.assertEqual([row["id"] for row in self.desk.iter_inbox(page_size=4, conversations=False, actor=TOM)],
                         tickets)

    def test_c8_rows_added_between_pages_neither_repeat_nor_skip(self):
        every = [row["id"] for row in self.desk.inbox(limit=100000, actor=TOM)]
        seen = []
        for n, row in enumerate(self.desk.iter_inbox(page_size=3, actor=TOM)):
            seen.append(row["id"])
            if n % 3 == 0:
                self.desk.create_conversation("dan", f"While paging {n}")
        self.assertEqual(seen, every)

    def test_n5_the_outbox_pages_through_every_entry_once_in_order(self):
        start = [n["id"] for n in self.desk.outbox(limit=1000000)]
        self.assertGreater(len(start), 6)
        seen, added = [], 0
        for n, entry in enumerate(self.desk.iter_outbox(page_size=4)):
            seen.append(entry["id"])
            if n % 4 == 0 and added < 3:
                self.desk.create_ticket("bug_report", title="While paging", contact="dan", actor=TOM)
                added += 1
        end = [n["id"] for n in self.desk.outbox(limit=1000000)]
        self.assertGreater(len(end), len(start))
        self.assertEqual(seen, end)
        self.assertEqual(len(set(seen)), len(seen))
        anns = [n["id"] for n in self.desk.outbox(audience="contact", recipient="ann", limit=1000000)]
        seen, _ = self.pages(lambda cursor: self.desk.outbox_page(audience="contact", recipient="ann", limit=2,
                                                                  cursor=cursor), "notifications")
        self.assertEqual(seen, anns)

    def test_a_cursor_of_another_list_is_invalid(self):
        inbox_cursor = self.desk.inbox_page(limit=1, actor=TOM)["next_cursor"]
        with self.assertRaises(tc.InvalidArgument) as e:
            self.desk.outbox_page(cursor=inbox_cursor)
        self.assertIn("next_cursor of a page of the outbox", str(e.exception))

    def test_conversations_by_number_on_every_op_that_takes_one(self):
        first = self.desk.create_conversation("ann", "Export does nothing")
        second = self.desk.create_conversation("ann", "Import too")
        ticket = self.desk.convert_conversation(first["number"], type="bug_report", actor=TOM)
        self.assertEqual(self.desk.ticket(ticket, actor=TOM)["contact"], "ann")
        form = self.desk.send_form(f"#{second['number']}", "bug_report", actor=TOM)
        self.desk.submit_form(second["number"], form, as_contact="ann")
        # V3: Bob's view of Ann's conversation by number is a missing one's.
        missing = second["number"] + 100
        for number in (second["number"], missing):
            with self.assertRaises(tc.NotFound) as e:
                self.desk.conversation(number, as_contact="bob")
            self.assertEqual(str(e.exception), f"conversation #{number} not found")


class Memory(Paging, unittest.TestCase):
    def open_desk(self):
        return tc.Desk(CONFIG)


class SQLite(Paging, TempDir):
    def open_desk(self):
        return tc.Desk(CONFIG, path=os.path.join(self.dir, "paging.desk"))


class PythonStorage(Paging, unittest.TestCase):
    def open_desk(self):
        return tc.Desk(CONFIG, storage=tc.DictStorage())


if __name__ == "__main__":
    unittest.main()
