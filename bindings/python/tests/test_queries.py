"""Queries through the binding (Q1): filters, order, cursors, counts and
full text that respects visibility (V1)."""

import unittest

from support import CONFIG, TOM, tc


class Queries(unittest.TestCase):
    def setUp(self):
        self.desk = tc.Desk(CONFIG, actor=TOM)
        self.ids = []
        for i, (contact, priority) in enumerate([("ann", "low"), ("bob", "urgent"), ("ann", "high"),
                                                 ("ann", "urgent"), ("cat", "normal")]):
            t = self.desk.create_ticket(type="bug_report", title=f"Printer {i}", contact=contact,
                                        priority=priority)
            self.ids.append(t["id"])
        self.desk.add_note(self.ids[0], "secret zebra")

    def tearDown(self):
        self.desk.close()

    def test_q1_pages_in_priority_order_with_cursors(self):
        query = {"contact": "ann", "order": "priority"}
        first = self.desk.find_tickets(query, limit=2)
        self.assertEqual([t["id"] for t in first["tickets"]], [self.ids[3], self.ids[2]])
        rest = self.desk.find_tickets(query, limit=2, cursor=first["next_cursor"])
        self.assertEqual([t["id"] for t in rest["tickets"]], [self.ids[0]])
        self.assertEqual(rest["next_cursor"], "")
        self.assertEqual([t["id"] for t in self.desk.iter_tickets(query, page_size=1)],
                         [self.ids[3], self.ids[2], self.ids[0]])
        self.assertEqual(self.desk.count_tickets(query), 3)

    def test_v1_a_contact_never_finds_internal_text(self):
        self.assertEqual(self.desk.count_tickets({"text": "zebra"}), 1)
        self.assertEqual(self.desk.count_tickets({"text": "zebra"}, as_contact="ann"), 0)
        mine = self.desk.find_tickets({"text": "printer", "descending": False}, as_contact="ann")
        self.assertEqual([t["id"] for t in mine["tickets"]], [self.ids[0], self.ids[2], self.ids[3]])
        self.assertNotIn("priority", mine["tickets"][0])  # the customer view
        with self.assertRaises(tc.Forbidden):
            self.desk.find_tickets({"priorities": ["urgent"]}, as_contact="ann")

    def test_q1_saved_views_with_counts(self):
        self.desk.save_view({"id": "urgent", "name": "Urgent", "query": {"priorities": ["urgent"]}})
        self.assertEqual([(v["id"], v["count"]) for v in self.desk.views()], [("urgent", 2)])
        self.desk.remove_view("urgent")
        self.assertEqual(self.desk.views(), [])

    def test_b1_bulk_update_in_batches(self):
        cursor, seen = "", 0
        while True:
            r = self.desk.bulk_update({"contact": "ann"}, batch=2, cursor=cursor, assignee="fay",
                                      add_tags=["triaged"])
            seen += r["matched"]
            cursor = r["next_cursor"]
            if not cursor:
                break
        self.assertEqual(seen, 3)
        self.assertEqual(self.desk.count_tickets({"assignee": "fay", "tags": ["triaged"]}), 3)
        with self.assertRaises(tc.ValidationFailed):
            self.desk.bulk_update({}, priority="asap")

    def test_bad_queries_are_named(self):
        with self.assertRaises(tc.InvalidArgument) as typo:
            self.desk.find_tickets({"prioritys": ["urgent"]})
        self.assertIn("prioritys", str(typo.exception))
        with self.assertRaises(tc.InvalidArgument):
            self.desk.find_tickets({}, cursor="priority:desc:1:nonsense")


if __name__ == "__main__":
    unittest.main()
