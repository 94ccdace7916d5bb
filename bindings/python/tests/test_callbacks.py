"""Callbacks written in Python: the notifier (N5), event subscriptions and the
clock. A callback that raises is reported, never swallowed, and the process
and the desk carry on."""

import datetime
import sys
import threading
import unittest

from support import CONFIG, TOM, Scenario, tc
from ticketcore import _callbacks

START_MS = 1_790_000_000_000  # a fixed "now" for the desk's clock


class Clock:
    def __init__(self):
        self.ms = START_MS
        self.lock = threading.Lock()

    def __call__(self):
        with self.lock:
            return self.ms

    def advance(self, seconds):
        with self.lock:
            self.ms += int(seconds * 1000)


class CapturedUnraisable:
    """Replaces sys.unraisablehook for one test."""

    def __init__(self, test):
        self.seen = []
        saved = sys.unraisablehook
        sys.unraisablehook = self.seen.append
        test.addCleanup(setattr, sys, "unraisablehook", saved)


class Notifier(unittest.TestCase):
    def setUp(self):
        self.baseline = _callbacks.live_count()
        self.clock = Clock()
        self.sent = []
        self.desk = tc.Desk(CONFIG, notifier=self.sent.append, clock=self.clock,
                            dispatch={"initial_backoff_ms": 1000, "max_attempts": 3})
        self.addCleanup(self.desk.close)
        self.conversation = self.desk.create_conversation("ann", "Export does nothing", brand="acme")
        self.ticket = self.desk.convert_conversation(self.conversation, type="bug_report", title="Export fails", actor=TOM)

    def test_n1_n5_the_desk_notifier_delivers_the_outbox(self):
        result = self.desk.dispatch_notifications()
        self.assertEqual(result["retried"], 0)
        self.assertEqual(result["delivered"], len(self.sent))
        self.assertTrue(self.sent)
        for n in self.sent:
            self.assertEqual(n["recipient"], "ann")
            self.assertEqual(n["kind"], "ticket_created")
            self.assertTrue(n["idempotency_key"])
        self.assertEqual(self.desk.outbox(state="pending"), [])
        self.assertEqual(self.desk.dispatch_notifications()["delivered"], 0, "delivered entries are never sent again")

    def test_n5_a_notifier_that_raises_is_reported_as_last_error_and_retried(self):
        calls = []

        def broken(notification):
            calls.append(notification["id"])
            raise ConnectionError("mail server down")
        result = self.desk.dispatch_notifications(broken)
        self.assertEqual(result["delivered"], 0)
        self.assertEqual(result["retried"], len(calls))
        for entry in self.desk.outbox():
            self.assertEqual(entry["state"], "pending")
            self.assertEqual(entry["attempts"], 1)
            self.assertIn("ConnectionError: mail server down", entry["last_error"])
            self.assertIn("broken", entry["last_error"], "the error says where it was raised")
        # Nothing is due before the backoff; after it, the desk's own notifier delivers.
        self.assertEqual(self.desk.dispatch_notifications()["delivered"], 0)
        self.clock.advance(2)
        self.assertEqual(self.desk.dispatch_notifications()["delivered"], len(calls))
        self.assertEqual([n["id"] for n in self.sent], calls)

    def test_n5_delivery_failed_and_retry_later_carry_their_reason(self):
        def refuse(notification):
            if notification["channel"] == "email":
                raise tc.DeliveryFailed("mailbox does not exist")
            raise tc.RetryLater("messenger busy")
        result = self.desk.dispatch_notifications(refuse)
        self.assertEqual((result["failed"], result["retried"]), (1, 1))
        by_channel = {n["channel"]: n for n in self.desk.outbox()}
        self.assertEqual(by_channel["email"]["state"], "failed")
        self.assertEqual(by_channel["email"]["last_error"], "mailbox does not exist")
        self.assertEqual(by_channel["messenger"]["last_error"], "messenger busy")

    def test_return_values(self):
        results = iter([tc.Delivery.FAILED, False])
        self.desk.dispatch_notifications(lambda n: next(results))
        errors = sorted(n["last_error"] for n in self.desk.outbox())
        self.assertEqual(errors, ["the notifier reported failure", "the notifier returned False"])

    def test_a_notifier_object_with_deliver_and_calls_back_into_the_desk(self):
        desk = self.desk

        class Mailer:
            def __init__(self):
                self.titles = []

            def deliver(self, notification):
                # A notifier may call other functions of the desk (not dispatch).
                self.titles.append(desk.ticket(notification["ticket"], actor=TOM)["title"])
                return tc.Delivery.OK
        mailer = Mailer()
        self.assertEqual(self.desk.dispatch_notifications(mailer)["delivered"], 2)
        self.assertEqual(mailer.titles, ["Export fails", "Export fails"])

    def test_callback_objects_are_released_at_close(self):
        self.assertEqual(_callbacks.live_count(), self.baseline + 2)  # notifier and clock
        self.desk.dispatch_notifications(lambda n: None)  # a borrowed notifier is released after the call
        self.assertEqual(_callbacks.live_count(), self.baseline + 2)
        self.desk.close()
        self.assertEqual(_callbacks.live_count(), self.baseline)

    def test_a_failed_open_releases_the_callbacks(self):
        with self.assertRaises(tc.ValidationFailed):
            tc.Desk({"ticket_types": [{"id": "t", "category": "nope"}]}, notifier=print, clock=Clock())
        self.assertEqual(_callbacks.live_count(), self.baseline + 2)  # only this test's own desk


