"""U1: the library's op table decides who may run each operation, also for the
host calls, which the binding sends through the C ABI as the actor it was given."""

import unittest

from support import CONFIG, TOM, tc

ANN = tc.contact("ann")


class HostCalls(unittest.TestCase):
    def setUp(self):
        self.desk = tc.Desk(CONFIG, actor=TOM)
        self.addCleanup(self.desk.close)
        conversation = self.desk.create_conversation("ann", "Export does nothing", brand="acme")
        ticket = self.desk.convert_conversation(conversation, type="bug_report", title="Export fails")
        self.desk.reply(ticket, "Bob's export works, yours will too")

    def test_u1_a_contact_may_not_configure_or_read_the_configuration_or_the_outbox(self):
        moved = dict(CONFIG, companies=[{"id": "initech", "name": "Initech"}],
                     contacts=[dict(c, company="initech") for c in CONFIG["contacts"]])
        before = self.desk.configuration()
        with self.assertRaises(tc.Forbidden) as caught:
            self.desk.execute("configure", ANN, {"config": moved})
        self.assertEqual(str(caught.exception), "contacts may not run configure (U1)")
        with self.assertRaises(tc.Forbidden):
            self.desk.execute("configuration", ANN)
        with self.assertRaises(tc.Forbidden):
            self.desk.execute("outbox", ANN)
        self.assertEqual(self.desk.configuration(), before)

    def test_u1_execute_passes_the_contact_on_rather_than_running_as_the_system(self):
        for op in ("configure", "configuration", "outbox", "dispatch_notifications", "tick", "next_due"):
            with self.subTest(op=op), self.assertRaises(tc.Forbidden):
                self.desk.execute(op, ANN, {"config": CONFIG} if op == "configure" else None)

    def test_u1_every_host_call_is_forbidden_to_a_contact(self):
        calls = {
            "tick": lambda: self.desk.execute("tick", ANN),
            "next_due": lambda: self.desk.execute("next_due", ANN),
            "dispatch": lambda: self.desk.execute("dispatch_notifications", ANN),
            "report": lambda: self.desk.report("2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", actor=ANN),
            "import_tickets": lambda: self.desk.import_tickets([], actor=ANN),
            "views": lambda: self.desk.views(actor=ANN),
        }
        for name, call in calls.items():
            with self.subTest(call=name), self.assertRaises(tc.Forbidden):
                call()

    def test_u1_host_calls_without_an_actor_run_as_the_system(self):
        self.assertEqual(self.desk.configuration()["contacts"][0]["id"], "ann")
        self.assertTrue(self.desk.outbox())
        self.assertEqual(self.desk.tick(), 0)
        self.assertEqual(self.desk.execute("configuration", tc.system())["contacts"][0]["id"], "ann")


if __name__ == "__main__":
    unittest.main()
