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
import json.scanner
import math
import sys
import threading
import weakref

from . import _callbacks, _lib, errors
from ._callbacks import Clock, Notifier

_c = _lib.lib

# ---- Actors ---------------------------------------------------------------------


def teammate(id):
    """The actor of a teammate: ``{"kind": "teammate", "id": id}``."""
    return {"kind": "teammate", "id": id}


def contact(id):
    """The actor of a contact, who sees only the customer projection (V1-V5)."""
    return {"kind": "contact", "id": id}


def automation(id):
    return {"kind": "automation", "id": id}


def system():
    return {"kind": "system"}


# ---- Marshalling ------------------------------------------------------------------


def _text(value, what):
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


def _find(value, path, bad):
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


def _not_finite(value):
    return isinstance(value, float) and not math.isfinite(value)


def _not_unicode(value):
    if not isinstance(value, str):
        return False
    try:
        value.encode("utf-8")
        return False
    except UnicodeEncodeError:
        return True


def _json(value, what):
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


# The JSON of actors seen before, by content. Nearly every call names one of
# a few actors, and json.dumps of the same two keys was the largest Python
# cost of a read after the JSON decode of its result (bench/python_reads.py).
_actor_texts = {}


def _actor_json(actor):
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


def _ref(value, what="ticket"):
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


def _id(value):
    """A record's id from a view dict returned earlier, or the id itself."""
    return value["id"] if isinstance(value, dict) else value


# The C scanner under json.loads, called directly: the library writes
# compact JSON (no whitespace around the value), so json.loads's whitespace
# matching and argument checks around it are spared; they were a sixth of
# decoding a ticket (bench/python_reads.py). Anything else goes to json.loads.
_scan = json.scanner.make_scanner(json.JSONDecoder())


def _parse(text):
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

_open_desks = weakref.WeakSet()


def _close_all_at_exit():
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

    def __init__(self, callback, on_error=None, owner=None):
        self.callback = callback
        self.on_error = on_error
        #: Exceptions the callback raised (newest last, at most 100).
        self.errors = collections.deque(maxlen=100)
        self._handle = None
        self._lock = threading.Lock()
        self._owner = owner  # the desk's set of live subscriptions

    def _deliver(self, text):
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
    def closed(self):
        return self._handle is None

    def close(self):
        """Ends the subscription: no call starts after this returns. Safe to call twice,
        and from inside the callback itself."""
        with self._lock:
            handle, self._handle = self._handle, None
        if handle:
            if self._owner is not None:
                self._owner.discard(self)
            _c.tc_subscription_free(handle)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        # Fallback only: call close(). Never touch C while the interpreter shuts down.
        if getattr(self, "_handle", None) and not sys.is_finalizing():
            try:
                self.close()
            except BaseException:
                pass


