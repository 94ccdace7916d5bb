"""Merge through the binding (M1): the source's parts and links move to the
target, the source is resolved and frozen, its contact is told once."""

import unittest

from support import CONFIG, TOM, tc


class Merge(unittest.TestCase):
    def _pair(self, desk):
        first = desk.create_conversation("ann", "Login fails", actor=tc.contact("ann"))
        source = desk.convert_conversation(first, type="bug_report")
        target = desk.create_ticket(type="bug_report", title="Cannot sign in", contact="ann")
        return first, source, target

    def test_m1_merge_moves_parts_and_links(self):
        with tc.Desk(CONFIG, actor=TOM) as desk:
            conversation, source, target = self._pair(desk)
            desk.reply(source, "Try again in an hour")
            merged = desk.merge(source, target["number"])
            self.assertEqual(merged["id"], target["id"])
            bodies = [p["body"] for p in desk.ticket(target)["timeline"]]
            self.assertIn("Try again in an hour", bodies)
            kinds = sorted(l["kind"] for l in desk.links(source))
            self.assertEqual(kinds, ["merged_into"])
            self.assertIn("customer_ticket", [l["kind"] for l in desk.links(conversation)])
            told = [n for n in desk.outbox(audience="contact", recipient="ann", ticket=source) if n["channel"] == "email"]
            self.assertEqual([n["kind"] for n in told][-1:], ["ticket_merged"])
            self.assertNotIn("ticket_resolved", [n["kind"] for n in told])
            self.assertEqual(desk.ticket(source, as_contact="ann")["stage"]["index"], 4)

    def test_m1_a_merged_ticket_is_frozen_and_bad_merges_are_named(self):
        with tc.Desk(CONFIG, actor=TOM) as desk:
            _, source, target = self._pair(desk)
            tracker = desk.create_ticket(type="bug", title="SSO")
            with self.assertRaises(tc.InvalidArgument) as cross:
                desk.merge(source, tracker)
            self.assertIn("customer", str(cross.exception))
            with self.assertRaises(tc.Forbidden):
                desk.merge(source, target, actor=tc.contact("ann"))
            with self.assertRaises(tc.Conflict):
                desk.merge(source, target, expected_version=1000)
            desk.merge(source, target)
            with self.assertRaises(tc.InvalidArgument) as edit:
                desk.reply(source, "Hello?")
            self.assertIn("merged into #%d" % target["number"], str(edit.exception))
            with self.assertRaises(tc.InvalidArgument):
                desk.merge(source, target)


if __name__ == "__main__":
    unittest.main()