class Events(unittest.TestCase):
    def setUp(self):
        self.desk = tc.Desk(CONFIG, actor=TOM)
        self.addCleanup(self.desk.close)

    def test_events_arrive_in_commit_order(self):
        events = []
        with self.desk.subscribe(events.append) as subscription:
            conversation = self.desk.create_conversation("ann", "Export does nothing")
            ticket = self.desk.convert_conversation(conversation, type="bug_report", title="Export fails")
            self.desk.set_state(ticket, "in_progress")
        self.assertTrue(subscription.closed)
        kinds = [e["kind"] for e in events]
        # Commits in order; the events of one commit come together.
        self.assertLess(kinds.index("conversation_created"), kinds.index("ticket_created"))
        self.assertLess(kinds.index("ticket_created"), kinds.index("state_changed"))
        changed = events[kinds.index("state_changed")]
        self.assertEqual(changed["subject"], ticket["id"])
        self.assertEqual(changed["number"], ticket["number"])
        self.assertEqual(changed["actor"], TOM)
        count = len(events)
        self.desk.create_conversation("bob", "Hello")
        self.assertEqual(len(events), count, "nothing arrives after close()")

    def test_a_raising_event_callback_is_reported_and_the_process_survives(self):
        hook = CapturedUnraisable(self)
        seen = []

        def flaky(event):
            seen.append(event["kind"])
            if event["kind"] == "ticket_created":
                raise RuntimeError("observer exploded")
        subscription = self.desk.subscribe(flaky)
        self.addCleanup(subscription.close)
        conversation = self.desk.create_conversation("ann", "Export does nothing")
        ticket = self.desk.convert_conversation(conversation, type="bug_report", title="Export fails")
        self.desk.set_state(ticket, "in_progress")
        # Reported: on the subscription and through sys.unraisablehook.
        self.assertEqual([str(e) for e in subscription.errors], ["observer exploded"])
        self.assertEqual(len(hook.seen), 1)
        self.assertIs(hook.seen[0].exc_type, RuntimeError)
        self.assertIn("event callback", hook.seen[0].err_msg)
        # Not swallowed by the desk either: the change stands, later events still arrive.
        self.assertEqual(self.desk.ticket(ticket["id"])["state"], "in_progress")
        self.assertIn("state_changed", seen[seen.index("ticket_created"):])

    def test_on_error_receives_the_exception_and_the_event(self):
        hook = CapturedUnraisable(self)
        reported = []
        with self.desk.subscribe(lambda e: 1 / 0, on_error=lambda exc, event: reported.append((exc, event))):
            self.desk.create_conversation("ann", "Hi")
        self.assertIsInstance(reported[0][0], ZeroDivisionError)
        self.assertIn(reported[0][1]["kind"], ("conversation_created", "part_added"))
        self.assertEqual(hook.seen, [], "on_error replaces the default report")

    def test_a_base_exception_in_a_callback_does_not_unwind_through_c(self):
        CapturedUnraisable(self)
        with self.desk.subscribe(lambda e: sys.exit(3)) as subscription:
            self.desk.create_conversation("ann", "Hi")
        self.assertIsInstance(subscription.errors[0], SystemExit)

    def test_a_subscription_may_end_itself_from_its_callback(self):
        calls = []
        holder = {}

        def once(event):
            calls.append(event["kind"])
            holder["s"].close()
        holder["s"] = self.desk.subscribe(once)
        self.desk.create_conversation("ann", "one")
        self.desk.create_conversation("ann", "two")
        self.assertEqual(len(calls), 1, "nothing after the subscription ended itself")

    def test_the_callback_may_call_the_desk(self):
        titles = []

        def look(event):
            if event["kind"] == "ticket_created":
                titles.append(self.desk.ticket(event["subject"])["title"])
        with self.desk.subscribe(look):
            c = self.desk.create_conversation("ann", "Export does nothing")
            self.desk.convert_conversation(c, type="bug_report", title="Export fails")
        self.assertEqual(titles, ["Export fails"])

    def test_p5_events_of_a_propagated_change(self):
        events = []
        with self.desk.subscribe(events.append):
            s = Scenario(self.desk)
        changed = {e["subject"] for e in events if e["kind"] == "state_changed"}
        self.assertTrue({t["id"] for t in s.tickets} <= changed)

    def test_subscriptions_end_with_their_desk_and_are_released(self):
        baseline = _callbacks.live_count()
        desk = tc.Desk(CONFIG)
        kept = desk.subscribe(lambda e: None)
        desk.subscribe(lambda e: None)  # not kept by the caller: lasts until the desk closes
        self.assertEqual(_callbacks.live_count(), baseline + 2)
        desk.close()
        self.assertTrue(kept.closed)
        kept.close()
        self.assertEqual(_callbacks.live_count(), baseline)

    def test_a_subscription_not_kept_still_receives_events(self):
        events = []
        self.desk.subscribe(events.append)
        import gc
        gc.collect()
        self.desk.create_conversation("ann", "Hi")
        self.assertTrue(events)


class ClockErrors(unittest.TestCase):
    def test_a_raising_clock_falls_back_to_the_system_clock_and_is_reported(self):
        hook = CapturedUnraisable(self)

        def broken():
            raise ValueError("no time")
        with tc.Desk(CONFIG, clock=broken) as desk:
            conversation = desk.create_conversation("ann", "Hi")
            self.assertTrue(conversation["created_at"].startswith("20"))
            self.assertTrue(desk.clock.errors)
        self.assertTrue(hook.seen)

    def test_clock_values(self):
        with tc.Desk(CONFIG, clock=lambda: 1_790_000_000.5) as desk:
            self.assertEqual(desk.create_conversation("ann", "Hi")["created_at"], "2026-09-21T14:13:20.500Z")
        with tc.Desk(CONFIG, clock=lambda: datetime.datetime(2026, 11, 24, 10, 6, tzinfo=datetime.timezone.utc)) as desk:
            self.assertEqual(desk.create_conversation("ann", "Hi")["created_at"], "2026-11-24T10:06:00.000Z")


if __name__ == "__main__":
    unittest.main()
