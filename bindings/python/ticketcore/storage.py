"""Storage backends written in Python, plugged in through tc_storage_methods
(<ticketcore/sys/storage.h>): ``Desk(config, storage=DictStorage())``.

Subclass :class:`Storage` and implement its methods. Records arrive and
leave as parsed JSON (dicts; the forms of docs/c-api.md, "JSON forms", with
every stored field): keep each record whole and index the few fields the
lookups need. The binding turns the C calls into these methods and back:

- ``begin(write)`` returns any Python object as the transaction; the same
  object comes back to every method of that unit of work, and to
  ``commit`` or ``rollback``. One thread uses a transaction from begin to
  end; several threads may hold transactions at once.
- A method that finds nothing returns None (or an empty list).
- Raise :class:`ticketcore.Conflict` for a versioned write that found
  another version (X1), :class:`ticketcore.NotSupported` for an optional
  capability, anything else for a failure: its text becomes the message the
  desk's caller sees (through ``tc_storage_error``), with status storage.
- The methods are those of the one list of storage methods
  (:class:`ticketcore._storage_methods.StorageMethods`, generated, with what
  each must do). Required ones must be overridden. An optional one
  (``count_links``, ``due_tickets``, the queries, views, history scan,
  counters, report checkpoints, records by kind) is registered only when a
  subclass overrides it; left alone, the library answers for it where it can
  (``count_links`` from ``links_of``) and otherwise raises
  :class:`ticketcore.NotSupported` naming it.
- ``close()`` runs once when the library no longer needs the backend.

:class:`DictStorage` is a complete example kept in Python dicts.
"""

from __future__ import annotations

import bisect
import collections
import ctypes
import itertools
import json
import threading
from typing import (Any, Callable, Counter, DefaultDict, Deque, Dict, Iterator, List, Mapping, Optional, Protocol,
                    Sequence, Set, Tuple, TypeVar)

from . import _callbacks, _lib, _storage_methods, errors
from ._storage_forms import (Checkpoint, ConversationFilter, EntryFilter, EntryKey, HistoryScan, OutboxFilter,
                             PartKeys, StoredConversation, StoredEntry, StoredPart, StoredTicket, StoredView,
                             TicketFilter, TicketKeys, TicketPosition, TicketQuery)
from ._storage_methods import Txn
from .records import HistoryEntry, Link, Notification, Part

__all__ = ["Storage", "DictStorage", "make_methods", "Txn", "StoredTicket", "StoredConversation", "StoredView",
           "Checkpoint", "TicketFilter", "ConversationFilter", "OutboxFilter", "TicketQuery", "TicketPosition",
           "HistoryScan", "Link", "Part", "HistoryEntry", "Notification", "StoredPart", "TicketKeys", "PartKeys",
           "StoredEntry", "EntryKey", "EntryFilter"]

_c = _lib.lib


class Storage(_storage_methods.StorageMethods[Txn]):
    """The storage contract as Python methods (see the module documentation).
    `Txn` is the type of the backend's own transaction object."""

    def begin(self, write: bool) -> Txn:
        """A new transaction (any object), for writing when `write` is true."""
        raise NotImplementedError

    def rollback(self, txn: Txn) -> None:
        """Undoes everything written through `txn` and ends it; must not fail."""
        raise NotImplementedError

    def close(self) -> None:
        """Called once when the library no longer needs this backend."""


# ---- The bridge: C calls -> Python methods ------------------------------------------

TC_ENOTFOUND, TC_ESTORAGE, TC_ECONFLICT, TC_ENOTSUPPORTED, TC_ENOMEM = -2, -8, -6, -10, -12


# A value as ctypes hands it to a callback, of the C type its kind in the
# list of storage methods says: bytes (or None) for text and JSON, int for
# integers, a C function and its argument for a visitor.
_CValue = Any


class _Out(Protocol):
    """A C out parameter as ctypes hands it: out[0] = value."""

    def __setitem__(self, index: int, value: Optional[int]) -> None: ...


def _s(value: Optional[bytes]) -> Optional[str]:
    return None if value is None else value.decode("utf-8")


