"""Ticket forms through the binding (C5, V4): a teammate sends one, the
contact fills it in once, and the linked customer ticket appears."""

import unittest

from support import CONFIG, TOM, tc

FORM_CONFIG = dict(CONFIG, ticket_types=CONFIG["ticket_types"] + [
    {"id": "question", "name": "Question", "category": "customer", "attributes": [
        {"key": "product", "type": "list", "options": ["app", "api"], "editable_by_customer": True,
         "required_for_customers": True},
        {"key": "effort", "type": "integer"}]}])


class Forms(unittest.TestCase):
    def test_c5_send_then_submit_once(self):
        with tc.Desk(FORM_CONFIG, actor=TOM) as desk:
            conversation = desk.create_conversation("ann", "How do I export?", actor=tc.contact("ann"))
            form = desk.send_form(conversation, "question")
            self.assertEqual(form["kind"], "form")
            self.assertEqual([f["key"] for f in form["data"]["fields"]], ["product"])  # V4: never "effort"
            ticket = desk.submit_form(conversation, form, {"product": "api"}, as_contact="ann")
            self.assertEqual(ticket["attributes"], {"product": "api"})
            with self.assertRaises(tc.InvalidArgument) as again:
                desk.submit_form(conversation, form, {"product": "app"}, as_contact="ann")
            self.assertIn("already submitted", str(again.exception))
            links = desk.links(conversation)
            self.assertEqual([l["kind"] for l in links], ["customer_ticket"])

    def test_v4_only_the_contact_submits(self):
        with tc.Desk(FORM_CONFIG, actor=TOM) as desk:
            conversation = desk.create_conversation("ann", "Hello", actor=tc.contact("ann"))
            form = desk.send_form(conversation, "question")
            with self.assertRaises(tc.Forbidden):
                desk.submit_form(conversation, form, {"product": "api"})  # as Tom
            with self.assertRaises(tc.NotFound):
                desk.submit_form(conversation, form, {"product": "api"}, as_contact="bob")
            with self.assertRaises(tc.ValidationFailed):
                desk.submit_form(conversation, form, {}, as_contact="ann")


if __name__ == "__main__":
    unittest.main()
