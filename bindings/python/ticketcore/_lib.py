"""Loads libticketcore_c and declares every C function from one table.

The library is looked for, in this order (docs/conventions.md, "Python"):

1. ``TICKETCORE_LIBRARY``: the path of the shared library (or a directory
   holding it). When set it is the only candidate: a bad value is an error,
   never a silent fall-back to another copy.
2. The package directory (a library copied next to this file).
3. The build tree: ``build*/capi/`` and ``build*/`` of every folder above
   the package, newest file first.
4. ``ctypes.util.find_library("ticketcore_c")`` (an installed library).

If none loads, :class:`ImportError` names every path tried and why each
failed. A library that lacks a function of :data:`FUNCTIONS` is a version
mismatch and also an :class:`ImportError`.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import glob
import os
import sys
from ctypes import (CFUNCTYPE, POINTER, Structure, c_char_p, c_int, c_int64, c_size_t, c_uint32, c_uint64,
                    c_void_p)
from typing import Any, Callable, Optional, Sequence

from . import _storage_methods, errors
from ._ops import C_FUNCTIONS as _TYPED_FUNCTIONS

ENV_VAR = "TICKETCORE_LIBRARY"
_BASENAME = "ticketcore_c"

#: The ABI (SOVERSION) this binding was written for; tc_abi_version() must match.
ABI_VERSION = 0

# Statuses (tc_status) and enums of ticketcore.h.
TC_OK = 0
TC_DELIVERY_OK, TC_DELIVERY_RETRY, TC_DELIVERY_FAILED = 0, 1, 2
TC_NOTE_ADD, TC_NOTE_CROSS_POST = 0, 1

# ---- Structs (ticketcore.h, sys/storage.h) ---------------------------------

DELIVER = CFUNCTYPE(c_int, c_void_p, c_char_p)
DESTROY = CFUNCTYPE(None, c_void_p)
NOW_MS = CFUNCTYPE(c_int64, c_void_p)
ON_EVENT = CFUNCTYPE(None, c_void_p, c_char_p)


class tc_notifier(Structure):
    _fields_ = [("version", c_uint32), ("ctx", c_void_p), ("deliver", DELIVER), ("destroy", DESTROY)]


TC_NOTIFIER_VERSION = 1


class tc_clock(Structure):
    _fields_ = [("version", c_uint32), ("ctx", c_void_p), ("now_ms", NOW_MS), ("destroy", DESTROY)]


TC_CLOCK_VERSION = 1


class tc_event_callback(Structure):
    _fields_ = [("version", c_uint32), ("ctx", c_void_p), ("on_event", ON_EVENT), ("destroy", DESTROY)]


TC_EVENT_CALLBACK_VERSION = 1

# Storage methods, in the table's order, from the one list of storage methods
# (_storage_methods.py, generated). `char **out_json` is POINTER(c_void_p) so
# the library's buffer is never converted by ctypes.
_OUT = POINTER(c_void_p)
STORAGE_VISIT = CFUNCTYPE(c_int, c_void_p, c_char_p)
_STORAGE_ARGUMENTS: dict[str, list[Any]] = {"text": [c_char_p], "json": [c_char_p], "json?": [c_char_p], "int64": [c_int64],
                      "uint64": [c_uint64], "visitor": [STORAGE_VISIT, c_void_p]}
_STORAGE_RESULTS: dict[str, list[Any]] = {"status": [], "int64": [POINTER(c_int64)], "uint64": [POINTER(c_uint64)],
                    "bool": [POINTER(c_int)], "json": [_OUT], "json[]": [_OUT]}
_STORAGE_SPECIAL: dict[str, Any] = {
    "begin": CFUNCTYPE(c_int, c_void_p, c_int, POINTER(c_void_p)),
    "rollback": CFUNCTYPE(None, c_void_p, c_void_p),
    "destroy": DESTROY,
}


def _storage_prototype(name: str, arguments: Optional[Sequence[str]], result: Optional[str]) -> Any:
    if name in _STORAGE_SPECIAL or arguments is None or result is None:
        return _STORAGE_SPECIAL[name]
    argtypes = [t for kind in arguments for t in _STORAGE_ARGUMENTS[kind]] + _STORAGE_RESULTS[result]
    return CFUNCTYPE(c_int, c_void_p, c_void_p, *argtypes)


STORAGE_PROTOTYPES: dict[str, Any] = {name: _storage_prototype(name, arguments, result)
                      for name, _, _, arguments, result in _storage_methods.TABLE}


class tc_storage_methods(Structure):
    _fields_ = [("version", c_uint32), ("ctx", c_void_p)] + [(name, STORAGE_PROTOTYPES[name])
                                                             for name, *_ in _storage_methods.TABLE]


TC_STORAGE_METHODS_VERSION = _storage_methods.VERSION


class tc_desk_options(Structure):
    _fields_ = [
        ("version", c_uint32),
        ("config_json", c_char_p),
        ("store_json", c_char_p),
        ("dispatch_json", c_char_p),
        ("notifier", POINTER(tc_notifier)),
        ("clock", POINTER(tc_clock)),
        ("max_input_bytes", c_size_t),
        ("storage_methods", POINTER(tc_storage_methods)),  # version 2
        ("scan_without_index", c_int),  # version 3
    ]


TC_DESK_OPTIONS_VERSION = 3

# ---- The function table ----------------------------------------------------


def _check_status(result: int, func: Any, args: Any) -> int:
    """errcheck of every function returning tc_status: raises its subclass."""
    if result != TC_OK:
        raise errors.from_status(result, lib.tc_last_error_message(), lib.tc_last_error_json())
    return result


_S = _check_status
_out = POINTER(c_void_p)  # char **out_json: copied with string_at, freed with tc_string_free
_str = c_char_p
desk_p = c_void_p
sub_p = c_void_p

#: Every function of ticketcore.h and sys/storage.h the binding uses:
#: (name, argtypes, restype, errcheck).
FUNCTIONS: list[tuple[str, list[Any], Any, Optional[Callable[[int, Any, Any], int]]]] = [
    ("tc_version", [], c_char_p, None),
    ("tc_abi_version", [], c_int, None),
    ("tc_status_name", [c_int], c_char_p, None),
    ("tc_last_error_message", [], c_char_p, None),
    ("tc_last_error_json", [], c_char_p, None),
    ("tc_string_free", [c_void_p], None, None),
    ("tc_callback_error", [c_char_p], None, None),
    ("tc_notifier_init", [POINTER(tc_notifier), c_uint32], c_int, _S),
    ("tc_clock_init", [POINTER(tc_clock), c_uint32], c_int, _S),
    ("tc_event_callback_init", [POINTER(tc_event_callback), c_uint32], c_int, _S),
    ("tc_desk_options_init", [POINTER(tc_desk_options), c_uint32], c_int, _S),
    ("tc_desk_open", [POINTER(c_void_p), POINTER(tc_desk_options)], c_int, _S),
    ("tc_desk_close", [desk_p], None, None),
    ("tc_desk_execute", [_out, desk_p, _str], c_int, _S),
    ("tc_desk_configure", [desk_p, _str], c_int, _S),
    ("tc_desk_configuration", [_out, desk_p], c_int, _S),
    ("tc_conversation_create", [_out, desk_p, _str, _str], c_int, _S),
    ("tc_conversation_convert", [_out, desk_p, _str, _str, _str], c_int, _S),
    ("tc_ticket_create", [_out, desk_p, _str, _str], c_int, _S),
    ("tc_ticket_create_linked", [_out, desk_p, _str, _str, _str], c_int, _S),
    ("tc_tracker_link_by_title", [_out, desk_p, _str, _str, _str, _str], c_int, _S),
    ("tc_ticket_set_state", [_out, desk_p, _str, _str, _str, c_uint64], c_int, _S),
    ("tc_ticket_update", [_out, desk_p, _str, _str, _str, c_uint64], c_int, _S),
    ("tc_ticket_rate", [_out, desk_p, _str, _str, c_int, _str], c_int, _S),
    ("tc_reply_add", [_out, desk_p, _str, _str, _str], c_int, _S),
    ("tc_note_add", [_out, desk_p, _str, _str, _str, c_int], c_int, _S),
    ("tc_link_add", [_out, desk_p, _str, _str, _str, _str], c_int, _S),
    ("tc_link_add_external", [_out, desk_p, _str, _str, _str], c_int, _S),
    ("tc_link_remove", [desk_p, _str, _str], c_int, _S),
    ("tc_link_list", [_out, desk_p, _str, _str], c_int, _S),
    ("tc_ticket_get", [_out, desk_p, _str, _str], c_int, _S),
    ("tc_conversation_get", [_out, desk_p, _str, _str], c_int, _S),
    ("tc_inbox_list", [_out, desk_p, _str, _str], c_int, _S),
    ("tc_history_list", [_out, desk_p, _str, _str], c_int, _S),
    ("tc_outbox_list", [_out, desk_p, _str], c_int, _S),
    ("tc_desk_dispatch", [_out, desk_p, POINTER(tc_notifier)], c_int, _S),
    ("tc_desk_tick", [_out, desk_p, c_char_p], c_int, _S),
    ("tc_desk_subscribe", [POINTER(c_void_p), desk_p, POINTER(tc_event_callback)], c_int, _S),
    ("tc_subscription_free", [sub_p], None, None),
    # sys/storage.h
    ("tc_alloc", [c_size_t], c_void_p, None),
    ("tc_storage_error", [c_char_p], None, None),
    ("tc_storage_methods_init", [POINTER(tc_storage_methods), c_uint32], c_int, _S),
]

# The typed functions tc_desk_<op>, from the op table (_ops.py, generated).
_KINDS = {"out": _out, "desk": desk_p, "text": _str, "int": c_int, "uint64": c_uint64,
          "notifier": POINTER(tc_notifier)}
FUNCTIONS += [(name, [_KINDS[k] for k in kinds], c_int, _S) for name, kinds in _TYPED_FUNCTIONS
              if name not in {row[0] for row in FUNCTIONS}]

# ---- Finding the library ---------------------------------------------------


def _file_names() -> list[str]:
    if sys.platform == "win32":
        return [_BASENAME + ".dll", "lib" + _BASENAME + ".dll"]
    if sys.platform == "darwin":
        return ["lib" + _BASENAME + ".dylib"]
    return ["lib" + _BASENAME + ".so"]


def _in_directory(directory: str) -> list[str]:
    """Candidate files in one directory: the plain name, then versioned ones."""
    found: list[str] = []
    real: set[str] = set()
    for name in _file_names():
        path = os.path.join(directory, name)
        for candidate in [path] + sorted(glob.glob(glob.escape(path) + ".*")):
            # One entry per file: libx.so -> libx.so.0 -> libx.so.0.1.0 is one library.
            if os.path.exists(candidate) and os.path.realpath(candidate) not in real:
                real.add(os.path.realpath(candidate))
                found.append(candidate)
    return found


def _build_tree_candidates(start: str) -> list[str]:
    """libticketcore_c in build*/capi/ and build*/ of every folder above `start`, newest first."""
    paths: list[str] = []
    directory = os.path.abspath(start)
    while True:
        for build in sorted(glob.glob(os.path.join(glob.escape(directory), "build*"))):
            for sub in (os.path.join(build, "capi"), build):
                if os.path.isdir(sub):
                    paths.extend(p for p in _in_directory(sub)[:1] if p not in paths)
        parent = os.path.dirname(directory)
        if parent == directory:
            break
        directory = parent

    def mtime(path: str) -> float:
        try:
            return os.path.getmtime(path)
        except OSError:
            return 0.0

    return sorted(paths, key=mtime, reverse=True)


_SANITIZERS = ((b"__asan_init", "AddressSanitizer", "libasan.so"), (b"__tsan_init", "ThreadSanitizer", "libtsan.so"))


def _sanitizer_problem(path: str) -> Optional[str]:
    """Why dlopen of `path` would abort the process, or None.

    A library built with AddressSanitizer or ThreadSanitizer can only be
    loaded into a process whose runtime was preloaded; loading it otherwise
    kills the interpreter, so such a file is refused with a clear message.
    """
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        return None
    process = ctypes.CDLL(None) if sys.platform != "win32" else None
    for marker, name, runtime in _SANITIZERS:
        if marker in data and not (process is not None and hasattr(process, marker.decode())):
            return (f"built with {name}; run Python with LD_PRELOAD=$(cc -print-file-name={runtime}) "
                    "to load it")
    return None


def _try_load(path: str, tried: list[str]) -> Optional[ctypes.CDLL]:
    """The library at `path` with every function declared, or None (and why, in `tried`)."""
    problem = _sanitizer_problem(path) if os.path.isfile(path) else None
    if problem:
        tried.append(f"{path}: {problem}")
        return None
    try:
        handle = ctypes.CDLL(path)
    except OSError as e:
        tried.append(f"{path}: {e}")
        return None
    problem = _declare(handle, path)
    if problem:
        tried.append(f"{path}: {problem}")
        return None
    return handle


def _declare(handle: ctypes.CDLL, path: str) -> Optional[str]:
    """Declares FUNCTIONS on `handle`; returns why the library does not fit, or None."""
    missing = [name for name, *_ in FUNCTIONS if not hasattr(handle, name)]
    if missing:
        return f"does not match this binding (version mismatch): it lacks {', '.join(missing)}"
    for name, argtypes, restype, errcheck in FUNCTIONS:
        function = getattr(handle, name)
        function.argtypes = argtypes
        function.restype = restype
        if errcheck is not None:
            function.errcheck = errcheck
    abi = handle.tc_abi_version()
    if abi != ABI_VERSION:
        return f"has ABI version {abi}, this binding needs {ABI_VERSION} (version mismatch)"
    return None


def _load() -> tuple[ctypes.CDLL, str]:
    tried: list[str] = []
    explicit = os.environ.get(ENV_VAR)
    if explicit:
        paths = _in_directory(explicit) if os.path.isdir(explicit) else [explicit]
        for path in paths or [explicit]:
            if not os.path.exists(path):
                tried.append(f"{path}: no such file")
                continue
            handle = _try_load(path, tried)
            if handle is not None:
                return handle, path
        raise ImportError(f"ticketcore: {ENV_VAR}={explicit!r} does not name a usable ticketcore C library:\n  " +
                          "\n  ".join(tried))
    tried.append(f"{ENV_VAR}: not set")

    here = os.path.dirname(os.path.abspath(__file__))
    package = _in_directory(here)
    if not package:
        tried.append(f"{here}: no {' or '.join(_file_names())}")
    build = _build_tree_candidates(os.path.dirname(here))
    if not build:
        tried.append(f"build*/capi/ above {here}: none")
    for path in package + build:
        handle = _try_load(path, tried)
        if handle is not None:
            return handle, path

    found = ctypes.util.find_library(_BASENAME)
    if found:
        handle = _try_load(found, tried)
        if handle is not None:
            return handle, found
    else:
        tried.append(f"ctypes.util.find_library({_BASENAME!r}): not found")
    raise ImportError("ticketcore: cannot find the ticketcore C library (libticketcore_c). Build the CMake target "
                      f"ticketcore_c and set {ENV_VAR} to its path. Tried:\n  " + "\n  ".join(tried))


lib, path = _load()


def take_string(out: Any) -> Optional[str]:
    """Copies text the library returned through `char **out_json`, then frees it.

    The copy reads `out` as a char * in place (c_char_p.from_buffer), which
    spares the foreign-function call of ctypes.string_at."""
    address = out.value
    if not address:
        return None
    try:
        return (c_char_p.from_buffer(out).value or b"").decode("utf-8")
    finally:
        lib.tc_string_free(address)
