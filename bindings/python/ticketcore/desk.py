"""The Desk: a ticketcore engine opened through the C ABI.

Every method runs one operation of docs/c-api.md and returns its result as
plain Python data (the parsed JSON: dicts and lists). Failures raise a
:class:`ticketcore.TicketcoreError` subclass; a failed call changes nothing.

A Desk may be used from several threads at once (X2); ctypes releases the
GIL for the duration of each C call. ``close()`` must be the last call.
"""

from __future__ import annotations

import atexit
import collections
import ctypes
import json
import json.scanner  # type: ignore  # no stubs for the C scanner
import math
import sys
import threading
import weakref
from typing import TYPE_CHECKING, Any, Callable, Deque, Iterator, Mapping, Optional, Union

from . import _callbacks, _lib, errors
from ._callbacks import Clock, Notifier
from . import _ops
from ._ops import Operations
from .records import (Actor, DispatchResult, Id, InboxRow, JSONObject, Link, Notification, Part, Ref, TicketView,
                      _id)

if TYPE_CHECKING:  # for the annotation only: the body imports storage where it needs it
    from .storage import Storage

_c = _lib.lib

# ---- Actors ---------------------------------------------------------------------


def teammate(id: str) -> dict[str, str]:
    """The actor of a teammate: ``{"kind": "teammate", "id": id}``."""
    return {"kind": "teammate", "id": id}


def contact(id: str) -> dict[str, str]:
    """The actor of a contact, who sees only the customer projection (V1-V5)."""
    return {"kind": "contact", "id": id}


def automation(id: str) -> dict[str, str]:
    return {"kind": "automation", "id": id}


def system() -> dict[str, str]:
    return {"kind": "system"}


# ---- Marshalling ------------------------------------------------------------------


def _text(value: Any, what: str) -> Optional[bytes]:
    """UTF-8 bytes for a C string argument; None stays NULL."""
    if value is None:
        return None
    if isinstance(value, bytes):
        data = value
    else:
        if not isinstance(value, str):
            raise errors.InvalidArgument(f"{what} must be a string, not {type(value).__name__}",
                                         status=errors.InvalidArgument.status)
        try:
            data = value.encode("utf-8")
        except UnicodeEncodeError as e:
            raise errors.InvalidArgument(f"{what} is not valid Unicode text: {e}",
                                         status=errors.InvalidArgument.status) from None
    if b"\0" in data:
        raise errors.InvalidArgument(f"{what} contains a NUL character", status=errors.InvalidArgument.status)
    return data


def _find(value: Any, path: str, bad: Callable[[Any], bool]) -> Optional[str]:
    """The path of the first scalar in value (nested dicts, lists) for which bad() holds, or None."""
    if isinstance(value, dict):
        items = ((f"{path}.{k}", v) for k, v in value.items())
    elif isinstance(value, (list, tuple)):
        items = ((f"{path}[{i}]", v) for i, v in enumerate(value))
    else:
        return path if bad(value) else None
    for where, item in items:
        found = _find(item, where, bad)
        if found:
            return found
    return None


def _not_finite(value: Any) -> bool:
    return isinstance(value, float) and not math.isfinite(value)