def _record(value: bytes) -> Any:
    """A JSON form the library handed over (its kind says which: Any here)."""
    return json.loads(value.decode("utf-8"))


class _Bridge:
    """One registered backend: its transactions by key, and what went wrong."""

    def __init__(self, storage: Storage[Any]) -> None:
        self.storage = storage
        self.txns: Dict[int, Any] = {}  # the backend's own transaction objects
        self.keys: Iterator[int] = itertools.count(1)
        self.lock = threading.Lock()
        #: Unexpected exceptions the backend raised (newest last).
        self.errors: Deque[BaseException] = collections.deque(maxlen=100)

        #: How often the library called destroy() (it should be once, at close).
        self.destroy_calls = 0
        self.closed = False

    def txn(self, key: int) -> Any:
        return self.txns[key]

    # The Desk owns a storage bridge: it stays registered until tc_desk_close()
    # (or a failed tc_desk_open) has returned, when no storage call can come
    # any more, and the Desk then calls release(). destroy() from the library
    # is only counted, so a destroy() that came early could not strand a
    # backend that is still in use.
    keep_registered = True

    def _destroyed(self) -> None:
        self.destroy_calls += 1

    def release(self, ctx: Optional[int]) -> None:
        _callbacks.unregister(ctx)
        if not self.closed:
            self.closed = True
            self.storage.close()


def _put(out: _Out, value: object) -> int:
    """Hands `value` to the library as JSON in a tc_alloc() buffer (None: nothing found)."""
    if value is None:
        out[0] = None
        return _lib.TC_OK
    data = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    buffer = _c.tc_alloc(len(data) + 1)
    if not buffer:
        return TC_ENOMEM
    ctypes.memmove(buffer, data, len(data))
    ctypes.memset(buffer + len(data), 0, 1)
    out[0] = buffer
    return _lib.TC_OK


def _fail(bridge: Optional[_Bridge], exc: BaseException, method: str) -> int:
    if isinstance(exc, errors.Conflict):
        status = TC_ECONFLICT
    elif isinstance(exc, errors.NotFound):
        status = TC_ENOTFOUND
    elif isinstance(exc, errors.NotSupported):
        status = TC_ENOTSUPPORTED
    elif isinstance(exc, MemoryError):
        return TC_ENOMEM
    else:
        status = TC_ESTORAGE
    if isinstance(exc, errors.TicketcoreError):
        text = str(exc)
    else:
        text = f"{method}: " + _callbacks.describe(exc)
        if bridge is not None:
            bridge.errors.append(exc)
    _c.tc_storage_error(text.encode("utf-8", "replace"))
    _callbacks._after_base_exception(exc)
    return status


def _begin(b: _Bridge, write: int, out_txn: _Out) -> int:
    txn = b.storage.begin(bool(write))
    with b.lock:
        key = next(b.keys)
        b.txns[key] = txn
    out_txn[0] = key
    return _lib.TC_OK


def _commit(b: _Bridge, key: int) -> int:
    b.storage.commit(b.txn(key))
    # Forgotten only once committed: after a failed commit the library calls
    # rollback(), which still finds the transaction.
    with b.lock:
        b.txns.pop(key, None)
    return _lib.TC_OK


def _visitor(visit: Callable[[Optional[int], bytes], int], arg: Optional[int]) -> Callable[[HistoryEntry], bool]:
    """A Python callable over a C visitor: visit(entry) returns True to go on."""
    def call(entry: HistoryEntry) -> bool:
        data = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        return visit(arg, data) == 0
    return call


# C argument kinds (the list's) -> Python values.
_ARGUMENTS: Dict[str, Callable[[_CValue], object]] = {"text": _s, "json": _record, "json?": lambda v: None if v is None else _record(v), "int64": int,
              "uint64": int}


def _scalar(out: _Out, value: int) -> int:
    out[0] = int(value)
    return _lib.TC_OK


# Result kinds -> how a Python result reaches the library.
_RESULTS: Dict[str, Callable[[_Out, Any], int]] = {"int64": _scalar, "uint64": _scalar, "bool": lambda out, value: _scalar(out, bool(value)),
            "json": _put, "json[]": lambda out, value: _put(out, list(value or []))}


