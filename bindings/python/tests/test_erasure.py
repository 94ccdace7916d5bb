"""A ticket's company corrected (V1) and a contact erased (D2), through the binding."""

import unittest

from support import CONFIG, TOM, tc

COMPANY_CONFIG = dict(CONFIG, companies=[{"id": "initech", "name": "Initech"}, {"id": "umbrella", "name": "Umbrella"}],
                      contacts=[{"id": "ann", "name": "Ann", "email": "ann@initech.test", "company": "initech"},
                                {"id": "bob", "name": "Bob", "email": "bob@initech.test", "company": "initech"},
                                {"id": "cat", "name": "Cat", "email": "cat@umbrella.test", "company": "umbrella"}])


class Company(unittest.TestCase):
    def setUp(self):
        self.desk = tc.Desk(COMPANY_CONFIG)
        self.addCleanup(self.desk.close)
        self.ticket = self.desk.create_ticket(type="bug_report", title="Quokka export", contact="ann",
                                              sharing="company", actor=TOM)["id"]

    def found_by(self, contact):
        return self.desk.count_tickets({"text": "quokka"}, actor=tc.contact(contact))

    def test_v1_a_corrected_company_moves_who_sees_a_shared_ticket(self):
        self.assertEqual((self.found_by("bob"), self.found_by("cat")), (1, 0))
        view = self.desk.set_company(self.ticket, "umbrella", actor=TOM)
        self.assertEqual(view["company"], "umbrella")
        self.assertEqual((self.found_by("bob"), self.found_by("cat")), (0, 1))
        self.assertEqual(self.desk.history(self.ticket, actor=TOM)[-1]["field"], "company")

    def test_u1_a_contact_cannot_and_an_unknown_company_is_refused(self):
        with self.assertRaises(tc.Forbidden):
            self.desk.set_company(self.ticket, "umbrella", actor=tc.contact("ann"))
        with self.assertRaises(tc.ValidationFailed):
            self.desk.set_company(self.ticket, "hooli", actor=TOM)
        self.assertEqual(self.desk.ticket(self.ticket, actor=TOM)["company"], "initech")


class Erasure(unittest.TestCase):
    def test_d2_an_erased_contact_is_found_nowhere(self):
        desk = tc.Desk(COMPANY_CONFIG)
        self.addCleanup(desk.close)
        conversation = desk.create_conversation("bob", "My code is Xylophone77")
        ticket = desk.convert_conversation(conversation, type="bug_report", title="Locked out", actor=TOM)["id"]
        self.assertEqual(desk.count_tickets({"text": "xylophone77"}, actor=TOM), 1)
        parts = len(desk.ticket(ticket, actor=TOM)["timeline"])
        self.assertGreater(desk.erase_contact("bob"), 0)
        self.assertEqual(desk.count_tickets({"text": "xylophone77"}, actor=TOM), 0)
        self.assertEqual(len(desk.ticket(ticket, actor=TOM)["timeline"]), parts)
        self.assertNotIn("Xylophone77", str(desk.conversation(conversation, actor=TOM)))
        self.assertNotIn("bob@initech.test", str(desk.configuration()))
        with self.assertRaises(tc.NotFound):
            desk.erase_contact("nobody")


if __name__ == "__main__":
    unittest.main()