def _not_unicode(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        value.encode("utf-8")
        return False
    except UnicodeEncodeError:
        return True


def _json(value: Any, what: str) -> Optional[bytes]:
    """A JSON argument: a str/bytes is passed as it is, anything else is serialised.

    nan and inf have no JSON form (json.dumps would write the non-JSON tokens
    NaN and Infinity): they raise ValidationFailed naming the field, as the
    library does for a number that overflows (U3). A string holding a lone
    surrogate is InvalidArgument naming its field."""
    if value is None or isinstance(value, (str, bytes)):
        return _text(value, what)
    try:
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except ValueError as e:
        where = _find(value, what, _not_finite)
        if where:
            raise errors.ValidationFailed(f"{where} is not a finite number (nan and inf have no JSON form)",
                                          status=errors.ValidationFailed.status, fields=[where]) from None
        raise errors.InvalidArgument(f"{what} cannot be written as JSON: {e}",
                                     status=errors.InvalidArgument.status) from None
    except TypeError as e:
        raise errors.InvalidArgument(f"{what} cannot be written as JSON: {e}",
                                     status=errors.InvalidArgument.status) from None
    try:
        return _text(text, what)
    except errors.InvalidArgument:
        where = _find(value, what, _not_unicode)
        if where:
            raise errors.InvalidArgument(f"{where} is not valid Unicode text (a lone surrogate)",
                                         status=errors.InvalidArgument.status) from None
        raise


def _json_text(text: str) -> bytes:
    """A str as a JSON string, UTF-8."""
    return json.dumps(text, ensure_ascii=False).encode("utf-8")


def _json_member(value: Any, what: str) -> Optional[bytes]:
    """An argument's JSON: like _json, but text is a JSON string, never JSON text."""
    if isinstance(value, str):
        if "\0" in value:
            raise errors.InvalidArgument(f"{what} contains a NUL character", status=errors.InvalidArgument.status)
        return _text(json.dumps(value, ensure_ascii=False), what)
    return _json(value, what)


# The typed functions without `char **out_json` (their op has no result).
_NO_OUTPUT = frozenset(name for name, kinds in _ops.C_FUNCTIONS if kinds[0] != "out")


def _deprecated(old: str, new: str) -> None:
    import warnings
    warnings.warn(f"Desk.{old} is deprecated; use Desk.{new}", DeprecationWarning, stacklevel=3)


# The JSON of actors seen before, by content. Nearly every call names one of
# a few actors, and json.dumps of the same two keys was the largest Python
# cost of a read after the JSON decode of its result (bench/python_reads.py).
_actor_texts: dict[tuple[Any, ...], Optional[bytes]] = {}


def _actor_json(actor: Any) -> Optional[bytes]:
    """The UTF-8 JSON of an actor, as _json(actor, "actor") gives it.

    Only a dict whose keys and values are all str is cached (so 1, 1.0 and
    True, equal as keys of a dict, are never confused); the cache is small
    and emptied when full."""
    if type(actor) is dict and len(actor) <= 2:
        key = tuple(actor.items())
        text = _actor_texts.get(key)
        if text is not None:
            return text
        if all(type(k) is str and type(v) is str for k, v in key):
            text = _json(actor, "actor")
            if len(_actor_texts) >= 256:
                _actor_texts.clear()
            _actor_texts[key] = text
            return text
    return _json(actor, "actor")


def _ref(value: Any, what: str = "ticket") -> Optional[bytes]:
    """A ticket or record reference: a UUID, a number ("#12", "12", 12) or a view (dict with "id")."""
    if isinstance(value, dict):
        value = value.get("id")
    if isinstance(value, bool):
        raise errors.InvalidArgument(f"{what} must be a UUID or a ticket number", status=errors.InvalidArgument.status)
    if type(value) is int:
        return b"%d" % value  # digits and "-" only: no UTF-8 or NUL check needed
    if isinstance(value, int):
        value = str(value)
    return _text(value, what)


# The C scanner under json.loads, called directly: the library writes
# compact JSON (no whitespace around the value), so json.loads's whitespace
# matching and argument checks around it are spared; they were a sixth of
# decoding a ticket (bench/python_reads.py). Anything else goes to json.loads.
_scan = json.scanner.make_scanner(json.JSONDecoder())


def _parse(text: Optional[str]) -> Any:
    if text is None:
        return None
    try:
        value, end = _scan(text, 0)
        if end == len(text):
            return value
    except (StopIteration, ValueError):
        pass
    return json.loads(text)


# ---- Desks still open at exit are closed before the interpreter shuts down. ----

_open_desks: weakref.WeakSet[Desk] = weakref.WeakSet()


def _close_all_at_exit() -> None:
    for desk in list(_open_desks):
        try:
            desk.close()
        except BaseException:
            pass


atexit.register(_close_all_at_exit)


class Subscription:
    """An event subscription (``Desk.subscribe``). It lasts until ``close()`` (or
    ``with`` ends, or the desk closes); dropping the object does not end it.

    The callback gets each event as a dict after its change commits, on the
    thread that made the change. An exception it raises is caught: it is
    appended to ``errors``, passed to ``on_error(exc, event)`` if given, and
    otherwise reported through ``sys.unraisablehook``; later events still
    arrive and the change stands.
    """

    def __init__(self, callback: Callable[[Any], Any],
                 on_error: Optional[Callable[[BaseException, Any], Any]] = None,
                 owner: Optional[set[Subscription]] = None) -> None:
        self.callback = callback
        self.on_error = on_error
        #: Exceptions the callback raised (newest last, at most 100).
        self.errors: Deque[BaseException] = collections.deque(maxlen=100)
        self._handle: Optional[int] = None
        self._lock = threading.Lock()
        self._owner = owner  # the desk's set of live subscriptions

    def _deliver(self, text: bytes) -> None:
        event = None
        try:
            event = json.loads(text.decode("utf-8"))
            self.callback(event)
        except BaseException as e:
            self.errors.append(e)
            _callbacks.callback_error("event callback raised " + _callbacks.describe(e))
            if self.on_error is not None:
                try:
                    self.on_error(e, event)
                except BaseException as e2:
                    _callbacks.report_unraisable(e2, "event on_error handler")
            else:
                _callbacks.report_unraisable(e, "event callback")
            _callbacks._after_base_exception(e)

    @property
    def closed(self) -> bool:
        return self._handle is None

    def close(self) -> None:
        """Ends the subscription: no call starts after this returns. Safe to call twice,
        and from inside the callback itself."""
        with self._lock:
            handle, self._handle = self._handle, None
        if handle:
            if self._owner is not None:
                self._owner.discard(self)
            _c.tc_subscription_free(handle)

    def __enter__(self) -> Subscription:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        # Fallback only: call close(). Never touch C while the interpreter shuts down.
        if getattr(self, "_handle", None) and not sys.is_finalizing():
            try:
                self.close()
            except BaseException:
                pass


class Desk(Operations):
    """An embedded ticketcore desk.

    ``config``: the configuration (dict or JSON text, docs/configuration.md);
    ``None``: the one the store keeps, else an empty one. A given one is stored
    as ``configure`` would, unless equal to the stored one; a store without
    records by kind keeps none, so give it at every open.
    ``store``: ``None`` (in memory), a dict or JSON text such as
    ``{"kind": "sqlite", "path": "support.desk"}``; ``path=`` is a shortcut for
    an SQLite desk file. ``storage``: a :class:`ticketcore.Storage` written in
    Python instead. ``notifier``: a callable (or object with ``deliver``) that
    gets each notification as a dict and returns None/True (delivered),
    ``Delivery.RETRY``/``False`` or ``Delivery.FAILED``; an exception counts as
    a retry and its text becomes the entry's ``last_error``. ``clock``: a
    callable giving "now" (ms since the epoch, seconds, or a datetime).
    ``actor``: the actor bound to the desk, for op calls that name none; without
    one, such a call raises TypeError (nothing runs as the system by default).
    :meth:`as_teammate` and its siblings bind one later.
    ``scan_without_index``: where ``storage`` lacks an indexed capability
    (queries and counts, history by time for reports), let the library answer
    by scanning the whole desk per call instead of raising NotSupported
    (docs/storage.md, "Capabilities and the evaluator").

    Every op of the op table is a method named after it (``add_note``,
    ``set_state``, ...; :mod:`ticketcore._ops`); results are plain dicts and
    lists, typed as :mod:`ticketcore.records` describes.
    """

    def __init__(self, config: Union[Mapping[str, Any], str, None] = None, *,
                 store: Union[Mapping[str, Any], str, None] = None, path: Any = None, storage: Optional[Storage[Any]] = None,
                 dispatch: Union[Mapping[str, Any], str, None] = None, notifier: Any = None,
                 clock: Optional[Callable[[], Any]] = None, max_input_bytes: int = 0,
                 actor: Optional[Actor] = None, scan_without_index: bool = False) -> None:
        self._handle: Optional[int] = None
        self.default_actor = actor
        if path is not None:
            if store is not None:
                raise errors.InvalidArgument("give store or path, not both", status=errors.InvalidArgument.status)
            store = {"kind": "sqlite", "path": str(path)}
        if storage is not None and store is not None:
            raise errors.InvalidArgument("give store/path or storage, not both", status=errors.InvalidArgument.status)

        opts = _lib.tc_desk_options()
        # The oldest options version that has every field used, so an older
        # library of the same ABI still opens desks that need nothing newer.
        _c.tc_desk_options_init(ctypes.byref(opts), 3 if scan_without_index else 2 if storage is not None else 1)
        if scan_without_index:
            opts.scan_without_index = 1
        keep = [_json(config, "config"), _json(store, "store"), _json(dispatch, "dispatch")]
        opts.config_json, opts.store_json, opts.dispatch_json = keep
        opts.max_input_bytes = max_input_bytes

        # Callback structs the library copies. Each registered object stays
        # alive until the library calls its destroy(): at close, or before a
        # failing open returns. Everything that can fail in Python is checked
        # before the first registration.
        if storage is not None:
            from .storage import Storage
            if not isinstance(storage, Storage):
                raise TypeError("storage must be a ticketcore.Storage")
        self.notifier = Notifier(notifier) if notifier is not None else None
        self.clock = Clock(clock) if clock is not None else None
        pending: list[int] = []
        if self.notifier is not None:
            n = _lib.tc_notifier()
            _c.tc_notifier_init(ctypes.byref(n), _lib.TC_NOTIFIER_VERSION)
            n.ctx = _callbacks.register(self.notifier)
            n.deliver, n.destroy = _callbacks.DELIVER_THUNK, _callbacks.DESTROY_THUNK
            opts.notifier = ctypes.pointer(n)
            pending.append(n.ctx)
        if self.clock is not None:
            k = _lib.tc_clock()
            _c.tc_clock_init(ctypes.byref(k), _lib.TC_CLOCK_VERSION)
            k.ctx = _callbacks.register(self.clock)
            k.now_ms, k.destroy = _callbacks.NOW_MS_THUNK, _callbacks.DESTROY_THUNK
            opts.clock = ctypes.pointer(k)
            pending.append(k.ctx)
        self.storage = storage
        self._storage_bridge: Optional[tuple[Any, int]] = None
        if storage is not None:
            from .storage import make_methods
            methods, bridge = make_methods(storage)
            opts.storage_methods = ctypes.pointer(methods)
            self._storage_bridge = (bridge, methods.ctx)

        handle = ctypes.c_void_p()
        try:
            _c.tc_desk_open(ctypes.byref(handle), ctypes.byref(opts))
        except errors.VersionMismatch:
            # The library rejected a struct and calls nothing in it: no destroy comes.
            for ctx in pending:
                _callbacks.unregister(ctx)
            self._release_storage()
            raise
        except BaseException:
            self._release_storage()
            raise
        self._handle = handle.value
        self._lock = threading.Lock()
        self._subscriptions: set[Subscription] = set()
        _open_desks.add(self)

    # ---- Handle -----------------------------------------------------------------

    @property
    def _as_parameter_(self) -> ctypes.c_void_p:
        return ctypes.c_void_p(self._live())

    def _live(self) -> int:
        """The handle, or InvalidArgument once the desk is closed (checked before
        each call, since ctypes would wrap an error raised by _as_parameter_)."""
        handle = self._handle
        if not handle:
            raise errors.InvalidArgument("the desk is closed", status=errors.InvalidArgument.status)
        return handle

    @property
    def closed(self) -> bool:
        return not self._handle

    def close(self) -> None:
        """Closes the desk (and calls the destroy of its notifier, clock and storage).
        Must be the last call on it; closing twice is harmless."""
        lock = getattr(self, "_lock", None)
        if lock is None:
            return
        with lock:
            handle, self._handle = self._handle, None
        if handle:
            _open_desks.discard(self)
            _c.tc_desk_close(handle)
            self._release_storage()
            # A subscription gets nothing after its desk closed: free them all.
            for subscription in list(self._subscriptions):
                subscription.close()

    def _release_storage(self) -> None:
        # After tc_desk_close() (or a failed open) the library calls the
        # storage no more: forget the bridge and close the Python backend once.
        bridge, self._storage_bridge = getattr(self, "_storage_bridge", None), None
        if bridge is not None:
            bridge[0].release(bridge[1])

    def __enter__(self) -> Desk:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        # A fallback for desks nobody closed. During interpreter shutdown the
        # atexit hook has closed them already; never call C from a dying interpreter.
        if getattr(self, "_handle", None) and not sys.is_finalizing():
            try:
                self.close()
            except BaseException:
                pass

    def __repr__(self) -> str:
        return f"<ticketcore.Desk {'closed' if self.closed else 'open'}>"

    # ---- Plumbing -----------------------------------------------------------------

    def _acting(self, actor: Optional[Actor], as_contact: Optional[str], op: str) -> Actor:
        """The actor an op acting for someone runs as: ``as_contact``, ``actor``, or the
        actor bound to the desk. Never the system by default."""
        self._live()  # a closed desk says so, whatever the actor
        if as_contact is not None:
            if actor is not None:
                raise errors.InvalidArgument("give actor or as_contact, not both", status=errors.InvalidArgument.status)
            return contact(as_contact)
        if actor is not None:
            return actor
        if self.default_actor is not None:
            return self.default_actor
        raise TypeError(f"{op} acts for someone: pass actor=..., or bind an actor once "
                        f"(desk.as_teammate(\"tom\"), Desk(..., actor=...))")

    def _op(self, op: str, args: dict[str, Any], actor: Optional[Actor]) -> Any:
        """Runs `op` through tc_desk_execute. Each argument is written as JSON on its
        own, so a value that cannot be (nan, a lone surrogate) is named by its key."""
        members = b",".join(_json_text(key) + b":" + (_json_member(value, key) or b"null")
                            for key, value in args.items())
        request = b'{"op":' + _json_text(op)
        actor_: Any = actor
        if isinstance(actor_, (str, bytes)):  # actor JSON text: checked here, so errors name the actor
            try:
                actor_ = json.loads(actor_)
            except ValueError as e:
                raise errors.InvalidArgument(f"actor is not valid JSON: {e}",
                                             status=errors.InvalidArgument.status) from None
        if actor_ is not None:
            request += b',"actor":' + (_actor_json(actor_) or b"null")
        request += b',"args":{' + members + b"}}"
        return self._call(_c.tc_desk_execute, request)

    def _typed(self, function: str, actor: Optional[Actor], *params: Any) -> Any:
        """Runs an op through its typed C function `function` (tc_desk_<op>), the
        faster path: no request JSON built here and parsed there. `actor` None: a
        host op, which takes none."""
        c_function = getattr(_c, function)
        if actor is not None:
            params = (self._c_actor(actor),) + params
        if function in _NO_OUTPUT:
            self._live()
            c_function(self, *params)
            return None
        return self._call(c_function, *params)

    @staticmethod
    def _c_actor(actor: Any) -> Optional[bytes]:
        if isinstance(actor, (str, bytes)):  # actor JSON text: the library checks it
            return _text(actor, "actor")
        return _actor_json(actor)

    def _c_text(self, value: Any, what: str) -> Optional[bytes]:
        return _text(value, what)

    def _c_ref(self, value: Any, what: str) -> Optional[bytes]:
        if type(value) is int:
            return b"%d" % value  # a number: digits and "-" only, nothing to check
        return _text(value, what)

    def _c_json(self, value: Any, what: str) -> Optional[bytes]:
        return _json(value, what)

    def _call(self, function: Any, *args: Any) -> Any:
        """Calls a function with `char **out_json` first; returns the parsed result."""
        handle = self._live()  # the handle itself: _as_parameter_ would check it again
        out = ctypes.c_void_p()
        function(ctypes.byref(out), handle, *args)
        return _parse(_lib.take_string(out))

    # ---- Actors bound once --------------------------------------------------------------

    def acting_as(self, actor: Actor) -> Desk:
        """This desk with `actor` bound: its op methods act as `actor` unless given
        another. The desk stays one desk (closing it closes every binding's desk)."""
        return _BoundDesk(self, actor)

    def as_teammate(self, id: str) -> Desk:
        """``desk.as_teammate("tom").set_state(7, "done")``: the desk, acting as teammate `id`."""
        return self.acting_as(teammate(id))

    def as_contact(self, id: str) -> Desk:
        """The desk acting as contact `id`, who sees only the customer projection (V1-V5)."""
        return self.acting_as(contact(id))

    def as_automation(self, id: str) -> Desk:
        return self.acting_as(automation(id))

    def as_system(self) -> Desk:
        """The desk acting as the system, said explicitly (nothing runs as it by default)."""
        return self.acting_as(system())

    # ---- Generic entry ------------------------------------------------------------------

    def execute(self, op: str, actor: Optional[Actor] = None, args: Optional[Mapping[str, Any]] = None) -> Any:
        """Runs any op by name (docs/c-api.md, "Operations"). ``actor`` None: the op's
        request carries no actor (right for configure, outbox, ...)."""
        request: dict[str, Any] = {"op": op}
        if actor is not None:
            request["actor"] = actor
        if args is not None:
            request["args"] = args
        return self._call(_c.tc_desk_execute, _json(request, "request"))

    # ---- Ops that take more than their arguments -----------------------------------------
    # Every other op method comes from the op table (_ops.py).

    def dispatch_notifications(self, notifier: Any = None) -> DispatchResult:
        """N5. Delivers due notifications through `notifier` (a callable or object with
        ``deliver``, lent for this call) or the desk's own. Returns {"delivered", "retried",
        "failed"}."""
        if notifier is None:
            return self._call(_c.tc_desk_dispatch_notifications, None)  # type: ignore[no-any-return]
        adapter = notifier if isinstance(notifier, Notifier) else Notifier(notifier)
        n = _lib.tc_notifier()
        _c.tc_notifier_init(ctypes.byref(n), _lib.TC_NOTIFIER_VERSION)
        n.ctx = _callbacks.register(adapter)  # borrowed: destroy is never called, so unregister below
        n.deliver = _callbacks.DELIVER_THUNK
        try:
            return self._call(_c.tc_desk_dispatch_notifications, ctypes.byref(n))  # type: ignore[no-any-return]
        finally:
            _callbacks.unregister(n.ctx)

    def report(self, start: str, end: str, *, group_by: Optional[str] = None,  # type: ignore[override]
               time_zone: Optional[str] = None, category: Optional[str] = None, format: Optional[str] = None,
               actor: Optional[Actor] = None) -> Union[JSONObject, str]:
        """R1. Figures over [start, end) (ISO 8601 times), computed from history
        (docs/reporting.md): a dict with "request", "rows" and "total";
        ``format="csv"``: the CSV text instead. Not for contacts."""
        out = super().report(start, end, group_by=group_by, time_zone=time_zone,  # type: ignore[arg-type]
                             category=category, format=format, actor=actor)  # type: ignore[arg-type]
        return str(out["csv"]) if format == "csv" else out

    # ---- Lists, page by page --------------------------------------------------------------

    def iter_tickets(self, query: Union[Mapping[str, Any], str, None] = None, *, page_size: int = 100,
                     actor: Optional[Actor] = None, as_contact: Optional[str] = None) -> Iterator[TicketView]:
        """Q1. Every ticket matching `query`: find_tickets page after page, following
        next_cursor, so a long result never stops at one page."""
        cursor: Optional[str] = None
        while True:
            page = self.find_tickets(query, limit=page_size, cursor=cursor, actor=actor, as_contact=as_contact)
            yield from page["tickets"]
            cursor = page["next_cursor"]
            if not cursor:
                return

    def iter_inbox(self, *, page_size: int = 100, actor: Optional[Actor] = None, as_contact: Optional[str] = None,
                   **filters: Any) -> Iterator[InboxRow]:
        """C8. Every inbox row, newest first: inbox_page page after page, following
        next_cursor, so a long inbox never stops at one page. `filters` are
        inbox_page's (category, brand, ...). Rows created while it walks are newer
        than its cursor and are not among them."""
        cursor: Optional[str] = None
        while True:
            page = self.inbox_page(limit=page_size, cursor=cursor, actor=actor, as_contact=as_contact, **filters)
            yield from page["rows"]
            cursor = page["next_cursor"]
            if not cursor:
                return

    def iter_outbox(self, *, page_size: int = 1000, **filters: Any) -> Iterator[Notification]:
        """N5. Every outbox entry, oldest first: outbox_page page after page, following
        next_cursor, so a long outbox never stops at one page. `filters` are
        outbox_page's (audience, recipient, ticket, state). Entries enqueued while it
        walks come too, each once."""
        cursor: Optional[str] = None
        while True:
            page = self.outbox_page(limit=page_size, cursor=cursor, **filters)
            yield from page["notifications"]
            cursor = page["next_cursor"]
            if not cursor:
                return

    # ---- Links between two records ------------------------------------------------------------

    def unlink(self, a: Id, b: Optional[Id] = None, *, actor: Optional[Actor] = None) -> Optional[int]:
        """K9. Removes the link between records `a` and `b` (either direction; with its
        companions) and returns how many links were removed (0 when there was none).
        Remove one link by its id with remove_link(). ``unlink(link)`` with one argument is
        the old spelling of remove_link (deprecated)."""
        if b is None:
            _deprecated("unlink(link)", "remove_link(link)")
            self.remove_link(a, actor=actor)
            return None
        ends = {_id(a), _id(b)}
        removed = 0
        for link in self.links(a, actor=actor):
            if {link.get("from"), link.get("to")} == ends:
                try:
                    self.remove_link(link["id"], actor=actor)
                except errors.NotFound:
                    pass  # a companion of a link removed just before
                else:
                    removed += 1
        return removed

    # ---- Deprecated names ---------------------------------------------------------------------

    def note(self, target: Id, body: str, *, cross_post: bool = False, actor: Optional[Actor] = None) -> Part:
        """Deprecated: add_note(target, body, mode="cross_post" or "add")."""
        _deprecated("note", "add_note")
        return self.add_note(target, body, mode="cross_post" if cross_post else None, actor=actor)

    def link(self, source: Id, target: Id, kind: Any = "related", *, actor: Optional[Actor] = None) -> Link:
        """Deprecated: add_link(source, target, kind)."""
        _deprecated("link", "add_link")
        return self.add_link(source, target, kind, actor=actor)

    def link_external(self, tracker: Id, kind: str, external_id: str, url: str = "", *,
                      actor: Optional[Actor] = None) -> Link:
        """Deprecated: add_external_link(tracker, {"kind", "external_id", "url"})."""
        _deprecated("link_external", "add_external_link")
        return self.add_external_link(tracker, {"kind": kind, "external_id": external_id, "url": url}, actor=actor)

    def convert(self, conversation: Ref, *, actor: Optional[Actor] = None, **ticket: Any) -> TicketView:
        """Deprecated: convert_conversation(conversation, **ticket)."""
        _deprecated("convert", "convert_conversation")
        return self.convert_conversation(conversation, actor=actor, **ticket)

    def dispatch(self, notifier: Any = None) -> DispatchResult:
        """Deprecated: dispatch_notifications(notifier)."""
        _deprecated("dispatch", "dispatch_notifications")
        return self.dispatch_notifications(notifier)

    def subscribe(self, callback: Callable[[Any], Any], *,
                  on_error: Optional[Callable[[BaseException, Any], Any]] = None) -> Subscription:
        """Calls ``callback(event)`` after each committed change; returns a :class:`Subscription`."""
        if not callable(callback):
            raise TypeError("callback must be callable")
        self._live()
        subscription = Subscription(callback, on_error, self._subscriptions)
        cb = _lib.tc_event_callback()
        _c.tc_event_callback_init(ctypes.byref(cb), _lib.TC_EVENT_CALLBACK_VERSION)
        cb.ctx = _callbacks.register(subscription)
        cb.on_event, cb.destroy = _callbacks.ON_EVENT_THUNK, _callbacks.DESTROY_THUNK
        handle = ctypes.c_void_p()
        try:
            _c.tc_desk_subscribe(ctypes.byref(handle), self, ctypes.byref(cb))
        except errors.VersionMismatch:
            _callbacks.unregister(cb.ctx)  # rejected struct: nothing in it is called
            raise
        except BaseException:
            # After accepting the struct the library has called destroy; a
            # failure before that (a closed desk here) leaves it registered.
            _callbacks.unregister(cb.ctx)
            raise
        subscription._handle = handle.value
        self._subscriptions.add(subscription)
        return subscription


class _BoundDesk(Desk):
    """A desk with an actor bound (Desk.as_teammate and its siblings): the same
    desk, whose op methods act as that actor unless told otherwise. It shares
    the desk's handle; closing it, or leaving its ``with``, leaves the desk open."""

    def __init__(self, owner: Desk, actor: Actor) -> None:  # no Desk.__init__: nothing is opened  # noqa
        self._owner: Desk = owner._owner if isinstance(owner, _BoundDesk) else owner
        self.default_actor = actor

    def __getattr__(self, name: str) -> Any:
        return getattr(self._owner, name)

    def _live(self) -> int:
        return self._owner._live()

    @property
    def closed(self) -> bool:
        return self._owner.closed

    def close(self) -> None:
        """Does nothing: the desk this binding acts on is closed through the desk."""

    def __exit__(self, *exc: object) -> None:
        pass

    def __del__(self) -> None:
        pass

    def __repr__(self) -> str:
        return f"<ticketcore.Desk acting as {self.default_actor!r}>"


def version() -> str:
    """The loaded library's version, e.g. "0.1.0"."""
    return str(_c.tc_version().decode())


def abi_version() -> int:
    """The loaded library's ABI version (its SOVERSION)."""
    return int(_c.tc_abi_version())


def library_path() -> str:
    """The path of the C library this binding loaded."""
    return _lib.path