# A C call turned into a backend call: (bridge, transaction key, C values...) -> status.
_Handler = Callable[..., int]


def _handler(name: str, arguments: Sequence[str], result: str) -> _Handler:
    """Calls the backend's method `name` with the C arguments converted by kind."""
    def call(b: _Bridge, key: int, *args: _CValue) -> int:
        values: List[object] = []
        i = 0
        for kind in arguments:
            if kind == "visitor":
                values.append(_visitor(args[i], args[i + 1]))
                i += 2
            else:
                values.append(_ARGUMENTS[kind](args[i]))
                i += 1
        value = getattr(b.storage, name)(b.txn(key), *values)
        if result == "status":
            return _lib.TC_OK
        return _RESULTS[result](args[i], value)
    return call


_HANDLERS: Dict[str, _Handler] = {name: _handler(name, arguments, result)
                                  for name, _, _, arguments, result in _storage_methods.TABLE
                                  if arguments is not None and result is not None}
_HANDLERS["begin"] = _begin
_HANDLERS["commit"] = _commit


def _thunk(name: str, handler: _Handler) -> object:
    """The C function pointer of the method `name` (a ctypes object)."""
    def call(ctx: Optional[int], *args: _CValue) -> int:
        bridge: Optional[_Bridge] = None
        try:
            bridge = _callbacks.lookup(ctx)
            if bridge is None:
                raise RuntimeError("storage called after it was destroyed")
            return handler(bridge, *args)
        except BaseException as e:
            try:
                return _fail(bridge, e, name)
            except BaseException as e2:
                _callbacks.report_unraisable(e2, f"storage method {name}")
                return TC_ESTORAGE
    call.__name__ = f"storage_{name}"
    thunk: object = _lib.STORAGE_PROTOTYPES[name](call)
    return thunk


def _rollback(ctx: Optional[int], key: int) -> None:
    # Must not fail: anything raised is reported, and the transaction is forgotten.
    bridge = _callbacks.lookup(ctx)
    if bridge is None:
        return
    try:
        with bridge.lock:
            txn = bridge.txns.pop(key, None)
        if txn is not None:
            bridge.storage.rollback(txn)
    except BaseException as e:
        bridge.errors.append(e)
        _callbacks.report_unraisable(e, "storage rollback")


# Module-level and never freed, like every thunk of the binding.
_THUNKS: Dict[str, object] = {name: _thunk(name, handler) for name, handler in _HANDLERS.items()}
_THUNKS["rollback"] = _lib.STORAGE_PROTOTYPES["rollback"](_rollback)


def _overrides(storage: Storage[Any], name: str) -> bool:
    return getattr(type(storage), name, None) is not getattr(Storage, name)


def make_methods(storage: Storage[Any]) -> Tuple[_lib.tc_storage_methods, _Bridge]:
    """A filled tc_storage_methods for `storage`, registered until the library destroys it."""
    if not isinstance(storage, Storage):
        raise TypeError("storage must be a ticketcore.Storage")
    methods = _lib.tc_storage_methods()
    _c.tc_storage_methods_init(ctypes.byref(methods), _lib.TC_STORAGE_METHODS_VERSION)
    version = _storage_methods.FORMS_VERSION  # it reads the keys handed beside records
    for name, since, required, arguments, _ in _storage_methods.TABLE:
        if name == "destroy" or not (required or _overrides(storage, name)):
            continue  # optional and left alone: NULL, the library answers for it
        setattr(methods, name, _THUNKS[name])
        version = max(version, since)
    # The oldest table version that has every method set and the forms the
    # backend reads, so an older library of the same ABI still takes a
    # backend that needs nothing newer.
    methods.version = version
    methods.destroy = _callbacks.DESTROY_THUNK
    bridge = _Bridge(storage)
    methods.ctx = _callbacks.register(bridge)
    return methods, bridge


# ---- An example backend: Python dicts ----------------------------------------------------


