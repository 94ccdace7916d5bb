"""Python reads per second through the ctypes binding (issue 7).

Reads one ticket by number with ``Desk.ticket(n)`` (the ticket as a dict),
cycling over 100 tickets of an in-memory desk, beside two baselines
measured in the same run:

- ``python_ctypes_floor``: a ctypes call of ``tc_abi_version()``, the
  cheapest exported function: the floor of any call through ctypes.
- ``python_read_raw_ctypes``: the same read as bare ctypes calls
  (``tc_ticket_get``, ``string_at``, ``tc_string_free``) with prepared
  arguments and no JSON decode: what the C library itself costs from Python.

Prints ``name value unit baseline ratio``; the ratio is time per call over
the baseline's (1.00: as fast). Each figure is the best of 5 interleaved
rounds of N calls, timed in CPU time of the thread (as bench/c_abi.cpp).
The goal: 100,000 simple reads per second or more.

Usage: TICKETCORE_LIBRARY=build-rel/capi/libticketcore_c.so python3 bench/python_reads.py [N=100000]
(the binding is imported from bindings/python of this checkout).
"""

import ctypes
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "bindings", "python"))

import ticketcore  # noqa: E402
from ticketcore import _lib  # noqa: E402

ROUNDS = 5
TICKETS = 100
CONFIG = {
    "teammates": [{"id": "tom", "name": "Tom"}],
    "contacts": [{"id": "ann", "name": "Ann"}],
    "ticket_types": [{"id": "question", "name": "Question", "category": "customer"}],
}


def timed(n, run):
    """CPU seconds of this thread that run(n), n calls, takes: on a shared
    machine wall time of calls of microseconds is mostly waiting for a core."""
    start = time.thread_time()
    run(n)
    return time.thread_time() - start


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100000
    n = max(n, 1)
    c = _lib.lib
    with ticketcore.Desk(CONFIG, actor=ticketcore.teammate("tom")) as desk:
        for _ in range(TICKETS):
            ticket = desk.create_ticket(type="question", title="Export", contact="ann",
                                        description="How do I export my data to a spreadsheet? "
                                                    "The button in Settings does nothing.")
            desk.add_note(ticket, "Asked the customer which browser they use.")

        def floor(count):
            version = c.tc_abi_version
            for _ in range(count):
                version()

        def read(count):
            ticket = desk.ticket
            for i in range(count):
                ticket(i % TICKETS + 1)

        actor = b'{"kind":"teammate","id":"tom"}'
        refs = [str(i + 1).encode() for i in range(TICKETS)]

        def raw(count):
            get, free, string_at = c.tc_desk_ticket, c.tc_string_free, ctypes.string_at
            out = ctypes.c_void_p()
            ref_out = ctypes.byref(out)
            handle = ctypes.c_void_p(desk._live())
            for i in range(count):
                get(ref_out, handle, actor, refs[i % TICKETS])
                string_at(out.value)
                free(out.value)

        # The best of ROUNDS interleaved rounds, so a noisy neighbour slows all alike.
        rates = {"floor": 0.0, "read": 0.0, "raw": 0.0}
        for _ in range(ROUNDS):
            for name, run in (("floor", floor), ("read", read), ("raw", raw)):
                rates[name] = max(rates[name], n / max(timed(n, run), 1e-9))  # a tiny N may read 0 s

        print(f"python_ctypes_floor {rates['floor']:.0f} calls/s")
        print(f"python_read_ticket {rates['read']:.0f} reads/s {rates['floor']:.0f} "
              f"{rates['floor'] / rates['read']:.2f}")
        print(f"python_read_raw_ctypes {rates['raw']:.0f} reads/s {rates['floor']:.0f} "
              f"{rates['floor'] / rates['raw']:.2f}")
        print(f"python_read_ticket_vs_raw {rates['read']:.0f} reads/s {rates['raw']:.0f} "
              f"{rates['raw'] / rates['read']:.2f}")


if __name__ == "__main__":
    main()
