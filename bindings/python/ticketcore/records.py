"""The records the Desk returns, as typed dicts (docs/c-api.md, "JSON forms").

They are plain dicts at run time: these types only tell a type checker (and a
reader) which keys to expect. Keys are optional (``total=False``) because a
contact's view leaves the internal ones out (V1-V5).
"""

from __future__ import annotations

from typing import Any, Dict, Literal, Mapping, Optional, Sequence, TypedDict, Union

from . import errors

JSONObject = Dict[str, Any]  # typing.Dict: Python 3.8 has no dict[...] at run time

#: An actor: ``{"kind": "teammate", "id": "tom"}`` (see :func:`ticketcore.teammate`).
Actor = Mapping[str, str]
#: A record's UUID, or a record dict returned earlier (its "id" is used).
Id = Union[str, Mapping[str, Any]]
#: A ticket: its UUID, its number (7, "7", "#7") or a ticket dict.
Ref = Union[int, str, Mapping[str, Any]]


class ActorRecord(TypedDict, total=False):
    kind: Literal["teammate", "contact", "automation", "system"]
    id: str


class Part(TypedDict, total=False):
    """A timeline entry: a message, reply, note, event or admin message."""
    id: str
    owner: str
    kind: Literal["customer_message", "reply", "note", "event", "admin_message", "form"]
    internal: bool
    author: ActorRecord
    body: str
    created_at: str
    data: JSONObject
    origin_ticket: str


class TicketView(TypedDict, total=False):
    """A ticket as the actor sees it; a contact's view has no internal fields."""
    id: str
    number: int
    type: str
    type_name: str
    category: Literal["customer", "back_office", "tracker"]
    title: str
    description: str
    state: str
    state_category: str
    state_label: str
    stage: JSONObject
    priority: str
    contact: str
    company: str
    brand: str
    sharing: Literal["private", "company"]
    assignee: str
    team: str
    owner: str
    tags: list[str]
    channel: str
    created_at: str
    updated_at: str
    follow_up_at: Optional[str]
    action_required_at: Optional[str]
    attributes: JSONObject
    version: int
    timeline: list[Part]
    linked_conversations: list[str]


class Conversation(TypedDict, total=False):
    """A conversation record: what a store keeps and a view starts from."""
    id: str
    number: int
    contact: str
    channel: str
    brand: str
    subject: str
    created_at: str
    updated_at: str
    version: int


class ConversationView(Conversation, total=False):
    timeline: list[Part]


#: A link between two records, or a record and something outside (an
#: external link has "external" and no "to"). ("from" is a Python keyword,
#: hence this spelling.)
Link = TypedDict("Link", {
    "id": str,
    "kind": Literal["customer_ticket", "tracker", "back_office", "related", "merged_into"],
    "from": str,
    "to": str,
    "from_kind": str,
    "to_kind": str,
    "external": JSONObject,
    "created_by": ActorRecord,
    "created_at": str,
}, total=False)


class HistoryEntry(TypedDict, total=False):
    id: str
    subject: str
    actor: ActorRecord
    at: str
    field: str
    old: Any
    new: Any
    cause: str  # the ticket whose change propagated here (P3, P5)


class InboxRow(TypedDict, total=False):
    kind: Literal["conversation", "ticket"]
    id: str
    number: int
    title: str
    last_update: str
    updated_at: str
    brand: str
    contact: str
    category: str
    label: str
    state_category: str
    state_label: str
    assignee: str
    damaged: JSONObject


class Notification(TypedDict, total=False):
    """One outbox entry: one notification to one recipient on one channel."""
    id: str
    audience: Literal["contact", "teammate"]
    recipient: str
    channel: Literal["email", "messenger"]
    kind: str
    ticket: str
    ticket_number: int
    payload: JSONObject
    idempotency_key: str
    state: Literal["pending", "delivered", "failed"]
    attempts: int
    created_at: str
    next_attempt_at: str
    delivered_at: Optional[str]
    last_error: str


class DamagedRecord(TypedDict, total=False):
    kind: str
    id: str
    number: int
    problem: str


class TicketPage(TypedDict, total=False):
    tickets: list[TicketView]
    next_cursor: str
    damaged: list[DamagedRecord]


class InboxPage(TypedDict, total=False):
    rows: list[InboxRow]
    next_cursor: str


class OutboxPage(TypedDict, total=False):
    notifications: list[Notification]
    next_cursor: str


