"""X2: one desk used from several Python threads at once (ctypes releases the
GIL during each call), on each kind of store."""

import os
import threading
import unittest

from support import CONFIG, CONTACTS, TOM, TempDir, tc

THREADS = 8
PER_THREAD = 10


class Threads:
    def test_x2_eight_threads_create_tickets_and_read_as_contacts(self):
        desk = self.desk
        barrier = threading.Barrier(THREADS)
        created = [[] for _ in range(THREADS)]
        failures = []
        events = []
        subscription = desk.subscribe(lambda e: events.append(e["kind"]))
        self.addCleanup(subscription.close)

        def work(i):
            who = CONTACTS[i % len(CONTACTS)]
            try:
                barrier.wait()
                for n in range(PER_THREAD):
                    c = desk.create_conversation(who, f"thread {i} message {n}", brand="acme")
                    t = desk.convert_conversation(c, type="bug_report", title=f"t{i}-{n}", actor=TOM)
                    created[i].append(t)
                    mine = desk.ticket(t["number"], as_contact=who)
                    assert mine["title"] == f"t{i}-{n}", mine
                    assert "state" not in mine
                    other = CONTACTS[(i + 1) % len(CONTACTS)]
                    try:
                        desk.ticket(t["id"], as_contact=other)
                    except tc.NotFound:
                        pass
                    else:
                        raise AssertionError(f"{other} saw {who}'s ticket")
                    desk.reply(t, "On it", actor=TOM)
            except BaseException as e:
                failures.append(e)

        threads = [threading.Thread(target=work, args=(i,)) for i in range(THREADS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        self.assertEqual(failures, [])
        numbers = sorted(t["number"] for batch in created for t in batch)
        self.assertEqual(numbers, list(range(1, THREADS * PER_THREAD + 1)), "T3: unique, gapless numbers")
        self.assertEqual(events.count("ticket_created"), THREADS * PER_THREAD)
        for who in CONTACTS:
            rows = desk.inbox(as_contact=who, tickets=True, conversations=False, limit=1000)
            self.assertEqual(len(rows), THREADS * PER_THREAD // len(CONTACTS))

    def test_x1_concurrent_writers_with_expected_versions_one_wins(self):
        desk = self.desk
        c = desk.create_conversation("ann", "Race")
        t = desk.convert_conversation(c, type="bug_report", title="Race", actor=TOM)
        barrier = threading.Barrier(THREADS)
        outcomes = []

        def race(i):
            barrier.wait()
            try:
                desk.update_ticket(t, title=f"winner {i}", expected_version=t["version"], actor=TOM)
                outcomes.append("ok")
            except tc.Conflict:
                outcomes.append("conflict")
        threads = [threading.Thread(target=race, args=(i,)) for i in range(THREADS)]
        for th in threads:
            th.start()
        for th in threads:
            th.join(60)
        self.assertEqual(outcomes.count("ok"), 1)
        self.assertEqual(outcomes.count("conflict"), THREADS - 1)


class MemoryThreads(Threads, unittest.TestCase):
    def setUp(self):
        self.desk = tc.Desk(CONFIG)
        self.addCleanup(self.desk.close)


class SQLiteThreads(Threads, TempDir):
    def setUp(self):
        super().setUp()
        self.desk = tc.Desk(CONFIG, store={"kind": "sqlite", "path": os.path.join(self.dir, "t.desk"),
                                           "durability": "normal"})
        self.addCleanup(self.desk.close)


class PythonStorageThreads(Threads, unittest.TestCase):
    def setUp(self):
        self.desk = tc.Desk(CONFIG, storage=tc.DictStorage())
        self.addCleanup(self.desk.close)


if __name__ == "__main__":
    unittest.main()
