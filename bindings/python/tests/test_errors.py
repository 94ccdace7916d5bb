"""Every tc_status arrives as its TicketcoreError subclass with the library's
message; a failed call changes nothing."""

import ctypes
import os
import threading
import unittest

from support import CONFIG, TOM, TempDir, tc
from ticketcore import _lib

STRICT = dict(CONFIG, lifecycles=[{
    "id": "strict",
    "states": [{"key": "new", "category": "submitted"}, {"key": "open", "category": "in_progress"},
               {"key": "closed", "category": "resolved"}],
    "transitions": [["new", "open"], ["open", "closed"]]}],
    ticket_types=CONFIG["ticket_types"] + [
        {"id": "strict_case", "name": "Strict case", "category": "customer", "lifecycle": "strict",
         "attributes": [{"key": "severity", "type": "integer"}]}])


class ErrorMapping(unittest.TestCase):
    def setUp(self):
        self.desk = tc.Desk(STRICT, actor=TOM)
        self.addCleanup(self.desk.close)
        self.conversation = self.desk.create_conversation("ann", "Export does nothing", brand="acme")
        self.ticket = self.desk.convert_conversation(self.conversation, type="strict_case", title="Export fails")

    def assertRaisesStatus(self, cls, status, function, *args, **kwargs):
        with self.assertRaises(cls) as caught:
            function(*args, **kwargs)
        e = caught.exception
        self.assertIsInstance(e, tc.TicketcoreError)
        self.assertEqual(e.status, status)
        self.assertEqual(e.status_name, _lib.lib.tc_status_name(status).decode())
        self.assertTrue(e.message, "every error carries a message")
        self.assertEqual(str(e), e.message)
        return e

    def test_invalid_argument_unknown_actor_and_op(self):
        e = self.assertRaisesStatus(tc.InvalidArgument, -1, self.desk.ticket, self.ticket["id"],
                                    actor=tc.teammate("nobody"))
        self.assertIn("nobody", e.message)
        self.assertIsInstance(e, ValueError)
        e = self.assertRaisesStatus(tc.InvalidArgument, -1, self.desk.execute, "no_such_op", TOM)
        self.assertIn("no_such_op", e.message)

    def test_invalid_argument_unknown_field_is_named(self):
        e = self.assertRaisesStatus(tc.InvalidArgument, -1, self.desk.update_ticket, self.ticket, tittle="typo")
        self.assertIn("tittle", e.message)

    def test_invalid_argument_from_the_binding_for_nul_and_surrogates(self):
        self.assertRaisesStatus(tc.InvalidArgument, -1, self.desk.reply, self.ticket, "a\0b")
        self.assertRaisesStatus(tc.InvalidArgument, -1, self.desk.reply, self.ticket, "bad \udc80 text")
        self.assertRaisesStatus(tc.InvalidArgument, -1, self.desk.reply, self.ticket, 42)

    def test_u3_nan_and_inf_are_refused_naming_the_field(self):
        # json.dumps would write the non-JSON token Infinity; the binding names the field instead.
        for bad in (float("inf"), float("-inf"), float("nan")):
            e = self.assertRaisesStatus(tc.ValidationFailed, -3, self.desk.update_ticket, self.ticket,
                                        attributes={"severity": bad})
            self.assertEqual(e.fields, ["changes.attributes.severity"])
            self.assertIn("changes.attributes.severity", e.message)

    def test_a_lone_surrogate_names_its_field(self):
        e = self.assertRaisesStatus(tc.InvalidArgument, -1, self.desk.update_ticket, self.ticket,
                                    tags=["ok", "bad \udc80"])
        self.assertIn("changes.tags[1]", e.message)

    def test_invalid_json_text_is_rejected_by_the_library(self):
        e = self.assertRaisesStatus(tc.InvalidArgument, -1, self.desk.create_ticket, "strict_case",
                                    actor='{"kind": "teammate",')
        self.assertIn("actor", e.message)

    def test_wrong_field_type_through_execute_is_named(self):
        e = self.assertRaisesStatus(tc.InvalidArgument, -1, self.desk.execute, "set_state", TOM,
                                    {"ticket": self.ticket["number"], "state": 5})
        self.assertIn("state", e.message)

    def test_input_over_max_input_bytes(self):
        with tc.Desk(CONFIG, max_input_bytes=2048, actor=TOM) as small:
            c = small.create_conversation("ann", "short")
            e = self.assertRaisesStatus(tc.InvalidArgument, -1, small.reply, c, "x" * 5000)
            self.assertIn("2048", e.message)
            self.assertEqual(len(small.conversation(c)["timeline"]), 1, "the failed call changed nothing")

    def test_utf8_round_trip(self):
        body = "Grüße aus Köln — 日本語 🎉"
        part = self.desk.reply(self.ticket, body)
        self.assertEqual(part["body"], body)
        self.assertEqual(self.desk.ticket(self.ticket["id"], as_contact="ann")["timeline"][-1]["body"], body)

    def test_configuration_as_json_text(self):
        import json
        with tc.Desk(json.dumps(CONFIG)) as desk:
            self.assertEqual(desk.configuration()["contacts"][0]["id"], "ann")

    def test_not_found(self):
        e = self.assertRaisesStatus(tc.NotFound, -2, self.desk.ticket, 999)
        self.assertIn("999", e.message)
        self.assertIsInstance(e, LookupError)

    def test_validation_failed_names_the_fields(self):
        bad = {"ticket_types": [{"id": "t", "name": "T", "category": "nope"}]}
        e = self.assertRaisesStatus(tc.ValidationFailed, -3, self.desk.configure, bad)
        self.assertEqual(e.fields, ["ticket_types[0].category"])
        self.assertIn("nope", e.message)
        e = self.assertRaisesStatus(tc.ValidationFailed, -3, self.desk.update_ticket, self.ticket,
                                    attributes={"severity": "high"})
        self.assertIn("attributes.severity", " ".join(e.fields) + e.message)

    def test_l2_invalid_transition_changes_nothing(self):
        before = self.desk.ticket(self.ticket["id"])
        e = self.assertRaisesStatus(tc.InvalidTransition, -4, self.desk.set_state, self.ticket, "closed")
        self.assertIn("closed", e.message)
        self.assertEqual(self.desk.ticket(self.ticket["id"]), before)
        self.assertEqual(self.desk.history(self.ticket), self.desk.history(self.ticket))

    def test_k1_link_limit(self):
        self.assertRaisesStatus(tc.LinkLimit, -5, self.desk.convert_conversation, self.conversation, type="bug_report")

    def test_x1_conflict_on_a_stale_version(self):
        version = self.ticket["version"]
        self.desk.set_state(self.ticket, "open", expected_version=version)
        e = self.assertRaisesStatus(tc.Conflict, -6, self.desk.update_ticket, self.ticket, title="x",
                                    expected_version=version)
        self.assertIn(str(version), e.message)
        self.assertEqual(self.desk.ticket(self.ticket["id"])["title"], "Export fails")

    def test_v4_forbidden_for_a_contact_writing_a_note(self):
        self.assertRaisesStatus(tc.Forbidden, -7, self.desk.add_note, self.ticket, "psst", actor=tc.contact("ann"))

    def test_storage_error_for_an_unopenable_desk_file(self):
        path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "no", "such", "dir", "x.desk")
        e = self.assertRaisesStatus(tc.StorageError, -8, tc.Desk, CONFIG, path=path)
        self.assertIn("x.desk", e.message)

    def test_version_mismatch_for_a_struct_version_from_the_future(self):
        opts = _lib.tc_desk_options()
        with self.assertRaises(tc.VersionMismatch) as caught:
            _lib.lib.tc_desk_options_init(ctypes.byref(opts), 99)
        self.assertEqual(caught.exception.status, -11)
        self.assertIn("99", caught.exception.message)

    def test_every_status_has_a_class(self):
        for status in range(-1, -13, -1):
            name = _lib.lib.tc_status_name(status).decode()
            e = tc.errors.from_status(status, b"m")
            self.assertEqual(e.status_name, name)
            self.assertIsNot(type(e), tc.TicketcoreError)
        self.assertIs(type(tc.errors.from_status(-99, b"m")), tc.TicketcoreError)

    def test_a_closed_desk_refuses_calls(self):
        desk = tc.Desk(CONFIG)
        desk.close()
        desk.close()  # twice is harmless
        with self.assertRaises(tc.InvalidArgument):
            desk.ticket(1)

    def test_errors_are_per_thread(self):
        # Another thread's failure never overwrites the message this one reads.
        results = []

        def fail_elsewhere():
            try:
                self.desk.ticket(12345)
            except tc.NotFound as e:
                results.append(e.message)
        with self.assertRaises(tc.InvalidTransition) as caught:
            self.desk.set_state(self.ticket, "closed")
            # (raised above; the thread below runs after)
        t = threading.Thread(target=fail_elsewhere)
        t.start()
        t.join()
        self.assertIn("12345", results[0])
        self.assertNotIn("12345", caught.exception.message)


class BadConfiguration(TempDir):
    def test_open_with_invalid_configuration(self):
        with self.assertRaises(tc.ValidationFailed) as caught:
            tc.Desk({"contacts": [{"id": "x", "name": "X", "email": "x@example.com", "company": "ghost"}]})
        self.assertTrue(caught.exception.fields)

    def test_store_and_path_together(self):
        with self.assertRaises(tc.InvalidArgument):
            tc.Desk(CONFIG, store={"kind": "memory"}, path=os.path.join(self.dir, "x.desk"))


if __name__ == "__main__":
    unittest.main()
