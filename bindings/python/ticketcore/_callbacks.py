"""Python callbacks behind the C ABI's callback structs.

Every callback the library may call is one module-level CFUNCTYPE object,
created once and never freed, so no trampoline can be released while C can
still call it. The struct's ``ctx`` is a small integer key into a registry of
live Python objects; the struct's ``destroy`` (called exactly once by the
library) removes the key. A Python object therefore stays alive exactly as
long as C may call it.

Every thunk catches everything (BaseException included) and reports it: the
error text goes back through ``tc_callback_error`` (for a notifier it becomes
the outbox entry's ``last_error``), is kept on the owning object's ``errors``
list, and where the C ABI has no channel for it (event callbacks) it is
passed to an ``on_error`` handler or, by default, ``sys.unraisablehook``.
"""

from __future__ import annotations

import collections
import enum
import itertools
import json
import sys
import threading
import time
import traceback
from typing import Any, Callable, Deque, Optional

from . import _lib

_registry: dict[Optional[int], Any] = {}
_registry_lock = threading.Lock()
_keys = itertools.count(1)


def register(obj: Any) -> int:
    """Keeps `obj` alive under a new key, which becomes the struct's ctx."""
    with _registry_lock:
        key = next(_keys)
        _registry[key] = obj
    return key


def lookup(ctx: Optional[int]) -> Any:
    return _registry.get(ctx)


def unregister(ctx: Optional[int]) -> Any:
    with _registry_lock:
        return _registry.pop(ctx, None)


def live_count() -> int:
    """How many Python callback objects the library may still call (for tests)."""
    with _registry_lock:
        return len(_registry)


def describe(exc: BaseException) -> str:
    """One line for an exception: type, message and where it was raised."""
    text = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    tb = traceback.extract_tb(exc.__traceback__)
    if tb:
        frame = tb[-1]
        text += f" (in {frame.name} at {frame.filename}:{frame.lineno})"
    return text


def report_unraisable(exc: BaseException, where: str) -> None:
    """Reports through sys.unraisablehook, the standard channel for errors no caller can receive."""
    try:
        hook = sys.unraisablehook
        hook(_Unraisable(exc, where))  # type: ignore[arg-type]  # the hook reads these attributes
    except BaseException:  # the hook itself failed; nothing better is left
        pass


class _Unraisable:
    def __init__(self, exc: BaseException, where: str) -> None:
        self.exc_type = type(exc)
        self.exc_value = exc
        self.exc_traceback = exc.__traceback__
        self.err_msg = f"Exception in ticketcore {where}"
        self.object = None


def _after_base_exception(exc: BaseException) -> None:
    # A Ctrl-C that arrived inside a callback cannot unwind through C; raise
    # it again in the main thread once control is back in Python.
    if isinstance(exc, KeyboardInterrupt):
        try:
            import _thread
            _thread.interrupt_main()
        except BaseException:
            pass


def callback_error(text: str) -> None:
    _lib.lib.tc_callback_error(text.encode("utf-8", "replace"))


# ---- Notifier ----------------------------------------------------------------


class Delivery(enum.IntEnum):
    """What a notifier returns for one notification (tc_delivery)."""
    OK = _lib.TC_DELIVERY_OK          #: delivered; never sent again
    RETRY = _lib.TC_DELIVERY_RETRY    #: try again after the backoff
    FAILED = _lib.TC_DELIVERY_FAILED  #: give up; the entry is marked failed


class DeliveryFailed(Exception):
    """Raise inside a notifier to give up on a notification (Delivery.FAILED) with a reason."""


class RetryLater(Exception):
    """Raise inside a notifier to ask for a retry (Delivery.RETRY) with a reason."""


class Notifier:
    """Adapts a Python notifier: a callable, or an object with deliver(notification)."""

    def __init__(self, target: Any, errors: Optional[Deque[BaseException]] = None) -> None:
        deliver = getattr(target, "deliver", None)
        self.function: Callable[[Any], Any] = deliver if callable(deliver) else target
        if not callable(self.function):
            raise TypeError("a notifier is a callable, or an object with a deliver(notification) method")
        #: Exceptions raised by the notifier (newest last, at most 100).
        self.errors: Deque[BaseException] = errors if errors is not None else collections.deque(maxlen=100)

    def deliver(self, text: bytes) -> Delivery:
        try:
            result = self.function(json.loads(text.decode("utf-8")))
        except DeliveryFailed as e:
            callback_error(str(e) or "the notifier gave up")
            return Delivery.FAILED
        except RetryLater as e:
            callback_error(str(e) or "the notifier asked to retry")
            return Delivery.RETRY
        except BaseException as e:
            self.errors.append(e)
            callback_error("notifier raised " + describe(e))
            _after_base_exception(e)
            return Delivery.RETRY
        if result is None or result is True:
            return Delivery.OK
        if result is False:
            callback_error("the notifier returned False")
            return Delivery.RETRY
        try:
            return Delivery(result)
        except ValueError:
            callback_error(f"the notifier returned {result!r}, which is not a Delivery")
            return Delivery.RETRY


def _deliver(ctx: Optional[int], notification_json: bytes) -> int:
    try:
        target = lookup(ctx)
        if target is None:
            callback_error("ticketcore binding: notifier called after it was destroyed")
            return Delivery.RETRY
        return int(target.deliver(notification_json))
    except BaseException as e:  # only if reporting itself failed
        report_unraisable(e, "notifier")
        return Delivery.RETRY


# ---- Clock ---------------------------------------------------------------------


class Clock:
    """Adapts a Python clock: a callable returning milliseconds since the Unix epoch
    (an int), seconds (a float) or an aware datetime."""

    def __init__(self, function: Callable[[], Any]) -> None:
        if not callable(function):
            raise TypeError("a clock is a callable returning the time")
        self.function = function
        self.errors: Deque[BaseException] = collections.deque(maxlen=100)

    def now_ms(self) -> int:
        try:
            value = self.function()
            if hasattr(value, "timestamp"):
                return int(round(value.timestamp() * 1000))
            if isinstance(value, float):
                return int(round(value * 1000))
            return int(value)
        except BaseException as e:
            self.errors.append(e)
            callback_error("clock raised " + describe(e))
            report_unraisable(e, "clock (the system clock was used instead)")
            _after_base_exception(e)
            return int(time.time() * 1000)


def _now_ms(ctx: Optional[int]) -> int:
    try:
        target = lookup(ctx)
        return int(target.now_ms()) if target is not None else int(time.time() * 1000)
    except BaseException as e:
        report_unraisable(e, "clock")
        return int(time.time() * 1000)


# ---- Event subscriptions --------------------------------------------------------


def _on_event(ctx: Optional[int], event_json: bytes) -> None:
    try:
        target = lookup(ctx)
        if target is not None:
            target._deliver(event_json)
    except BaseException as e:
        report_unraisable(e, "event callback")


# ---- destroy ----------------------------------------------------------------------


def _destroy(ctx: Optional[int]) -> None:
    try:
        target = lookup(ctx)
        if not getattr(target, "keep_registered", False):
            unregister(ctx)
        done = getattr(target, "_destroyed", None)
        if done is not None:
            done()
    except BaseException as e:
        report_unraisable(e, "destroy")


DELIVER_THUNK = _lib.DELIVER(_deliver)
NOW_MS_THUNK = _lib.NOW_MS(_now_ms)
ON_EVENT_THUNK = _lib.ON_EVENT(_on_event)
DESTROY_THUNK = _lib.DESTROY(_destroy)
