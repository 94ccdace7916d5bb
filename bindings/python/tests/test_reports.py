"""Reports through the binding (R1): JSON and CSV forms, figures checked
against what the test did, and contacts refused (V4)."""

import csv
import io
import unittest

from support import CONFIG, TOM, tc

START_MS = 1_795_424_400_000  # 2026-11-23T09:00:00Z
HOUR = 3600 * 1000


class Reports(unittest.TestCase):
    def setUp(self):
        self.now = [START_MS]
        self.desk = tc.Desk(CONFIG, clock=lambda: self.now[0], actor=TOM)
        self.ids = []
        for contact, priority in [("ann", "low"), ("bob", "urgent"), ("ann", "urgent")]:
            self.ids.append(self.desk.create_ticket(type="bug_report", title="Printer", contact=contact,
                                                    priority=priority)["id"])
        self.now[0] += 2 * HOUR
        self.desk.reply(self.ids[1], "On it")  # first response after 2 h
        self.now[0] += 1 * HOUR
        self.desk.set_state(self.ids[1], "resolved")  # resolved after 3 h
        self.desk.rate(self.ids[1], 5, "great, thanks", as_contact="bob")

    def tearDown(self):
        self.desk.close()

    def test_r1_json_by_priority(self):
        report = self.desk.report("2026-11-23T00:00:00Z", "2026-11-24T00:00:00Z", group_by="priority")
        rows = {row["group"]: row for row in report["rows"]}
        self.assertEqual(sorted(rows), ["low", "urgent"])
        self.assertEqual(rows["urgent"]["created"], 2)
        self.assertEqual(rows["urgent"]["resolved"], 1)
        self.assertEqual(rows["urgent"]["first_response"]["median_seconds"], 2 * 3600)
        self.assertEqual(rows["urgent"]["resolution"]["p90_seconds"], 3 * 3600)
        self.assertEqual(rows["urgent"]["csat"]["distribution"], [0, 0, 0, 0, 1])
        self.assertEqual(rows["urgent"]["backlog"], [{"day": "2026-11-23", "open": 1}])
        self.assertEqual(report["total"]["created"], 3)
        self.assertEqual(report["request"]["group_by"], "priority")

    def test_r1_csv_reads_back_in_a_spreadsheet_reader(self):
        text = self.desk.report("2026-11-23T00:00:00Z", "2026-11-24T00:00:00Z", group_by="priority", format="csv")
        rows = list(csv.DictReader(io.StringIO(text)))
        self.assertEqual([r["priority"] for r in rows], ["low", "urgent", "(total)"])
        self.assertEqual(rows[2]["created"], "3")
        self.assertEqual(rows[1]["csat_5"], "1")

    def test_r1_bad_requests_and_contacts(self):
        with self.assertRaises(tc.InvalidArgument):
            self.desk.report("2026-11-24T00:00:00Z", "2026-11-23T00:00:00Z")
        with self.assertRaises(tc.InvalidArgument):
            self.desk.report("2026-11-23T00:00:00Z", "2026-11-24T00:00:00Z", group_by="colour")
        with self.assertRaises(tc.Forbidden):
            self.desk.report("2026-11-23T00:00:00Z", "2026-11-24T00:00:00Z", actor=tc.contact("ann"))


if __name__ == "__main__":
    unittest.main()
