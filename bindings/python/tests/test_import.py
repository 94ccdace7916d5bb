"""Imports through the binding: all or none, numbers in order, no notice to contacts."""

import unittest

from support import CONFIG, TOM, tc


class Import(unittest.TestCase):
    def setUp(self):
        self.desk = tc.Desk(CONFIG, actor=TOM)

    def tearDown(self):
        self.desk.close()

    def test_imports_in_order_without_notifying(self):
        stored = self.desk.import_tickets([
            {"type": "bug_report", "title": f"Old {i}", "contact": "ann"} for i in range(3)])
        self.assertEqual([t["number"] for t in stored], [1, 2, 3])
        self.assertEqual(self.desk.ticket(stored[2]["id"])["title"], "Old 2")
        self.assertEqual(self.desk.outbox(), [])

    def test_one_bad_ticket_fails_the_import_naming_it(self):
        with self.assertRaises(tc.ValidationFailed) as caught:
            self.desk.import_tickets([{"type": "bug_report", "title": "Good", "contact": "ann"},
                                      {"type": "bug_report", "title": "Bad", "contact": "nobody"}])
        self.assertIn("tickets[1]", str(caught.exception))
        self.assertEqual(self.desk.count_tickets({}), 0)
        with self.assertRaises(tc.InvalidArgument):
            self.desk.import_tickets([{"type": "bug_report", "title": "Typo", "contat": "ann"}])


if __name__ == "__main__":
    unittest.main()
