"""Records by kind in a Python backend (get_entry, put_entry, find_entries):
DictStorage keeps the contract's promises, and the binding carries the
methods' JSON forms and failures through the C table."""

import ctypes
import json
import unittest

from support import tc
from ticketcore import _lib, storage

# Non-ASCII text and embedded quotes, kept exactly as given.
NOTE = 'Zoë says "hi" \\ \U0001F44B'


def contact(id, version, name="Ann", **more):
    return {"kind": "contact", "id": id, "version": version, "record": {"name": name, "note": NOTE, **more}}


def email(address, unique=True):
    return {"name": "email", "value": address, "unique": unique}


class Entries(unittest.TestCase):
    def setUp(self):
        self.store = tc.DictStorage()

    def put(self, entry, keys):
        txn = self.store.begin(True)
        try:
            self.store.put_entry(txn, entry, keys)
        except BaseException:
            self.store.rollback(txn)
            raise
        self.store.commit(txn)

    def get(self, kind, id):
        txn = self.store.begin(False)
        try:
            return self.store.get_entry(txn, kind, id)
        finally:
            self.store.commit(txn)

    def find(self, **f):
        txn = self.store.begin(False)
        try:
            return [e["id"] for e in self.store.find_entries(txn, {"kind": "contact", **f})]
        finally:
            self.store.commit(txn)

    def pages(self, limit, **f):
        out, after = [], None
        while True:
            page = self.find(limit=limit, **({"after": after} if after is not None else {}), **f)
            self.assertLessEqual(len(page), limit)
            out += page
            if len(page) < limit:
                return out
            after = page[-1]

    def test_x1_an_entry_reads_back_as_given_and_each_write_names_the_version_it_replaces(self):
        v1 = contact("c1", 1, 'Ann "the first" Müller')
        self.put(v1, [email('ann."q"@exämple.com')])
        self.assertEqual(self.get("contact", "c1"), v1)
        self.assertIsNone(self.get("teammate", "c1"))
        for refused, error in ((contact("c1", 1, "Again"), tc.Conflict), (contact("c1", 3, "Skipped"), tc.Conflict),
                               (contact("c9", 2, "Ghost"), tc.NotFound)):
            with self.assertRaises(error):
                self.put(refused, [email("other@example.com")])
        self.assertEqual(self.get("contact", "c1"), v1)
        self.assertEqual(self.find(key_name="email", key_value="other@example.com"), [])
        v2 = contact("c1", 2, "Ann")
        self.put(v2, [email('ann."q"@exämple.com')])
        with self.assertRaises(tc.Conflict):
            self.put(contact("c1", 2, "Stale"), [])
        self.assertEqual(self.get("contact", "c1"), v2)

    def test_a_unique_key_belongs_to_one_entry_of_its_kind_and_a_clash_writes_nothing(self):
        self.put(contact("c1", 1), [email("ann@example.com")])
        with self.assertRaises(tc.Conflict) as caught:
            self.put(contact("c2", 1), [email("bob@example.com", unique=False), email("ann@example.com")])
        self.assertIn("a contact already has email ann@example.com", str(caught.exception))
        self.assertIsNone(self.get("contact", "c2"))
        self.assertEqual(self.find(key_name="email", key_value="bob@example.com"), [])
        self.put(contact("c1", 2), [email("ann@example.com")])  # its holder may keep it
        self.put({"kind": "teammate", "id": "t1", "version": 1, "record": {}}, [email("ann@example.com")])
        self.put(contact("c3", 1), [email("ann@example.com", unique=False)])
        self.assertEqual(self.find(key_name="email", key_value="ann@example.com"), ["c1", "c3"])

    def test_an_update_replaces_the_entrys_keys(self):
        self.put(contact("c1", 1), [email("ann@old.example"), {"name": "company", "value": "initech", "unique": False}])
        self.put(contact("c1", 2), [email("ann@new.example")])
        self.assertEqual(self.find(key_name="email", key_value="ann@old.example"), [])
        self.assertEqual(self.find(key_name="company", key_value="initech"), [])
        self.assertEqual(self.find(key_name="email", key_value="ann@new.example"), ["c1"])
        self.put(contact("c2", 1), [email("ann@old.example")])
        self.assertEqual(self.find(key_name="email", key_value="ann@old.example"), ["c2"])

    def test_entries_page_in_byte_order_of_id_by_kind_and_by_key(self):
        ids = ["z", "a", "été", "Z", 'a"b', "m", "a b", "b", "y2", "y10"]
        initech = [id for i, id in enumerate(ids) if i % 2 == 0]
        for id in ids:
            keys = [email(id + "@example.com")]
            if id in initech:
                keys.append({"name": "company", "value": "initech", "unique": False})
            self.put(contact(id, 1), keys)
        self.put({"kind": "teammate", "id": "a0", "version": 1, "record": {}},
                 [{"name": "company", "value": "initech", "unique": False}])
        by_bytes = sorted(ids, key=lambda id: id.encode("utf-8"))
        self.assertEqual(self.pages(3), by_bytes)
        self.assertEqual(self.pages(2, key_name="company", key_value="initech"),
                         sorted(initech, key=lambda id: id.encode("utf-8")))
        self.assertEqual(self.pages(50, key_name="company", key_value="acme"), [])

    def test_p6_a_rolled_back_put_leaves_nothing_behind(self):
        v1 = contact("c1", 1)
        self.put(v1, [email("ann@example.com")])
        txn = self.store.begin(True)
        self.store.put_entry(txn, contact("c1", 2, "Changed"), [email("changed@example.com")])
        self.store.put_entry(txn, contact("c2", 1, "New"), [email("new@example.com")])
        self.store.rollback(txn)
        self.assertEqual(self.get("contact", "c1"), v1)
        self.assertIsNone(self.get("contact", "c2"))
        self.assertEqual(self.find(key_name="email", key_value="ann@example.com"), ["c1"])
        self.assertEqual(self.find(key_name="email", key_value="changed@example.com"), [])
        self.assertEqual(self.pages(50), ["c1"])
        self.put(contact("c2", 1), [email("changed@example.com")])
        self.assertEqual(self.find(key_name="email", key_value="changed@example.com"), ["c2"])