class _RWLock:
    """Many readers or one writer. Readers are never held back by a waiting
    writer, so a thread that already reads can always begin another read."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writer = False

    def acquire(self, write: bool) -> None:
        with self._cond:
            if write:
                while self._writer or self._readers:
                    self._cond.wait()
                self._writer = True
            else:
                while self._writer:
                    self._cond.wait()
                self._readers += 1

    def release(self, write: bool) -> None:
        with self._cond:
            if write:
                self._writer = False
            else:
                self._readers -= 1
            self._cond.notify_all()


class _Txn:
    __slots__ = ("write", "undo", "open")

    def __init__(self, write: bool) -> None:
        self.write = write
        self.undo: List[Callable[[], object]] = []
        self.open = True


# What the sorted id lists hold: ids, or (next_due_at, id) pairs.
_Key = TypeVar("_Key", str, Tuple[str, str])
_Row = TypeVar("_Row")
_Versioned = TypeVar("_Versioned", StoredTicket, StoredConversation)


def _insort(ids: List[_Key], id: _Key) -> None:
    bisect.insort(ids, id)


def _discard(ids: List[_Key], id: _Key) -> None:
    i = bisect.bisect_left(ids, id)
    if i < len(ids) and ids[i] == id:
        del ids[i]


def _newest_first(ids: Sequence[str], before: Optional[str], limit: int,
                  keep: Callable[[str], Optional[_Row]]) -> List[_Row]:
    """Records of sorted `ids` older than `before`, newest first, that `keep` accepts."""
    end = bisect.bisect_left(ids, before) if before else len(ids)
    out: List[_Row] = []
    for i in range(end - 1, -1, -1):
        record = keep(ids[i])
        if record is not None:
            out.append(record)
            if len(out) >= limit:
                break
    return out


def _matches(record: Mapping[str, object], asked: Mapping[str, object], keys: Sequence[str]) -> bool:
    """Whether `record` has the value `asked` sets for each of `keys` it sets."""
    return all(record.get(k) == asked[k] for k in keys if k in asked)


class DictStorage(Storage[_Txn]):
    """A complete backend in Python dicts: records whole, a few sorted indexes,
    an undo log per write transaction, and a readers-writer lock (one writer at
    a time, as the contract allows). Ids are time-ordered UUIDs, so sorted id
    lists give oldest-first and newest-first order.

    It keeps no query or time index: a desk opened with
    ``scan_without_index=True`` gets queries, counts, bulk updates and
    reports from the library's evaluator, which scans the tickets and the
    history log (``history_in_order``); saved views, and records by kind
    with their lookup keys (``get_entry``, ``put_entry``, ``find_entries``),
    it keeps itself."""

    _TICKET_INDEXES = ("contact", "company", "category")

    def __init__(self) -> None:
        self._lock = _RWLock()
        self.sequences: Dict[str, int] = {"ticket": 0, "conversation": 0}
        self.tickets: Dict[str, StoredTicket] = {}
        self.ticket_numbers: Dict[int, str] = {}
        self.ticket_ids: List[str] = []
        self.ticket_index: Dict[str, DefaultDict[str, List[str]]] = {
            name: collections.defaultdict(list) for name in self._TICKET_INDEXES}
        self.tickets_due: List[Tuple[str, str]] = []  # (next_due_at, id), sorted
        self.types: Counter[str] = collections.Counter()
        self.conversations: Dict[str, StoredConversation] = {}
        self.conversation_numbers: Dict[int, str] = {}
        self.conversation_ids: List[str] = []
        self.conversations_by_contact: DefaultDict[str, List[str]] = collections.defaultdict(list)
        self.links: Dict[str, Link] = {}
        self.links_by_end: DefaultDict[str, List[str]] = collections.defaultdict(list)
        self.parts: DefaultDict[str, List[StoredPart]] = collections.defaultdict(list)
        self.history: DefaultDict[str, List[HistoryEntry]] = collections.defaultdict(list)
        self.history_log: List[HistoryEntry] = []  # every entry in append order (history_in_order)
        self.views: Dict[str, StoredView] = {}
        # Records by kind: whole by (kind, id), their keys, sorted ids per kind
        # and per (kind, key name, value), and the unique keys' holders.
        self.entries: Dict[Tuple[str, str], StoredEntry] = {}
        self.entry_keys: Dict[Tuple[str, str], List[EntryKey]] = {}
        self.entry_ids: DefaultDict[str, List[str]] = collections.defaultdict(list)
        self.entries_by_key: DefaultDict[Tuple[str, str, str], List[str]] = collections.defaultdict(list)
        self.unique_entry_keys: Dict[Tuple[str, str, str], str] = {}
        self.outbox: Dict[str, Notification] = {}
        self.outbox_ids: List[str] = []
        self.pending: Set[str] = set()
        self.closed = False
        #: Counts of begun, committed and rolled-back transactions (for tests).
        self.stats: Counter[str] = collections.Counter()

    # ---- Transactions ----

    def begin(self, write: bool) -> _Txn:
        self._lock.acquire(write)
        self.stats["begin"] += 1
        return _Txn(write)

    def commit(self, txn: _Txn) -> None:
        self._end(txn)
        self.stats["commit"] += 1

    def rollback(self, txn: _Txn) -> None:
        try:
            for step in reversed(txn.undo):
                step()
        finally:
            self._end(txn)
            self.stats["rollback"] += 1

    def _end(self, txn: _Txn) -> None:
        if txn.open:
            txn.open = False
            txn.undo.clear()
            self._lock.release(txn.write)

    def _writable(self, txn: _Txn) -> None:
        if not txn.write:
            raise RuntimeError("write in a read transaction")

    def next_number(self, txn: _Txn, sequence: str) -> int:
        self._writable(txn)
        self.sequences[sequence] = self.sequences.get(sequence, 0) + 1  # "counter:..." names start anew
        txn.undo.append(lambda: self.sequences.__setitem__(sequence, self.sequences[sequence] - 1))
        return self.sequences[sequence]

    # ---- Tickets ----

    def _index_ticket(self, t: StoredTicket, add: bool) -> None:
        edit = _insort if add else _discard
        fields: Mapping[str, object] = t
        for name in self._TICKET_INDEXES:
            value = fields.get(name)
            if value and isinstance(value, str):
                edit(self.ticket_index[name][value], t["id"])
        if t.get("next_due_at"):
            edit(self.tickets_due, (t["next_due_at"], t["id"]))

    def due_tickets(self, txn: _Txn, now: str, limit: int) -> List[StoredTicket]:
        out: List[StoredTicket] = []
        for due_at, id in self.tickets_due:
            if due_at > now or len(out) >= limit:
                break
            out.append(self.tickets[id])
        return out

    def get_ticket(self, txn: _Txn, id: str) -> Optional[StoredTicket]:
        return self.tickets.get(id)

    def get_ticket_by_number(self, txn: _Txn, number: int) -> Optional[StoredTicket]:
        id = self.ticket_numbers.get(number)
        return self.tickets.get(id) if id else None

    def insert_ticket(self, txn: _Txn, t: StoredTicket) -> None:
        self._writable(txn)
        if t["id"] in self.tickets or t["number"] in self.ticket_numbers:
            raise errors.Conflict(f"ticket {t['id']} or #{t['number']} exists", status=errors.Conflict.status)
        self.tickets[t["id"]] = t
        self.ticket_numbers[t["number"]] = t["id"]
        _insort(self.ticket_ids, t["id"])
        self._index_ticket(t, True)
        self.types[t["type"]] += 1

        def undo() -> None:
            self.types[t["type"]] -= 1
            self._index_ticket(t, False)
            _discard(self.ticket_ids, t["id"])
            del self.ticket_numbers[t["number"]]
            del self.tickets[t["id"]]
        txn.undo.append(undo)

    def _check_version(self, stored: Optional[_Versioned], record: _Versioned, what: str) -> _Versioned:
        """The stored record that `record` is the next version of (X1)."""
        if stored is None:
            raise errors.NotFound(f"{what} {record['id']} does not exist", status=errors.NotFound.status)
        if stored["version"] + 1 != record["version"]:
            raise errors.Conflict(f"{what} {record['id']} is at version {stored['version']}, the write expected "
                                  f"{record['version'] - 1}", status=errors.Conflict.status)
        return stored

    def update_ticket(self, txn: _Txn, t: StoredTicket) -> None:
        self._writable(txn)
        old = self._check_version(self.tickets.get(t["id"]), t, "ticket")
        self._index_ticket(old, False)
        self.tickets[t["id"]] = t
        self._index_ticket(t, True)

        def undo() -> None:
            self._index_ticket(t, False)
            self.tickets[t["id"]] = old
            self._index_ticket(old, True)
        txn.undo.append(undo)

    def find_tickets(self, txn: _Txn, f: TicketFilter) -> List[StoredTicket]:
        asked: Mapping[str, object] = f
        ids: Sequence[str] = self.ticket_ids
        for name in self._TICKET_INDEXES:
            value = asked.get(name)
            if isinstance(value, str):
                ids = self.ticket_index[name].get(value, [])
                break
        keys = ("category", "state_category", "type", "assignee", "brand", "contact", "company", "title")

        def keep(id: str) -> Optional[StoredTicket]:
            t = self.tickets[id]
            return t if _matches(t, asked, keys) else None
        return _newest_first(ids, f.get("before"), f.get("limit", 50), keep)

    def type_in_use(self, txn: _Txn, type: str) -> bool:
        return self.types[type] > 0

    # ---- Conversations ----

    def get_conversation(self, txn: _Txn, id: str) -> Optional[StoredConversation]:
        return self.conversations.get(id)

    def get_conversation_by_number(self, txn: _Txn, number: int) -> Optional[StoredConversation]:
        id = self.conversation_numbers.get(number)
        return self.conversations.get(id) if id else None

    def insert_conversation(self, txn: _Txn, c: StoredConversation) -> None:
        self._writable(txn)
        if c["id"] in self.conversations or c["number"] in self.conversation_numbers:
            raise errors.Conflict(f"conversation {c['id']} exists", status=errors.Conflict.status)
        self.conversations[c["id"]] = c
        self.conversation_numbers[c["number"]] = c["id"]
        _insort(self.conversation_ids, c["id"])
        _insort(self.conversations_by_contact[c["contact"]], c["id"])

        def undo() -> None:
            _discard(self.conversations_by_contact[c["contact"]], c["id"])
            _discard(self.conversation_ids, c["id"])
            del self.conversation_numbers[c["number"]]
            del self.conversations[c["id"]]
        txn.undo.append(undo)

    def update_conversation(self, txn: _Txn, c: StoredConversation) -> None:
        self._writable(txn)
        old = self._check_version(self.conversations.get(c["id"]), c, "conversation")
        self.conversations[c["id"]] = c
        txn.undo.append(lambda: self.conversations.__setitem__(c["id"], old))

    def find_conversations(self, txn: _Txn, f: ConversationFilter) -> List[StoredConversation]:
        ids = self.conversations_by_contact.get(f["contact"], []) if "contact" in f else self.conversation_ids
        brand = f.get("brand")

        def keep(id: str) -> Optional[StoredConversation]:
            c = self.conversations[id]
            return c if brand is None or c.get("brand") == brand else None
        return _newest_first(ids, f.get("before"), f.get("limit", 50), keep)

    # ---- Links ----

    def _index_link(self, link: Link, add: bool) -> None:
        edit = _insort if add else _discard
        edit(self.links_by_end[link["from"]], link["id"])
        if link.get("to"):
            edit(self.links_by_end[link["to"]], link["id"])

    def insert_link(self, txn: _Txn, link: Link) -> None:
        self._writable(txn)
        if link["id"] in self.links:
            raise errors.Conflict(f"link {link['id']} exists", status=errors.Conflict.status)
        self.links[link["id"]] = link
        self._index_link(link, True)

        def undo() -> None:
            self._index_link(link, False)
            del self.links[link["id"]]
        txn.undo.append(undo)

    def remove_link(self, txn: _Txn, link_id: str) -> None:
        self._writable(txn)
        found = self.links.pop(link_id, None)
        if found is None:
            raise errors.NotFound(f"link {link_id} does not exist", status=errors.NotFound.status)
        link = found
        self._index_link(link, False)

        def undo() -> None:
            self.links[link_id] = link
            self._index_link(link, True)
        txn.undo.append(undo)

    def get_link(self, txn: _Txn, link_id: str) -> Optional[Link]:
        return self.links.get(link_id)

    def links_of(self, txn: _Txn, end: str, kind: Optional[str]) -> List[Link]:
        links = (self.links[id] for id in self.links_by_end.get(end, ()))
        return [l for l in links if kind is None or l["kind"] == kind]

    # count_links is left out on purpose: the library counts from links_of.

    # ---- Parts, history ----

    def _append(self, txn: _Txn, table: DefaultDict[str, List[_Row]], key: str, record: _Row) -> None:
        self._writable(txn)
        table[key].append(record)
        txn.undo.append(table[key].pop)

    def append_part(self, txn: _Txn, part: StoredPart) -> None:
        self._append(txn, self.parts, part["owner"], part)

    def rewrite_part(self, txn: _Txn, part: StoredPart) -> None:
        """Erasure (D2): the part with its id replaces the stored one in place, keys and all."""
        self._writable(txn)
        rows = self.parts.get(part["owner"], [])
        for place, old in enumerate(rows):
            if old["id"] == part["id"]:
                rows[place] = part
                txn.undo.append(lambda: rows.__setitem__(place, old))
                return
        raise errors.NotFound(f"part {part['id']} of record {part['owner']} does not exist",
                              status=errors.NotFound.status)

    def parts_of(self, txn: _Txn, owner: str) -> List[StoredPart]:
        return list(self.parts.get(owner, ()))

    def append_history(self, txn: _Txn, entry: HistoryEntry) -> None:
        self._append(txn, self.history, entry["subject"], entry)
        self.history_log.append(entry)
        txn.undo.append(self.history_log.pop)

    def history_of(self, txn: _Txn, subject: str) -> List[HistoryEntry]:
        return list(self.history.get(subject, ()))

    def history_in_order(self, txn: _Txn, after: int, limit: int) -> List[HistoryEntry]:
        return self.history_log[after:after + limit]

    # ---- Saved views: kept whole, by id ----

    def put_view(self, txn: _Txn, view: StoredView) -> None:
        self._writable(txn)
        old = self.views.get(view["id"])
        self.views[view["id"]] = view
        txn.undo.append(lambda: self.views.__setitem__(view["id"], old) if old else self.views.pop(view["id"]))

    def remove_view(self, txn: _Txn, id: str) -> None:
        self._writable(txn)
        found = self.views.pop(id, None)
        if found is None:
            raise errors.NotFound(f"view {id} does not exist", status=errors.NotFound.status)
        old = found
        txn.undo.append(lambda: self.views.__setitem__(id, old))

    def list_views(self, txn: _Txn) -> List[StoredView]:
        return [self.views[id] for id in sorted(self.views)]

    # ---- Records by kind: kept whole, found by id or by a key ----

    def get_entry(self, txn: _Txn, kind: str, id: str) -> Optional[StoredEntry]:
        return self.entries.get((kind, id))

    def _check_entry(self, e: StoredEntry, keys: Sequence[EntryKey]) -> Optional[StoredEntry]:
        """The stored entry `e` replaces, if any, once every rule of put_entry holds (X1)."""
        kind, id, version = e["kind"], e["id"], e["version"]
        old = self.entries.get((kind, id))
        if version == 1 and old is not None:
            raise errors.Conflict(f"{kind} {id} exists (at version {old['version']}), the write expected none",
                                  status=errors.Conflict.status)
        if version != 1:
            if old is None:
                raise errors.NotFound(f"{kind} {id} does not exist", status=errors.NotFound.status)
            if old["version"] + 1 != version:
                raise errors.Conflict(f"{kind} {id} is at version {old['version']}, the write expected "
                                      f"{version - 1}", status=errors.Conflict.status)
        for k in keys:
            if k["unique"] and self.unique_entry_keys.get((kind, k["name"], k["value"]), id) != id:
                raise errors.Conflict(f"a {kind} already has {k['name']} {k['value']}", status=errors.Conflict.status)
        return old

    def _index_entry(self, kind: str, id: str, keys: Sequence[EntryKey], add: bool) -> None:
        edit = _insort if add else _discard
        for name, value in {(k["name"], k["value"]) for k in keys}:
            edit(self.entries_by_key[(kind, name, value)], id)
        for k in keys:
            where = (kind, k["name"], k["value"])
            if k["unique"] and add:
                self.unique_entry_keys[where] = id
            elif k["unique"] and self.unique_entry_keys.get(where) == id:
                del self.unique_entry_keys[where]

    def put_entry(self, txn: _Txn, e: StoredEntry, keys: Sequence[EntryKey]) -> None:
        self._writable(txn)
        old = self._check_entry(e, keys)
        where = (e["kind"], e["id"])
        old_keys = self.entry_keys.get(where, [])
        self._index_entry(*where, old_keys, False)
        if old is None:
            _insort(self.entry_ids[e["kind"]], e["id"])
        self.entries[where] = e
        self.entry_keys[where] = list(keys)
        self._index_entry(*where, keys, True)

        def undo() -> None:
            self._index_entry(*where, keys, False)
            if old is None:
                _discard(self.entry_ids[e["kind"]], e["id"])
                del self.entries[where]
                del self.entry_keys[where]
            else:
                self.entries[where] = old
                self.entry_keys[where] = old_keys
                self._index_entry(*where, old_keys, True)
        txn.undo.append(undo)

    def find_entries(self, txn: _Txn, f: EntryFilter) -> List[StoredEntry]:
        kind = f["kind"]
        if "key_name" in f:
            ids = self.entries_by_key.get((kind, f["key_name"], f["key_value"]), [])
        else:
            ids = self.entry_ids.get(kind, [])
        after = f.get("after")
        start = bisect.bisect_right(ids, after) if after is not None else 0
        return [self.entries[(kind, id)] for id in ids[start:start + f.get("limit", 50)]]

    # ---- Outbox ----

    def _track(self, n: Notification) -> None:
        if n["state"] == "pending":
            self.pending.add(n["id"])
        else:
            self.pending.discard(n["id"])

    def enqueue(self, txn: _Txn, n: Notification) -> None:
        self._writable(txn)
        if n["id"] in self.outbox:
            raise errors.Conflict(f"notification {n['id']} exists", status=errors.Conflict.status)
        self.outbox[n["id"]] = n
        _insort(self.outbox_ids, n["id"])
        self._track(n)

        def undo() -> None:
            self.pending.discard(n["id"])
            _discard(self.outbox_ids, n["id"])
            del self.outbox[n["id"]]
        txn.undo.append(undo)

    def get_notification(self, txn: _Txn, id: str) -> Optional[Notification]:
        return self.outbox.get(id)

    def update_notification(self, txn: _Txn, n: Notification) -> None:
        self._writable(txn)
        found = self.outbox.get(n["id"])
        if found is None:
            raise errors.NotFound(f"notification {n['id']} does not exist", status=errors.NotFound.status)
        old = found
        self.outbox[n["id"]] = n
        self._track(n)

        def undo() -> None:
            self.outbox[n["id"]] = old
            self._track(old)
        txn.undo.append(undo)

    def due_notifications(self, txn: _Txn, now: str, limit: int) -> List[Notification]:
        due = [self.outbox[id] for id in self.pending if self.outbox[id]["next_attempt_at"] <= now]
        due.sort(key=lambda n: (n["next_attempt_at"], n["id"]))
        return due[:limit]

    def list_notifications(self, txn: _Txn, f: OutboxFilter) -> List[Notification]:
        out: List[Notification] = []
        limit = f.get("limit", 1000)
        ids = self.outbox_ids
        start = bisect.bisect_right(ids, f["after"]) if "after" in f else 0  # the cursor
        for i in range(start, len(ids)):
            if len(out) >= limit:
                break
            id = ids[i]
            n = self.outbox[id]
            if _matches(n, f, ("audience", "recipient", "ticket", "state")):
                out.append(n)
        return out

    def close(self) -> None:
        self.closed = True