class SavedView(TypedDict, total=False):
    id: str
    name: str
    owner: str
    query: JSONObject
    count: int


class Contact(TypedDict, total=False):
    """A contact of the directory (docs/directory.md); version 0: declared in the configuration."""
    id: str
    name: str
    emails: list[str]
    company: str
    phone: str
    locale: str
    time_zone: str
    attributes: JSONObject
    version: int
    created_at: str
    updated_at: str


class Company(TypedDict, total=False):
    id: str
    name: str
    domains: list[str]
    attributes: JSONObject
    version: int


class Teammate(TypedDict, total=False):
    id: str
    name: str
    email: str
    teams: list[str]
    away: bool
    version: int


class Team(TypedDict, total=False):
    id: str
    name: str
    version: int


class DispatchResult(TypedDict):
    delivered: int
    retried: int
    failed: int


class BulkResult(TypedDict):
    matched: int
    changed: int
    next_cursor: str


class ImportedTicket(TypedDict):
    id: str
    number: int


class ImportedTickets(TypedDict):
    tickets: list[ImportedTicket]


class Count(TypedDict):
    count: int


class Raised(TypedDict):
    raised: int


class Changed(TypedDict):
    changed: int


class NextDue(TypedDict):
    next_due: Optional[str]


class VersionInfo(TypedDict):
    version: str
    abi: int


def _invalid(message: str) -> errors.InvalidArgument:
    return errors.InvalidArgument(message, status=errors.InvalidArgument.status)


def _id(value: Id) -> str:
    """A record's id: the text itself, or the "id" of a record dict."""
    if isinstance(value, Mapping):
        value = value.get("id")  # type: ignore[assignment]
    if not isinstance(value, str):
        raise _invalid(f"expected a record id (UUID text) or a record, not {type(value).__name__}")
    return value


def _ref(value: Ref) -> Union[int, str]:
    """A ticket reference as the library takes it: a number, or UUID or "#number" text."""
    if isinstance(value, Mapping):
        value = value.get("id")  # type: ignore[assignment]
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise _invalid("a ticket must be a UUID or a ticket number")
    return value


def _object(value: Union[Mapping[str, Any], str], what: str) -> Any:
    """An object argument: a mapping, or JSON text of one (parsed here, so a
    syntax error names the argument)."""
    if isinstance(value, (str, bytes)):
        import json
        try:
            return json.loads(value)
        except ValueError as e:
            raise _invalid(f"{what} is not valid JSON: {e}") from None
    return dict(value)


class ChannelDelivery(TypedDict, total=False):
    """One channel of a grouped notification: its outbox entry's delivery."""
    id: str
    channel: Literal["email", "messenger"]
    state: Literal["pending", "delivered", "failed"]
    attempts: int
    delivered_at: Optional[str]
    last_error: str


class GroupedNotification(TypedDict, total=False):
    """One notification to one recipient, with every channel it goes out on."""
    audience: Literal["contact", "teammate"]
    recipient: str
    kind: str
    ticket: str
    ticket_number: int
    payload: JSONObject
    created_at: str
    channels: list[ChannelDelivery]


def group_notifications(entries: Sequence[Mapping[str, Any]]) -> list[GroupedNotification]:
    """Outbox entries grouped into one notification per recipient and change.

    The outbox holds one entry per channel (N5: each is delivered, retried and
    marked on its own), so a contact told of one change by e-mail and messenger
    has two entries. Entries whose idempotency keys differ only in the channel
    are one notification; the groups keep the order of their first entry."""
    groups: dict[str, GroupedNotification] = {}
    for e in entries:
        parts = str(e.get("idempotency_key", "")).split("/")
        key = "/".join(parts[:3] + parts[4:]) if len(parts) >= 5 else str(e.get("id"))
        group = groups.get(key)
        if group is None:
            group = GroupedNotification(audience=e.get("audience", "contact"), recipient=e.get("recipient", ""),
                                        kind=e.get("kind", ""), ticket=e.get("ticket", ""),
                                        ticket_number=e.get("ticket_number", 0), payload=e.get("payload", {}),
                                        created_at=e.get("created_at", ""), channels=[])
            groups[key] = group
        group["channels"].append(ChannelDelivery(id=e.get("id", ""), channel=e.get("channel", "email"),
                                                 state=e.get("state", "pending"), attempts=e.get("attempts", 0),
                                                 delivered_at=e.get("delivered_at"),
                                                 last_error=e.get("last_error", "")))
    return list(groups.values())
