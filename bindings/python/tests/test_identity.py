"""Identity through the binding (V5): a contact and a teammate may share an id,
so outbox entries say their recipient's audience and are filtered by it; a
contact never sees a rule's id as an author (V2). On the memory store, an
SQLite file and the Python dict store."""

import json
import os
import tempfile
import unittest

from support import CONFIG, TOM, tc

RULES = [{"id": "zq-escalate-17", "trigger": "ticket_created",
          "actions": [{"action": "set_state", "state": "in_progress"},
                      {"action": "notify", "teammate": "sam", "text": "VIP: internal handling"}]}]


def config():
    return dict(CONFIG,
                contacts=CONFIG["contacts"] + [{"id": "sam", "name": "Sam Customer", "email": "sam@client.test"}],
                teammates=CONFIG["teammates"] + [{"id": "sam", "name": "Sam Agent", "teams": ["support"]}],
                rules=RULES)


class Identity(unittest.TestCase):
    def run_on(self, **store):
        with tc.Desk(config(), actor=TOM, **store) as desk:
            t = desk.create_ticket(type="bug_report", title="Cannot log in", contact="sam", assignee="sam",
                                   brand="acme")
            with self.assertRaises(tc.InvalidArgument) as caught:
                desk.outbox(recipient="sam")
            self.assertIn("audience", str(caught.exception))
            to_teammate = desk.outbox(audience="teammate", recipient="sam")
            self.assertEqual([n["kind"] for n in to_teammate], ["rule_notice"])
            self.assertTrue(to_teammate[0]["idempotency_key"].endswith("/teammate:sam"))
            to_contact = desk.outbox(audience="contact", recipient="sam")
            self.assertEqual(sorted({n["kind"] for n in to_contact}), ["status_changed", "ticket_created"])
            self.assertTrue(all(n["audience"] == "contact" for n in to_contact))
            self.assertNotIn("internal handling", json.dumps(to_contact))

            seen = desk.ticket(t, actor=tc.contact("sam"))
            authors = [p["author"] for p in seen["timeline"] if p["kind"] == "event"]
            self.assertIn({"kind": "automation", "id": "Acme"}, authors)
            self.assertNotIn("zq-", json.dumps(seen))
            self.assertNotIn("zq-", json.dumps(desk.inbox(actor=tc.contact("sam"))))
            staff = desk.ticket(t)
            self.assertIn({"kind": "automation", "id": "zq-escalate-17"},
                          [p["author"] for p in staff["timeline"] if p["kind"] == "event"])

    def test_v5_memory(self):
        self.run_on()

    def test_v5_sqlite_file(self):
        with tempfile.TemporaryDirectory() as d:
            self.run_on(path=os.path.join(d, "identity.desk"))

    def test_v5_python_store(self):
        self.run_on(storage=tc.DictStorage())


if __name__ == "__main__":
    unittest.main()
