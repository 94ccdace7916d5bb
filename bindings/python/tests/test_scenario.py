"""The seed-000 widespread-bug scenario through the binding, on every kind of
store: memory, an SQLite file, and the Python DictStorage (tc_storage_methods)."""

import os
import unittest

from support import CONFIG, CONTACTS, TOM, Scenario, TempDir, tc


class ScenarioChecks:
    """Mixed into one TestCase per store; make_desk() gives a fresh desk."""

    def setUp(self):
        super().setUp()
        self.desk = self.make_desk()
        self.addCleanup(self.desk.close)
        self.s = Scenario(self.desk)

    def test_c2_conversion_links_ticket_and_conversation(self):
        for conversation, ticket in zip(self.s.conversations, self.s.tickets):
            self.assertEqual(ticket["category"], "customer")
            links = self.desk.links(conversation, actor=TOM)
            self.assertIn(ticket["id"], [l.get("to") for l in links if l["kind"] == "customer_ticket"])

    def test_k4_tracker_counts_linked_conversations(self):
        tracker = self.desk.ticket(self.s.tracker["number"], actor=TOM)
        self.assertEqual(tracker["category"], "tracker")
        self.assertEqual(tracker["linked_conversations"], 4)
        self.assertEqual(self.s.done["linked_conversations"], 4)

    def test_p4_tracker_note_reaches_every_conversation_as_internal_note(self):
        for conversation in self.s.conversations:
            team = self.desk.conversation(conversation, actor=TOM)
            notes = [p for p in team["timeline"] if p["body"] == "Root cause found: exporter null pointer"]
            self.assertEqual(len(notes), 1, team["timeline"])
            self.assertEqual(notes[0]["kind"], "note")
            self.assertTrue(notes[0]["internal"])
            self.assertEqual(notes[0]["origin_ticket"], self.s.tracker["id"])  # P8

    def test_p2_cross_posted_back_office_note_reaches_anns_conversation_only(self):
        bodies = [[p["body"] for p in self.desk.conversation(c, actor=TOM)["timeline"]]
                  for c in self.s.conversations]
        self.assertIn("Refund issued", bodies[0])
        for other in bodies[1:]:
            self.assertNotIn("Refund issued", other)

    def test_p5_tracker_done_resolves_all_four_customer_tickets(self):
        self.assertEqual(self.s.done["state"], "done")
        for ticket in self.s.tickets:
            view = self.desk.ticket(ticket["id"], actor=TOM)
            self.assertEqual(view["state_category"], "resolved")

    def test_l4_v2_each_contact_sees_stage_4_and_no_internal_parts(self):
        for who, conversation, ticket in zip(CONTACTS, self.s.conversations, self.s.tickets):
            mine = self.desk.ticket(ticket["number"], as_contact=who)
            self.assertEqual(mine["stage"], {"index": 4, "label": "Completed"})
            for hidden in ("state", "state_category", "assignee", "version", "state_label"):
                self.assertNotIn(hidden, mine)
            self.assertFalse([p for p in mine["timeline"] if p["internal"]])
            seen = self.desk.conversation(conversation, as_contact=who)
            self.assertTrue(seen["timeline"], "the contact sees their own message")
            self.assertFalse([p for p in seen["timeline"] if p["internal"]], seen["timeline"])
            self.assertNotIn("Root cause found: exporter null pointer", [p["body"] for p in seen["timeline"]])
            # P5: the admin message is visible to the contact.
            self.assertIn("admin_message", [p["kind"] for p in seen["timeline"]])

    def test_v3_back_office_and_tracker_never_visible_to_a_contact(self):
        for ref in (self.s.back_office["id"], self.s.back_office["number"], f"#{self.s.tracker['number']}"):
            with self.assertRaises(tc.NotFound) as caught:
                self.desk.ticket(ref, as_contact="ann")
            self.assertIn("not found", str(caught.exception))
        kinds = {l["kind"] for l in self.desk.links(self.s.conversations[0], as_contact="ann")}
        self.assertFalse(kinds & {"tracker", "back_office"}, kinds)
        rows = self.desk.inbox(as_contact="ann")
        self.assertEqual({r.get("category") for r in rows if r["kind"] == "ticket"}, {"customer"})

    def test_v1_a_contact_cannot_read_another_contacts_ticket(self):
        with self.assertRaises(tc.NotFound):
            self.desk.ticket(self.s.tickets[1]["id"], as_contact="ann")

    def test_n2_each_contact_is_told_once_that_the_ticket_is_resolved(self):
        for who, ticket in zip(CONTACTS, self.s.tickets):
            entries = self.desk.outbox(audience="contact", recipient=who, ticket=ticket)
            resolved = [n for n in entries if n["kind"] in ("status_changed", "ticket_resolved")]
            channels = sorted(n["channel"] for n in resolved)
            self.assertEqual(channels, sorted(set(channels)), "one notification per channel")
            self.assertTrue(resolved)

    def test_n4_no_notification_about_tracker_or_back_office(self):
        internal = {self.s.tracker["id"], self.s.back_office["id"]}
        self.assertFalse([n for n in self.desk.outbox() if n["ticket"] in internal])

    def test_c8_inbox_tells_categories_apart(self):
        rows = self.desk.inbox(actor=TOM, limit=100)
        by_id = {r["id"]: r for r in rows}
        self.assertEqual(by_id[self.s.tracker["id"]]["label"], "Internal")
        self.assertEqual(by_id[self.s.back_office["id"]]["category"], "back_office")
        self.assertEqual(self.desk.inbox(actor=TOM, category="tracker")[0]["linked_conversations"], 4)

    def test_h1_history_records_the_propagated_state_change(self):
        entries = self.desk.history(self.s.tickets[2], actor=TOM)
        self.assertIn("created", [e["field"] for e in entries])
        states = [e for e in entries if e["field"] == "state"]
        self.assertTrue(states)
        self.assertEqual(states[-1]["cause"], self.s.tracker["id"])

    def test_execute_reaches_the_same_operations(self):
        view = self.desk.execute("ticket", tc.contact("bob"), {"ticket": self.s.tickets[1]["number"]})
        self.assertEqual(view["stage"]["index"], 4)
        self.assertEqual(self.desk.execute("version"), {"version": tc.version(), "abi": tc.abi_version()})

    def test_k9_unlink_and_external_links(self):
        external = {"kind": "feedback", "external_id": "42", "url": "https://feedback.example.com/42"}
        link = self.desk.add_external_link(self.s.tracker, external, actor=TOM)
        self.assertEqual(link["external"]["external_id"], "42")
        self.desk.remove_link(link, actor=TOM)
        self.assertNotIn(link["id"], [l["id"] for l in self.desk.links(self.s.tracker, actor=TOM)])

    def test_c7_link_tracker_by_title_reuses_the_tracker(self):
        c = self.desk.create_conversation("ann", "Invoices missing")
        t = self.desk.convert_conversation(c, type="bug_report", title="Invoices", actor=TOM)
        first = self.desk.link_tracker_by_title(t, "Invoices not generated", "bug", actor=TOM)
        c2 = self.desk.create_conversation("bob", "No invoice")
        second = self.desk.link_tracker_by_title(c2, "Invoices not generated", "bug", actor=TOM)
        self.assertEqual(first["id"], second["id"])

    def test_v4_reply_rate_and_update(self):
        ticket = self.s.tickets[0]
        self.desk.reply(ticket, "Fixed in 2.1, thanks for your patience", actor=TOM)
        rated = self.desk.rate(ticket, 5, "Quick fix", as_contact="ann")
        self.assertEqual(rated["rating"]["score"], 5)
        updated = self.desk.update_ticket(ticket, assignee="tom", add_tags=["export"], actor=TOM)
        self.assertEqual((updated["assignee"], updated["tags"]), ("tom", ["export"]))


class MemoryStore(ScenarioChecks, unittest.TestCase):
    def make_desk(self):
        return tc.Desk(CONFIG)


class SQLiteStore(ScenarioChecks, TempDir):
    def make_desk(self):
        return tc.Desk(CONFIG, path=os.path.join(self.dir, "support.desk"))


class PythonDictStorage(ScenarioChecks, unittest.TestCase):
    """The same scenario with storage written in Python (tc_storage_methods)."""

    def make_desk(self):
        return tc.Desk(CONFIG, storage=tc.DictStorage())


if __name__ == "__main__":
    unittest.main()
