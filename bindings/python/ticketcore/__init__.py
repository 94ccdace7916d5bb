"""ticketcore: embeddable help-desk tickets, from Python through the stable C ABI.

Pure Python over ctypes: no compiled extension. The C library
(libticketcore_c) is found through the TICKETCORE_LIBRARY environment
variable, the package directory, the build tree, then the system (see
``ticketcore._lib``)::

    import ticketcore as tc

    with tc.Desk(config) as desk:
        conversation = desk.create_conversation("ann", "Export does nothing", brand="acme")
        ticket = desk.convert_conversation(conversation, type="bug_report", title="Export fails", actor=tc.teammate("tom"))
        desk.ticket(ticket["number"], as_contact="ann")["stage"]   # {"index": 1, "label": "Reviewing"}
"""

from ._callbacks import Delivery, DeliveryFailed, RetryLater
from .desk import Desk, Subscription, abi_version, automation, contact, library_path, system, teammate, version
from .errors import (Conflict, Forbidden, InternalError, InvalidArgument, InvalidTransition, LinkLimit, NotFound,
                     NotSupported, OutOfMemory, StorageError, TicketcoreError, ValidationFailed, VersionMismatch)
from .records import group_notifications
from .storage import DictStorage, Storage

__version__ = "0.1.0"

__all__ = [
    "Desk", "Subscription", "Storage", "DictStorage", "Delivery", "DeliveryFailed", "RetryLater",
    "teammate", "contact", "automation", "system", "version", "abi_version", "library_path", "group_notifications",
    "TicketcoreError", "InvalidArgument", "NotFound", "ValidationFailed", "InvalidTransition", "LinkLimit",
    "Conflict", "Forbidden", "StorageError", "InternalError", "NotSupported", "VersionMismatch", "OutOfMemory",
]
