"""Exceptions: one TicketcoreError subclass per tc_status (ticketcore.h).

Each carries the library's message (``tc_last_error_message()``), the status
code and name, and for a validation error the offending ``fields``.
"""

from __future__ import annotations

import json
from typing import Iterable


class TicketcoreError(Exception):
    """A ticketcore call failed. A failed call changed nothing."""

    #: The tc_status code, e.g. -2.
    status = None
    #: The status name as in JSON, e.g. "not_found".
    status_name = "unknown"

    def __init__(self, message: str = "", *, status: "int | None" = None,
                 fields: "Iterable[str] | None" = None) -> None:
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status
        #: The offending keys (validation errors); empty otherwise.
        self.fields = list(fields or [])

    def __str__(self) -> str:
        return self.message


class InvalidArgument(TicketcoreError, ValueError):
    """Malformed input: bad JSON or UTF-8, an unknown op, field or actor (TC_EINVALID)."""
    status, status_name = -1, "invalid_argument"


class NotFound(TicketcoreError, LookupError):
    """No such record, or the actor may not see it (TC_ENOTFOUND, V3)."""
    status, status_name = -2, "not_found"


class ValidationFailed(TicketcoreError, ValueError):
    """Attribute or configuration values; ``fields`` names them (TC_EVALIDATION)."""
    status, status_name = -3, "validation_failed"


class InvalidTransition(TicketcoreError):
    """The lifecycle forbids the state change (TC_ETRANSITION, L2)."""
    status, status_name = -4, "invalid_transition"


class LinkLimit(TicketcoreError):
    """A link rule would be broken, or the link exists (TC_ELINKLIMIT, K1-K9)."""
    status, status_name = -5, "link_limit"


class Conflict(TicketcoreError):
    """An expected version did not match (TC_ECONFLICT, X1)."""
    status, status_name = -6, "conflict"


class Forbidden(TicketcoreError):
    """The actor may see the record but not do this (TC_EFORBIDDEN, V4)."""
    status, status_name = -7, "forbidden"


class StorageError(TicketcoreError):
    """The storage backend failed (TC_ESTORAGE)."""
    status, status_name = -8, "storage"


class InternalError(TicketcoreError):
    """A bug in ticketcore (TC_EINTERNAL)."""
    status, status_name = -9, "internal"


class NotSupported(TicketcoreError):
    """An optional capability the backend lacks (TC_ENOTSUPPORTED)."""
    status, status_name = -10, "not_supported"


class VersionMismatch(TicketcoreError):
    """A struct version the library does not know (TC_EVERSION)."""
    status, status_name = -11, "version"


class OutOfMemory(TicketcoreError, MemoryError):
    """An allocation failed (TC_ENOMEM)."""
    status, status_name = -12, "out_of_memory"


BY_STATUS = {cls.status: cls for cls in (InvalidArgument, NotFound, ValidationFailed, InvalidTransition, LinkLimit,
                                         Conflict, Forbidden, StorageError, InternalError, NotSupported,
                                         VersionMismatch, OutOfMemory)}


def _text(value: "bytes | str | None") -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return value or ""


def from_status(status: int, message: "bytes | str | None",
                error_json: "bytes | str | None" = None) -> TicketcoreError:
    """The exception for a failed call: its subclass, message and fields."""
    message = _text(message)
    fields: "list[str]" = []
    if error_json:
        try:
            detail = json.loads(_text(error_json))
            fields = detail.get("fields") or []
            message = message or detail.get("message", "")
        except (ValueError, AttributeError):
            pass
    cls = BY_STATUS.get(status, TicketcoreError)
    if not message:
        message = f"ticketcore call failed with status {status}"
    return cls(message, status=status, fields=fields)
