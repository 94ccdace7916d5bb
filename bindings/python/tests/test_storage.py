"""A storage backend written in Python behind tc_storage_methods: DictStorage
(the scenario runs on it in test_scenario.py), atomicity (P6), backend
failures, and the backend's lifetime."""

import threading
import unittest

from support import CONFIG, TOM, Scenario, tc
from ticketcore import _callbacks


def counts(storage):
    return (len(storage.tickets), len(storage.conversations), len(storage.links),
            sum(map(len, storage.parts.values())), sum(map(len, storage.history.values())), len(storage.outbox),
            dict(storage.sequences))


class FailingStorage(tc.DictStorage):
    """Fails a chosen method, to check that the desk rolls everything back."""

    fail_on = None
    error = RuntimeError("disk full")

    def __getattribute__(self, name):
        if name == object.__getattribute__(self, "fail_on"):
            raise object.__getattribute__(self, "error")
        return object.__getattribute__(self, name)


class PythonStorage(unittest.TestCase):
    def setUp(self):
        self.baseline = _callbacks.live_count()

    def test_the_table_is_of_the_oldest_version_the_backend_needs(self):
        # DictStorage sets methods of version 7 (rewrite_part; records by kind of 6, history_in_order of 4,
        # the views of 3),
        # and reads the forms of version 5 (the keys beside records).
        methods, bridge = tc.storage.make_methods(tc.DictStorage())
        try:
            self.assertEqual(methods.version, 7)
            self.assertFalse(methods.query_tickets)
            self.assertTrue(methods.list_views)
        finally:
            bridge.release(methods.ctx)

    def test_a_python_backend_is_handed_the_keys_and_derives_nothing(self):
        storage = tc.DictStorage()
        with tc.Desk(CONFIG, storage=storage, actor=TOM) as desk:
            c = desk.create_conversation("ann", "Export does nothing")
            t = desk.convert_conversation(c, type="bug_report", title="Export Fails", priority="high")
            desk.reply(t, "Looking into it, Ann")
            desk.add_note(t, "Suspect the CSV writer")
            kept = storage.tickets[t["id"]]
            keys = kept["keys"]
            self.assertEqual(keys["words"][:2], ["export", "fails"])  # split and folded by the library
            self.assertEqual(keys["priority_rank"], 2)  # "high" in the configured order
            self.assertIn(keys["sla_status"], ("none", "on_track"))
            self.assertIn("due_at", keys)
            audiences = {p["body"]: p["keys"] for p in storage.parts[t["id"]] if p["kind"] in ("reply", "note")}
            self.assertEqual(audiences["Looking into it, Ann"], {"audience": "public",
                                                                 "words": ["looking", "into", "it", "ann"]})
            self.assertEqual(audiences["Suspect the CSV writer"]["audience"], "internal")
            # A conversation's part is no ticket text.
            self.assertEqual(storage.parts[c["id"]][0]["keys"], {"audience": "none", "words": []})
            # What the host gets has neither the keys nor the bookkeeping.
            seen = desk.ticket(t)
            for key in ("keys", "priority_rank", "next_due_at", "follow_up_raised", "idle_rules_run"):
                self.assertNotIn(key, seen)

    def test_p6_a_failed_operation_leaves_the_python_store_untouched(self):
        storage = FailingStorage()
        with tc.Desk(CONFIG, storage=storage, actor=TOM) as desk:
            s = Scenario(desk)
            before = counts(storage)
            storage.fail_on = "append_part"
            with self.assertRaises(tc.StorageError) as caught:
                desk.add_note(s.tracker, "this note fans out to four conversations, then the disk fills")
            self.assertIn("disk full", caught.exception.message)
            self.assertIn("append_part", caught.exception.message)
            storage.fail_on = None
            self.assertEqual(counts(storage), before)
            self.assertEqual(storage.stats["begin"], storage.stats["commit"] + storage.stats["rollback"])
            # T3: the failed operation took no number.
            c = desk.create_conversation("ann", "Still there?")
            t = desk.convert_conversation(c, type="bug_report", title="Next")
            self.assertEqual(t["number"], s.back_office["number"] + 1)

    def test_a_backend_conflict_maps_to_conflict(self):
        storage = FailingStorage()
        with tc.Desk(CONFIG, storage=storage, actor=TOM) as desk:
            c = desk.create_conversation("ann", "Hi")
            t = desk.convert_conversation(c, type="bug_report", title="T")
            storage.error = tc.Conflict("someone else wrote it first")
            storage.fail_on = "update_ticket"
            with self.assertRaises(tc.Conflict) as caught:
                desk.set_state(t, "in_progress")
            self.assertIn("someone else wrote it first", caught.exception.message)

    def test_a_backend_error_is_kept_on_the_bridge(self):
        storage = FailingStorage()
        with tc.Desk(CONFIG, storage=storage) as desk:
            storage.fail_on = "find_conversations"
            with self.assertRaises(tc.StorageError):
                desk.inbox(actor=TOM)
            self.assertIsInstance(desk._storage_bridge[0].errors[-1], RuntimeError)

    def test_versioned_writes_conflict_in_the_backend(self):
        # X1 through the backend's own check: a stale expected_version.
        with tc.Desk(CONFIG, storage=tc.DictStorage(), actor=TOM) as desk:
            c = desk.create_conversation("ann", "Hi")
            t = desk.convert_conversation(c, type="bug_report", title="T")
            desk.update_ticket(t, title="T2")
            with self.assertRaises(tc.Conflict):
                desk.update_ticket(t, title="T3", expected_version=t["version"])

    def test_the_backend_is_closed_once_after_the_desk(self):
        storage = tc.DictStorage()
        desk = tc.Desk(CONFIG, storage=storage)
        bridge = desk._storage_bridge[0]
        desk.create_conversation("ann", "Hi")
        self.assertFalse(storage.closed)
        self.assertEqual(bridge.destroy_calls, 0, "no destroy() while the desk is open")
        desk.close()
        self.assertTrue(storage.closed)
        self.assertEqual(_callbacks.live_count(), self.baseline)
        self.assertEqual(bridge.destroy_calls, 1, "the library calls destroy() exactly once")

    def test_a_failed_open_closes_the_backend(self):
        storage = tc.DictStorage()
        with self.assertRaises(tc.ValidationFailed):
            tc.Desk({"ticket_types": [{"id": "t", "category": "nope"}]}, storage=storage)
        self.assertTrue(storage.closed)
        self.assertEqual(_callbacks.live_count(), self.baseline)

    def test_storage_and_store_together_are_refused(self):
        with self.assertRaises(tc.InvalidArgument):
            tc.Desk(CONFIG, storage=tc.DictStorage(), store={"kind": "memory"})

    def test_an_incomplete_backend_fails_with_not_implemented_text(self):
        class Empty(tc.Storage):
            pass
        # Opening reads the stored configuration, so the first missing method fails the open.
        with self.assertRaises(tc.StorageError) as caught:
            tc.Desk(CONFIG, storage=Empty())
        self.assertIn("NotImplementedError", caught.exception.message)

    def test_count_links_is_used_when_the_backend_has_it(self):
        class Counting(tc.DictStorage):
            calls = 0

            def count_links(self, txn, end, kind, other_kind):
                Counting.calls += 1
                return sum(1 for l in self.links_of(txn, end, kind)
                           if (l["to_kind"] if l["from"] == end else l["from_kind"]) == other_kind)
        with tc.Desk(CONFIG, storage=Counting(), actor=TOM) as desk:
            s = Scenario(desk)
            self.assertEqual(desk.ticket(s.tracker["id"])["linked_conversations"], 4)
        self.assertGreater(Counting.calls, 0)

    def test_x2_threads_share_a_python_store(self):
        storage = tc.DictStorage()
        with tc.Desk(CONFIG, storage=storage, actor=TOM) as desk:
            errors = []

            def work(who):
                try:
                    for i in range(5):
                        c = desk.create_conversation(who, f"message {i}")
                        t = desk.convert_conversation(c, type="bug_report", title=f"{who} {i}")
                        self.assertEqual(desk.ticket(t["id"], as_contact=who)["title"], f"{who} {i}")
                except BaseException as e:
                    errors.append(e)
            threads = [threading.Thread(target=work, args=(who,)) for who in ["ann", "bob", "cat", "dan"] * 2]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            self.assertEqual(errors, [])
            self.assertEqual(sorted(t["number"] for t in storage.tickets.values()), list(range(1, 41)))


if __name__ == "__main__":
    unittest.main()
