"""The library's evaluator for a Python backend: DictStorage keeps no query
or time index, so with ``scan_without_index=True`` the query, view, bulk and
report cases of test_queries.py and test_reports.py run on it, answered by
scanning its tickets and history log (docs/storage.md, "Capabilities and the
evaluator"). Without the opt-in the same calls raise NotSupported naming the
missing method."""

import unittest
from unittest import mock

import test_queries
import test_reports
from support import CONFIG, TOM, tc


def _on_dict_storage(test_case):
    """`test_case` with every Desk it opens in memory on a fresh DictStorage, opted in to the evaluator."""
    class OnDictStorage(test_case):
        def setUp(self):
            real = tc.Desk
            self.storages = []

            def desk(*args, **kwargs):
                if not {"store", "path", "storage"} & kwargs.keys():
                    self.storages.append(tc.DictStorage())
                    kwargs.update(storage=self.storages[-1], scan_without_index=True)
                return real(*args, **kwargs)
            patcher = mock.patch.object(tc, "Desk", desk)
            patcher.start()
            self.addCleanup(patcher.stop)
            super().setUp()
            self.assertTrue(self.storages, "the case opened its desk on DictStorage")

    OnDictStorage.__name__ = OnDictStorage.__qualname__ = test_case.__name__ + "OnDictStorage"
    return OnDictStorage


QueriesOnDictStorage = _on_dict_storage(test_queries.Queries)
ReportsOnDictStorage = _on_dict_storage(test_reports.Reports)


class WithoutTheOptIn(unittest.TestCase):
    def test_q1_r1_a_backend_without_indexes_says_which_method_it_lacks(self):
        with tc.Desk(CONFIG, storage=tc.DictStorage(), actor=TOM) as desk:
            desk.create_ticket(type="bug_report", title="Printer", contact="ann")
            for call, method in ((lambda: desk.find_tickets({}), "query_tickets"),
                                 (lambda: desk.count_tickets({}), "count_tickets"),
                                 (lambda: desk.bulk_update({}, assignee="fay"), "query_tickets"),
                                 (lambda: desk.report("2020-01-01T00:00:00Z", "2030-01-01T00:00:00Z"),
                                  "scan_history")):
                with self.assertRaises(tc.NotSupported) as caught:
                    call()
                self.assertIn(method, caught.exception.message)
            self.assertEqual(desk.views(), [])  # saved views are DictStorage's own

    def test_q1_the_evaluator_answers_like_the_indexed_store(self):
        def run(**kwargs):
            with tc.Desk(CONFIG, actor=TOM, **kwargs) as desk:
                for i, (contact, priority) in enumerate([("ann", "low"), ("bob", "urgent"), ("ann", "high")]):
                    t = desk.create_ticket(type="bug_report", title=f"Printer {i} jam", contact=contact,
                                           priority=priority)
                    desk.add_note(t, f"internal word{i}")
                return [[t["title"] for t in desk.find_tickets(q)["tickets"]] + [desk.count_tickets(q)]
                        for q in ({"order": "priority"}, {"contact": "ann", "descending": False},
                                  {"text": "jam word2"}, {"text": "word1", "public_text_only": True})]
        self.assertEqual(run(storage=tc.DictStorage(), scan_without_index=True), run())


if __name__ == "__main__":
    unittest.main()
