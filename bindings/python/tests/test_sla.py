"""Service levels and due dates through the binding (S1, S2): the desk's own
clock, tick() and next_due(), on the memory store, an SQLite file and the
Python dict store (its due_tickets index)."""

import os
import tempfile
import unittest

from support import CONFIG, TOM, tc

START = "2026-11-23T09:00:00.000Z"
START_MS = 1_795_424_400_000  # START in milliseconds since the epoch

POLICIES = [{"id": "standard", "conditions": {"categories": ["customer"]},
             "targets": {"first_response": 60, "resolution": 100}}]


def config():
    return dict(CONFIG, sla_policies=POLICIES)


class ServiceLevels(unittest.TestCase):
    def run_on(self, **store):
        now = [START_MS]
        with tc.Desk(config(), clock=lambda: now[0], actor=TOM, **store) as desk:
            t = desk.create_ticket(type="bug_report", title="Export broken", contact="ann", assignee="tom")
            self.assertEqual(t["sla"]["policy"], "standard")
            self.assertEqual(desk.next_due(), "2026-11-23T09:45:00.000Z")  # 75% of the first response target
            self.assertEqual(desk.tick("2026-11-23T09:44:00.000Z"), 0)
            now[0] += 45 * 60 * 1000
            self.assertEqual(desk.tick(), 1)  # the desk's clock
            self.assertEqual(desk.tick("2026-11-23T10:00:00.000Z"), 1)  # first response breached
            self.assertEqual(desk.tick("2026-11-23T10:00:00.000Z"), 0)  # once
            mail = [n for n in desk.outbox(audience="teammate", recipient="tom")]
            self.assertEqual([n["kind"] for n in mail], ["sla_at_risk", "sla_breached"])
            self.assertTrue(all(n["audience"] == "teammate" for n in mail))
            seen = desk.ticket(t, actor=tc.contact("ann"))
            self.assertNotIn("sla", seen)
            self.assertNotIn("next_due_at", seen)

    def test_s1_memory(self):
        self.run_on()

    def test_s1_sqlite_file(self):
        with tempfile.TemporaryDirectory() as d:
            self.run_on(path=os.path.join(d, "sla.desk"))

    def test_s1_python_store_with_a_due_index(self):
        self.run_on(storage=tc.DictStorage())

    def test_policy_change_applies_to_open_tickets(self):
        with tc.Desk(config(), actor=TOM) as desk:
            desk.create_ticket(type="bug_report", title="Slow", contact="bob")
            desk.configure(dict(CONFIG, sla_policies=[{"id": "relaxed", "targets": {"resolution": 600}}]))
            self.assertEqual(desk.apply_sla_policies(), 1)
            self.assertEqual(desk.apply_sla_policies(), 0)

    def test_a_bad_time_is_named(self):
        with tc.Desk(config(), actor=TOM) as desk:
            with self.assertRaises(tc.InvalidArgument) as caught:
                desk.tick("tomorrow")
            self.assertIn("now", str(caught.exception))


if __name__ == "__main__":
    unittest.main()
