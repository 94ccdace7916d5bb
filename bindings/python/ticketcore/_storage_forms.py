"""The JSON forms a storage backend written in Python is handed and returns
(docs/c-api.md, "JSON forms"; the filters' forms are those of the storage
methods' documentation). Plain dicts at run time: these types tell a type
checker, and a reader, which keys each carries. Keys are optional
(``total=False``) where a form writes them only when set.

Records the Desk also returns (parts, links, history entries, outbox
entries) have the forms of :mod:`ticketcore.records`.
"""

from __future__ import annotations

from typing import List, Literal, Optional, TypedDict, Union

from .records import ActorRecord, Conversation, JSONObject, Part

Category = Literal["customer", "back_office", "tracker"]


class Rating(TypedDict):
    """A contact's rating of a resolved ticket (V4)."""
    score: int
    comment: str
    at: str


class ServiceLevelClock(TypedDict, total=False):
    """One target's clock on one ticket (S1)."""
    target: str
    cycle: int
    used_ms: int
    running_since: Optional[str]
    at_risk_at: Optional[str]
    due_at: Optional[str]
    met_at: Optional[str]
    at_risk: bool
    breached: bool


class ServiceLevel(TypedDict, total=False):
    """The policy that applies to a ticket and its clocks (S1)."""
    policy: str
    clocks: List[ServiceLevelClock]


class TicketKeys(TypedDict):
    """What a store filters and sorts tickets by, derived by the library at
    every write and handed beside the ticket (docs/storage.md, "Stored forms
    and keys"); never read back."""
    priority_rank: int
    sla_status: Literal["none", "on_track", "at_risk", "breached", "met"]
    sla_due: Optional[str]
    due_at: Optional[str]
    words: List[str]


class PartKeys(TypedDict):
    """Who may find a part's words in its ticket's full text, and the words."""
    audience: Literal["public", "internal", "none"]
    words: List[str]


class StoredTicket(TypedDict, total=False):
    """A ticket in its stored form: the ticket, then the Desk's bookkeeping
    (written only while it says something, and never shown to a host), and
    the keys the library handed with it."""
    id: str
    number: int
    type: str
    category: Category
    title: str
    description: str
    state: str
    state_category: str
    priority: str
    contact: str
    company: str
    brand: str
    sharing: Literal["private", "company"]
    assignee: str
    team: str
    owner: str
    tags: List[str]
    channel: str
    created_at: str
    updated_at: str
    follow_up_at: Optional[str]
    action_required_at: Optional[str]
    attributes: JSONObject
    version: int
    rating: Rating
    sla: ServiceLevel
    follow_up_raised: bool
    action_required_raised: bool
    idle_rules_run: List[str]
    idle_due_at: str
    next_due_at: str
    keys: TicketKeys


class StoredPart(Part, total=False):
    """A part as a store is handed it: with its keys."""
    keys: PartKeys


# A conversation as a store keeps it: the record itself, nothing beside it.
StoredConversation = Conversation


class TicketFilter(TypedDict, total=False):
    """find_tickets' filter: every key that is set must match; newest first."""
    category: Category
    state_category: str
    type: str
    assignee: str  # "" means unassigned
    brand: str
    contact: str
    company: str
    title: str  # exact
    before: str  # an id: only older tickets
    limit: int


class ConversationFilter(TypedDict, total=False):
    contact: str
    brand: str
    before: str
    limit: int


class OutboxFilter(TypedDict, total=False):
    """list_notifications' filter; `recipient` comes with its `audience`."""
    audience: Literal["contact", "teammate"]
    recipient: str
    ticket: str
    state: Literal["pending", "delivered", "failed"]
    after: str  # an id: only newer entries (the outbox cursor)
    limit: int


class TicketQuery(TypedDict, total=False):
    """A ticket query (Q1, docs/queries.md): what it filters on, and always
    its order."""
    category: Category
    types: List[str]
    states: List[str]
    state_categories: List[str]
    priorities: List[str]
    assignee: str
    team: str
    brand: str
    contact: str
    company: str
    tags: List[str]
    channel: str
    created_from: str
    created_to: str
    updated_from: str
    updated_to: str
    due_before: str
    sla_status: Literal["none", "on_track", "at_risk", "breached", "met"]
    tracker: str
    text: str
    words: List[str]  # the library's words of "text": compare these, never split text
    public_text_only: bool
    shared_with_company: str
    order: Literal["created", "updated", "priority", "sla_due"]
    descending: bool


class TicketPosition(TypedDict):
    """A query cursor: the last row of the page before, by its order's key
    (a time, a priority rank, or None for "sla_due" with none) and id."""
    key: Union[str, int, None]
    id: str


#: scan_history's period and fields: "at" in [from, to), either end absent
#: when open; fields empty for every field; a subject takes only that
#: record's entries. ("from" is a Python keyword, hence this spelling.)
HistoryScan = TypedDict("HistoryScan", {"from": str, "to": str, "fields": List[str], "subject": str}, total=False)


class StoredView(TypedDict, total=False):
    """A saved view: a named query kept by the desk."""
    id: str
    name: str
    owner: str
    query: TicketQuery


class Checkpoint(TypedDict):
    """A report checkpoint (R1): what a report counted up to `at`, under
    `key`; `data` is the library's own and stored as given."""
    key: str
    at: str
    data: JSONObject


class StoredEntry(TypedDict):
    """A record kept by kind and id without the store knowing its shape (the
    directory, the stored configuration): `record` is kept exactly as given;
    `version` starts at 1 and grows by one per write (X1)."""
    kind: str
    id: str
    version: int
    record: JSONObject


class EntryKey(TypedDict):
    """A lookup key of an entry, derived by the library: the store indexes
    (kind, name, value) and compares values as given. A unique key belongs to
    at most one entry of its kind."""
    name: str
    value: str
    unique: bool


class _EntryFilterKind(TypedDict):
    kind: str


class EntryFilter(_EntryFilterKind, total=False):
    """find_entries' filter: entries of `kind` in ascending order of id,
    after `after`, at most `limit`; with `key_name` and `key_value` (both or
    neither) only those holding that key."""
    key_name: str
    key_value: str
    after: str  # an id: only entries after it (the cursor)
    limit: int


__all__ = ["ActorRecord", "Category", "Checkpoint", "ConversationFilter", "EntryFilter", "EntryKey", "HistoryScan",
           "OutboxFilter", "PartKeys", "Rating", "ServiceLevel", "ServiceLevelClock", "StoredConversation",
           "StoredEntry", "StoredPart", "StoredTicket", "StoredView", "TicketFilter", "TicketKeys", "TicketPosition",
           "TicketQuery"]
