"""The op table in Python: one method per op, named after it; the actor required
or bound once, never silently the system; unlink between two records; the old
names as deprecated aliases."""

import inspect
import unittest
import warnings

from support import CONFIG, TOM, Scenario, tc
from ticketcore import _ops

HOST_OPS = {"configure", "configure_migrating", "configuration", "outbox", "outbox_page", "dispatch_notifications", "check", "tick", "next_due"}


class Methods(unittest.TestCase):
    def test_every_op_is_a_method_named_after_it_with_a_docstring(self):
        for op in _ops.OPS:
            with self.subTest(op=op):
                method = getattr(tc.Desk, op)
                self.assertTrue(inspect.getdoc(method), f"{op} has no docstring")

    def test_host_ops_take_no_actor_and_the_others_require_it_by_keyword(self):
        for op in _ops.OPS:
            params = inspect.signature(getattr(tc.Desk, op)).parameters
            with self.subTest(op=op):
                if op in HOST_OPS or op == "version":
                    self.assertNotIn("actor", params)
                else:
                    self.assertEqual(params["actor"].kind, inspect.Parameter.KEYWORD_ONLY)

    def test_as_contact_on_every_op_a_contact_may_run(self):
        for op in ("ticket", "conversation", "links", "inbox", "find_tickets", "count_tickets", "reply", "rate",
                   "submit_form", "create_ticket", "create_conversation"):
            with self.subTest(op=op):
                self.assertIn("as_contact", inspect.signature(getattr(tc.Desk, op)).parameters)
        for op in ("history", "add_note", "set_state", "views", "report"):
            with self.subTest(op=op):
                self.assertNotIn("as_contact", inspect.signature(getattr(tc.Desk, op)).parameters)


class Actors(unittest.TestCase):
    def setUp(self):
        self.desk = tc.Desk(CONFIG)  # no actor bound
        self.addCleanup(self.desk.close)
        self.conversation = self.desk.create_conversation("ann", "Export does nothing")
        self.ticket = self.desk.convert_conversation(self.conversation, type="bug_report", title="Export fails",
                                                     actor=TOM)

    def test_u1_an_op_without_an_actor_raises_and_changes_nothing(self):
        before = self.desk.ticket(self.ticket, actor=TOM)
        with self.assertRaises(TypeError) as caught:
            self.desk.set_state(self.ticket, "in_progress")
        self.assertIn("as_teammate", str(caught.exception))
        self.assertEqual(self.desk.ticket(self.ticket, actor=TOM), before)

    def test_an_actor_bound_once_acts_in_every_call(self):
        tom = self.desk.as_teammate("tom")
        moved = tom.set_state(self.ticket, "in_progress")
        self.assertEqual(moved["state"], "in_progress")
        self.assertEqual(self.desk.history(self.ticket, actor=TOM)[-1]["actor"], TOM)
        ann = self.desk.as_contact("ann")
        self.assertNotIn("state", ann.ticket(self.ticket))  # the customer view (V5)
        with self.assertRaises(tc.Forbidden):
            ann.history(self.ticket)
        self.assertEqual(self.desk.as_system().apply_sla_policies(), 0)
        self.assertTrue(self.desk.as_automation("rule-1").ticket(self.ticket["number"]))

    def test_a_binding_shares_the_desk_and_never_closes_it(self):
        with self.desk.as_teammate("tom") as tom:
            tom.add_note(self.ticket, "internal")
        self.assertFalse(self.desk.closed)
        self.assertEqual(self.desk.ticket(self.ticket, actor=TOM)["timeline"][-1]["body"], "internal")
        self.desk.close()
        self.assertTrue(tom.closed)
        with self.assertRaises(tc.InvalidArgument):
            tom.ticket(self.ticket)

    def test_v5_a_conversation_by_number_as_tickets_are(self):
        number = self.conversation["number"]
        for ref in (number, str(number), f"#{number}", self.conversation["id"], self.conversation):
            with self.subTest(ref=ref):
                self.assertEqual(self.desk.conversation(ref, actor=TOM)["id"], self.conversation["id"])
        self.assertEqual(self.desk.conversation(number, as_contact="ann")["id"], self.conversation["id"])
        bob = self.desk.create_conversation("bob", "Mine")
        # V3: another contact's conversation by number reads as one that does not exist.
        with self.assertRaises(tc.NotFound) as hidden:
            self.desk.conversation(bob["number"], as_contact="ann")
        with self.assertRaises(tc.NotFound) as missing:
            self.desk.conversation(bob["number"] + 100, as_contact="ann")
        self.assertEqual(str(hidden.exception).replace(str(bob["number"]), "N"),
                         str(missing.exception).replace(str(bob["number"] + 100), "N"))

    def test_host_ops_run_without_an_actor(self):
        self.assertEqual(self.desk.tick(), 0)
        self.assertTrue(self.desk.outbox())
        self.assertEqual(self.desk.configuration()["contacts"][0]["id"], "ann")


class Links(unittest.TestCase):
    def setUp(self):
        self.desk = tc.Desk(CONFIG, actor=TOM)
        self.addCleanup(self.desk.close)
        self.s = Scenario(self.desk)

    def test_k9_unlink_removes_the_link_between_two_records(self):
        ticket = self.s.tickets[1]
        self.assertIn(self.s.tracker["id"], [l.get("to") for l in self.desk.links(ticket)])
        self.assertEqual(self.desk.unlink(self.s.tracker, ticket), 1)  # either direction
        self.assertNotIn(self.s.tracker["id"], [l.get("to") for l in self.desk.links(ticket)])
        self.assertEqual(self.desk.unlink(ticket, self.s.tracker), 0, "no link left between them")

    def test_n5_one_notification_per_contact_with_its_channels(self):
        entries = self.desk.outbox(audience="contact", recipient="ann")
        grouped = tc.group_notifications(entries)
        self.assertEqual(sum(len(g["channels"]) for g in grouped), len(entries))
        keys = [(g["kind"], g["ticket"], g["payload"].get("stage")) for g in grouped]
        self.assertEqual(len(keys), len(set(keys)), "one notification per change, however many channels")
        for g in grouped:
            self.assertEqual((g["audience"], g["recipient"]), ("contact", "ann"))
            self.assertEqual(len({c["channel"] for c in g["channels"]}), len(g["channels"]))

    def test_the_old_names_warn_and_still_work(self):
        ticket = self.s.tickets[0]
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            part = self.desk.note(ticket, "old spelling")
            link = self.desk.link(self.s.tickets[2], self.s.tickets[3])
            self.desk.unlink(link)
            self.desk.dispatch(lambda notification: None)
        self.assertEqual(part["body"], "old spelling")
        self.assertEqual([str(w.message) for w in caught],
                         ["Desk.note is deprecated; use Desk.add_note", "Desk.link is deprecated; use Desk.add_link",
                          "Desk.unlink(link) is deprecated; use Desk.remove_link(link)",
                          "Desk.dispatch is deprecated; use Desk.dispatch_notifications"])
        self.assertTrue(all(w.category is DeprecationWarning for w in caught))


if __name__ == "__main__":
    unittest.main()