class Desk:
    """An embedded ticketcore desk.

    ``config``: the configuration (dict or JSON text, docs/configuration.md).
    ``store``: ``None`` (in memory), a dict or JSON text such as
    ``{"kind": "sqlite", "path": "support.desk"}``; ``path=`` is a shortcut for
    an SQLite desk file. ``storage``: a :class:`ticketcore.Storage` written in
    Python instead. ``notifier``: a callable (or object with ``deliver``) that
    gets each notification as a dict and returns None/True (delivered),
    ``Delivery.RETRY``/``False`` or ``Delivery.FAILED``; an exception counts as
    a retry and its text becomes the entry's ``last_error``. ``clock``: a
    callable giving "now" (ms since the epoch, seconds, or a datetime).
    ``actor``: the actor of calls that name none (default: :func:`system`).
    ``scan_without_index``: where ``storage`` lacks an indexed capability
    (queries and counts, history by time for reports), let the library answer
    by scanning the whole desk per call instead of raising NotSupported
    (docs/storage.md, "Capabilities and the evaluator").
    """

    def __init__(self, config=None, *, store=None, path=None, storage=None, dispatch=None, notifier=None,
                 clock=None, max_input_bytes=0, actor=None, scan_without_index=False):
        self._handle = None
        self.default_actor = actor if actor is not None else system()
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
        pending = []
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
        self._storage_bridge = None
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
        self._subscriptions = set()
        _open_desks.add(self)

    # ---- Handle -----------------------------------------------------------------

    @property
    def _as_parameter_(self):
        return ctypes.c_void_p(self._live())

    def _live(self):
        """The handle, or InvalidArgument once the desk is closed (checked before
        each call, since ctypes would wrap an error raised by _as_parameter_)."""
        handle = self._handle
        if not handle:
            raise errors.InvalidArgument("the desk is closed", status=errors.InvalidArgument.status)
        return handle

    @property
    def closed(self):
        return not self._handle

    def close(self):
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

    def _release_storage(self):
        # After tc_desk_close() (or a failed open) the library calls the
        # storage no more: forget the bridge and close the Python backend once.
        bridge, self._storage_bridge = getattr(self, "_storage_bridge", None), None
        if bridge is not None:
            bridge[0].release(bridge[1])

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        # A fallback for desks nobody closed. During interpreter shutdown the
        # atexit hook has closed them already; never call C from a dying interpreter.
        if getattr(self, "_handle", None) and not sys.is_finalizing():
            try:
                self.close()
            except BaseException:
                pass

    def __repr__(self):
        return f"<ticketcore.Desk {'closed' if self.closed else 'open'}>"

    # ---- Plumbing -----------------------------------------------------------------

    def _actor(self, actor, as_contact=None):
        if as_contact is not None:
            if actor is not None:
                raise errors.InvalidArgument("give actor or as_contact, not both", status=errors.InvalidArgument.status)
            actor = contact(as_contact)
        return _actor_json(actor if actor is not None else self.default_actor)

    def _actor_dict(self, actor):
        return actor if actor is not None else self.default_actor

    def _call(self, function, *args):
        """Calls a function with `char **out_json` first; returns the parsed result."""
        handle = self._live()  # the handle itself: _as_parameter_ would check it again
        out = ctypes.c_void_p()
        function(ctypes.byref(out), handle, *args)
        return _parse(_lib.take_string(out))

    # ---- Generic entry and configuration ----------------------------------------------

    def execute(self, op, actor=None, args=None):
        """Runs any op by name (docs/c-api.md, "Operations"). ``actor`` None: the op's
        request carries no actor (right for configure, outbox, ...)."""
        request = {"op": op}
        if actor is not None:
            request["actor"] = actor
        if args is not None:
            request["args"] = args
        return self._call(_c.tc_desk_execute, _json(request, "request"))

    # Host calls (configure, configuration, outbox, dispatch, tick, next_due) are the
    # host's own: without ``actor`` they run as the system (the desk's default actor
    # is for calls acting for someone). Given an actor, they go through
    # tc_desk_execute as that actor and the library's op table decides (U1): a
    # contact gets Forbidden, never a silent run as the system.

    def configure(self, config, *, actor=None):
        """Replaces the configuration after validating it whole (ValidationFailed names every problem)."""
        if actor is not None:
            document = json.loads(config) if isinstance(config, (str, bytes)) else config
            self.execute("configure", actor, {"config": document})
            return
        self._live()
        _c.tc_desk_configure(self, _json(config, "config"))

    def configuration(self, *, actor=None):
        """The current configuration with its defaults written out."""
        if actor is not None:
            return self.execute("configuration", actor)
        return self._call(_c.tc_desk_configuration)

    # ---- Creation (C1-C7) ---------------------------------------------------------------

    def create_conversation(self, contact_id, message, *, channel=None, brand=None, subject=None, actor=None):
        """C1. A conversation from a contact; ``actor`` defaults to that contact."""
        args = {"contact": contact_id, "message": message}
        for key, value in (("channel", channel), ("brand", brand), ("subject", subject)):
            if value is not None:
                args[key] = value
        if actor is None:
            actor = contact(contact_id)
        return self._call(_c.tc_conversation_create, self._actor(actor), _json(args, "conversation"))

    def convert(self, conversation, *, actor=None, **ticket):
        """C2. Converts a conversation into a customer ticket (``type=`` and other ticket fields)."""
        return self._call(_c.tc_conversation_convert, self._actor(actor), _ref(conversation, "conversation"),
                          _json(ticket, "ticket"))

    def create_ticket(self, *, actor=None, **ticket):
        """C3, C4, C6, C7. A standalone ticket; ``type`` decides its category."""
        return self._call(_c.tc_ticket_create, self._actor(actor), _json(ticket, "ticket"))

    def create_linked_ticket(self, source, *, actor=None, **ticket):
        """C6, C7. A back-office or tracker ticket linked to a conversation or customer ticket."""
        return self._call(_c.tc_ticket_create_linked, self._actor(actor), _ref(source, "from"),
                          _json(ticket, "ticket"))

    def link_tracker_by_title(self, source, title, type, *, actor=None):
        """C7. Links `source` to the tracker titled `title`, creating one of `type` if none exists."""
        return self._call(_c.tc_tracker_link_by_title, self._actor(actor), _ref(source, "from"),
                          _text(title, "title"), _text(type, "type"))

    # ---- Changes ---------------------------------------------------------------------------

    def set_state(self, ticket, state, *, expected_version=0, actor=None):
        """L2, P3, P5, N2. ``expected_version`` 0: no check; else Conflict if the ticket moved on."""
        return self._call(_c.tc_ticket_set_state, self._actor(actor), _ref(ticket), _text(state, "state"),
                          expected_version)

    def update_ticket(self, ticket, changes=None, *, expected_version=0, actor=None, **more):
        """A partial update: only the keys given change (``changes`` dict and/or keywords)."""
        merged = dict(changes or {})
        merged.update(more)
        return self._call(_c.tc_ticket_update, self._actor(actor), _ref(ticket), _json(merged, "changes"),
                          expected_version)

    def merge(self, source, target, *, expected_version=0, actor=None):
        """M1. Merges ticket `source` into `target` (same category, not resolved) in one
        unit of work and returns the target's view. ``expected_version`` is the source's;
        0: no check. A merged ticket stays readable; changing it raises InvalidArgument."""
        def ref(value):
            value = _id(value)
            return value if isinstance(value, int) and not isinstance(value, bool) else _ref(value).decode()
        args = {"source": ref(source), "target": ref(target), "expected_version": int(expected_version)}
        return self.execute("merge", self._actor_dict(actor), args)

    def rate(self, ticket, score, comment=None, *, actor=None, as_contact=None):
        """V4. The ticket's contact rates it once it is resolved (1-5)."""
        return self._call(_c.tc_ticket_rate, self._actor(actor, as_contact), _ref(ticket), int(score),
                          _text(comment, "comment"))

    def reply(self, target, body, *, actor=None, as_contact=None):
        """N3, V4. A reply the contact sees, or the contact's own message. Returns the part."""
        return self._call(_c.tc_reply_add, self._actor(actor, as_contact), _ref(target, "target"),
                          _text(body, "body"))

    def note(self, target, body, *, cross_post=False, actor=None):
        """An internal note (P1, P2, P4). ``cross_post`` matters for back-office tickets (P2)."""
        mode = _lib.TC_NOTE_CROSS_POST if cross_post else _lib.TC_NOTE_ADD
        return self._call(_c.tc_note_add, self._actor(actor), _ref(target, "target"), _text(body, "body"), mode)

    # ---- Links (K1-K9) --------------------------------------------------------------------

    def link(self, source, target, kind="related", *, actor=None):
        """Links two records; ``kind``: customer_ticket, tracker, back_office or related."""
        return self._call(_c.tc_link_add, self._actor(actor), _ref(source, "from"), _ref(target, "to"),
                          _text(kind, "kind"))

    def unlink(self, link, *, actor=None):
        """K9. Removes a link (and its companions)."""
        self._live()
        _c.tc_link_remove(self, self._actor(actor), _ref(link, "link"))

    def link_external(self, tracker, kind, external_id, url="", *, actor=None):
        """K6. Links a tracker to an external reference (e.g. a feedback post)."""
        external = {"kind": kind, "external_id": external_id, "url": url}
        return self._call(_c.tc_link_add_external, self._actor(actor), _ref(tracker, "tracker"),
                          _json(external, "external"))

    def links(self, record, *, actor=None, as_contact=None):
        """The links of a conversation or ticket that the actor may see."""
        return self._call(_c.tc_link_list, self._actor(actor, as_contact), _ref(record, "id"))

    # ---- Reads (V5: one projection) -------------------------------------------------------

    def ticket(self, ref, *, as_contact=None, actor=None):
        """A ticket as the actor sees it; ``as_contact="ann"`` gives Ann's customer view.
        NotFound when it does not exist or the actor may not see it (V3)."""
        return self._call(_c.tc_ticket_get, self._actor(actor, as_contact), _ref(ref))

    def conversation(self, conversation, *, as_contact=None, actor=None):
        """A conversation with its timeline as the actor sees it."""
        return self._call(_c.tc_conversation_get, self._actor(actor, as_contact),
                          _ref(conversation, "conversation"))

    def inbox(self, *, actor=None, as_contact=None, **filter):
        """C8, Q1. Inbox rows, newest first; keywords filter (category, state_category, type,
        assignee, brand, contact, conversations, tickets, limit)."""
        return self._call(_c.tc_inbox_list, self._actor(actor, as_contact), _json(filter or None, "filter"))

    def find_tickets(self, query=None, *, limit=50, cursor="", actor=None, as_contact=None):
        """Q1. One page of tickets matching `query` (a dict: category, types, states,
        state_categories, priorities, assignee, team, brand, contact, company, tags, channel,
        created_from/to, updated_from/to, due_before, sla_status, tracker, text, order,
        descending). Returns {"tickets": [...], "next_cursor": "..."}; pass next_cursor back
        for the next page ("" after the last)."""
        if as_contact is not None:
            actor = contact(as_contact)
        args = {"query": query or {}, "limit": int(limit)}
        if cursor:
            args["cursor"] = str(cursor)
        return self.execute("find_tickets", self._actor_dict(actor), args)

    def iter_tickets(self, query=None, *, page_size=100, actor=None, as_contact=None):
        """Q1. Every ticket matching `query`, page by page."""
        cursor = ""
        while True:
            page = self.find_tickets(query, limit=page_size, cursor=cursor, actor=actor, as_contact=as_contact)
            yield from page["tickets"]
            cursor = page["next_cursor"]
            if not cursor:
                return

    def count_tickets(self, query=None, *, actor=None, as_contact=None):
        """Q1. How many tickets match `query`."""
        if as_contact is not None:
            actor = contact(as_contact)
        return self.execute("count_tickets", self._actor_dict(actor), {"query": query or {}})["count"]

    def views(self, *, actor=None):
        """Q1. The saved views the actor sees (shared and their own), each with its count."""
        return self.execute("views", self._actor_dict(actor))

    def save_view(self, id, name, query, *, owner="", actor=None):
        """Q1. Creates or replaces a saved view; ``owner`` "" shares it with the team."""
        view = {"id": id, "name": name, "owner": owner, "query": query or {}}
        return self.execute("save_view", self._actor_dict(actor), {"view": view})

    def remove_view(self, id, *, actor=None):
        return self.execute("remove_view", self._actor_dict(actor), {"id": id})

    def bulk_update(self, query, *, batch=0, cursor="", actor=None, **change):
        """B1. Sets state, assignee, team, priority, add_tags or remove_tags on every ticket
        matching `query`, all or nothing. With ``batch`` > 0, at most that many per call:
        returns {"matched", "changed", "next_cursor"}; pass next_cursor back to go on."""
        args = {"query": query or {}, "change": change, "batch": int(batch)}
        if cursor:
            args["cursor"] = str(cursor)
        return self.execute("bulk_update", self._actor_dict(actor), args)
    def import_tickets(self, tickets, *, actor=None):
        """Brings in tickets worked elsewhere (dicts shaped like create_ticket's keywords), all or
        none, without notifying contacts or running rules: a list of {"id", "number"}."""
        return self.execute("import_tickets", self._actor_dict(actor), {"tickets": list(tickets)})["tickets"]

    def report(self, start, end, *, group_by="none", time_zone="UTC", category=None, format="json", actor=None):
        """R1. Figures over [start, end) (ISO 8601 times) grouped by none, type, team, assignee,
        priority, channel or brand, computed from history (docs/reporting.md): a dict with
        "request", "rows" and "total". ``format="csv"``: the CSV text instead. Not for contacts."""
        args = {"from": start, "to": end, "group_by": group_by, "time_zone": time_zone, "format": format}
        if category is not None:
            args["category"] = category
        out = self.execute("report", self._actor_dict(actor), args)
        return out["csv"] if format == "csv" else out

    def history(self, record, *, actor=None):
        """H1. The history of a ticket or conversation, oldest first (not for contacts)."""
        return self._call(_c.tc_history_list, self._actor(actor), _ref(record, "id"))

    # ---- Notifications and events ------------------------------------------------------------

    def outbox(self, *, actor=None, **filter):
        """N5. Outbox entries, oldest first; keywords: audience, recipient, ticket, state, limit.
        A recipient needs its audience ("contact" or "teammate"): they may share an id."""
        if "ticket" in filter:
            filter["ticket"] = filter["ticket"]["id"] if isinstance(filter["ticket"], dict) else filter["ticket"]
        if actor is not None:
            return self.execute("outbox", actor, filter)
        return self._call(_c.tc_outbox_list, _json(filter or None, "filter"))

    def check(self, *, actor=None):
        """U3. Every damaged record of the desk (one the store cannot read back), each a dict
        {"kind", "id", "number", "problem"}; empty when all is well. Host-level: reads the
        whole desk (docs/storage.md, "Damaged records")."""
        return self.execute("check", actor)

    def dispatch(self, notifier=None, *, actor=None):
        """N5. Delivers due notifications through `notifier` (borrowed for this call) or
        the desk's own. Returns {"delivered", "retried", "failed"}."""
        if actor is not None:
            if notifier is not None:
                raise errors.InvalidArgument("a notifier is lent only to a dispatch as the system; give no actor",
                                             status=errors.InvalidArgument.status)
            return self.execute("dispatch_notifications", actor)
        if notifier is None:
            return self._call(_c.tc_desk_dispatch, None)
        adapter = notifier if isinstance(notifier, Notifier) else Notifier(notifier)
        n = _lib.tc_notifier()
        _c.tc_notifier_init(ctypes.byref(n), _lib.TC_NOTIFIER_VERSION)
        n.ctx = _callbacks.register(adapter)  # borrowed: destroy is never called, so unregister below
        n.deliver = _callbacks.DELIVER_THUNK
        try:
            return self._call(_c.tc_desk_dispatch, ctypes.byref(n))
        finally:
            _callbacks.unregister(n.ctx)

    # ---- Ticket forms (C5, V4) ---------------------------------------------------

    def send_form(self, conversation, type, *, actor=None):
        """Sends a form for customer ticket type `type` in a conversation; returns the form part."""
        return self.execute("send_form", self._actor_dict(actor), {"conversation": _id(conversation), "type": type})

    def submit_form(self, conversation, form, attributes=None, *, title=None, actor=None, as_contact=None):
        """The contact fills in `form`: creates and links the customer ticket, once."""
        args = {"conversation": _id(conversation), "form": _id(form), "attributes": attributes or {}}
        if title is not None:
            args["title"] = title
        if as_contact is not None:
            actor = contact(as_contact)
        return self.execute("submit_form", self._actor_dict(actor), args)

    # ---- Time: service levels and due dates (S1, S2) ----------------------------

    def tick(self, now=None, *, actor=None):
        """Raises every service-level and due-date event due at `now` (ISO 8601 UTC text;
        None: the desk's clock), each once. Returns how many were raised."""
        if actor is not None:
            return self.execute("tick", actor, {} if now is None else {"now": now})["raised"]
        now = None if now is None else _text(now, "now")
        return self._call(_c.tc_desk_tick, now)["raised"]

    def next_due(self, *, actor=None):
        """When the next service-level or due-date event falls due (ISO 8601 text), or None."""
        return self.execute("next_due", actor)["next_due"]

    def apply_sla_policies(self, *, actor=None):
        """Recomputes every open ticket's service level under the current policies.
        Returns how many tickets changed."""
        return self.execute("apply_sla_policies", self._actor_dict(actor))["changed"]

    def subscribe(self, callback, *, on_error=None):
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


def version():
    """The loaded library's version, e.g. "0.1.0"."""
    return _c.tc_version().decode()


def abi_version():
    """The loaded library's ABI version (its SOVERSION)."""
    return _c.tc_abi_version()


def library_path():
    """The path of the C library this binding loaded."""
    return _lib.path