class EntriesThroughTheTable(unittest.TestCase):
    """The methods as the library calls them: JSON text in, statuses and JSON out."""

    def setUp(self):
        self.methods, self.bridge = tc.storage.make_methods(tc.DictStorage())
        self.libc = ctypes.CDLL(None)
        self.libc.free.argtypes = [ctypes.c_void_p]

    def tearDown(self):
        self.bridge.release(self.methods.ctx)

    def call(self, write, name, *args, out=False):
        m = self.methods
        txn = ctypes.c_void_p()
        self.assertEqual(m.begin(m.ctx, int(write), ctypes.byref(txn)), _lib.TC_OK)
        buffer = ctypes.c_void_p()
        status = getattr(m, name)(m.ctx, txn, *args, *([ctypes.byref(buffer)] if out else []))
        if status == _lib.TC_OK:
            self.assertEqual(m.commit(m.ctx, txn), _lib.TC_OK)
        else:
            m.rollback(m.ctx, txn)
        if not out:
            return status
        try:
            return status, json.loads(ctypes.string_at(buffer.value).decode("utf-8")) if buffer.value else None
        finally:
            self.libc.free(buffer)

    def put(self, entry, keys):
        return self.call(True, "put_entry", json.dumps(entry).encode(), json.dumps(keys).encode())

    def test_forms_and_statuses(self):
        self.assertEqual(self.methods.version, 7)
        entry = contact("c1", 1, "Ann")
        self.assertEqual(self.put(entry, [email("ann@example.com")]), _lib.TC_OK)
        self.assertEqual(self.call(False, "get_entry", b"contact", b"c1", out=True), (_lib.TC_OK, entry))
        self.assertEqual(self.call(False, "get_entry", b"contact", b"c2", out=True), (_lib.TC_OK, None))
        self.assertEqual(self.put(contact("c2", 1), [email("ann@example.com")]), storage.TC_ECONFLICT)
        self.assertEqual(self.put(contact("c1", 3), []), storage.TC_ECONFLICT)
        self.assertEqual(self.put(contact("c9", 2), []), storage.TC_ENOTFOUND)
        f = {"kind": "contact", "key_name": "email", "key_value": "ann@example.com", "limit": 10}
        self.assertEqual(self.call(False, "find_entries", json.dumps(f).encode(), out=True), (_lib.TC_OK, [entry]))


if __name__ == "__main__":
    unittest.main()
