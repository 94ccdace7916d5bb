"""The directory as stored records, through the binding: upsert, lookups by id
and e-mail, paged listings, version checks (X1), V5, and a new contact made by
create_conversation in the same call."""

import unittest

from support import CONFIG, TOM, tc


class Directory(unittest.TestCase):
    def setUp(self) -> None:
        self.desk = tc.Desk(dict(CONFIG, unknown_senders="accept"), actor=TOM)

    def test_upsert_then_find_by_id_and_normalized_email(self) -> None:
        made = self.desk.upsert_contact(id="eve", name="Eve", emails=[" Eve@Example.COM "])
        self.assertEqual(made["version"], 1)
        self.assertEqual(made["emails"], ["eve@example.com"])
        self.assertEqual(self.desk.contact("eve")["name"], "Eve")
        self.assertEqual(self.desk.contact_by_email("EVE@example.com")["id"], "eve")

    def test_x1_stale_version_is_conflict_and_duplicate_address_names_it(self) -> None:
        self.desk.create_contact(id="eve", emails=["eve@example.com"])
        self.desk.update_contact(id="eve", name="Eve", emails=["eve@example.com"], version=1)  # replaces it whole
        with self.assertRaises(tc.Conflict):
            self.desk.update_contact(id="eve", name="Stale", emails=["eve@example.com"], version=1)
        with self.assertRaises(tc.Conflict) as raised:
            self.desk.upsert_contact(id="zed", emails=["eve@example.com"])
        self.assertIn("eve@example.com", str(raised.exception))
        with self.assertRaises(tc.ValidationFailed):
            self.desk.upsert_contact(id="zed", company="nowhere")

    def test_v5_a_contact_reads_only_themselves(self) -> None:
        self.desk.upsert_contact(id="eve", emails=["eve@example.com"])
        self.assertEqual(self.desk.contact("ann", as_contact="ann")["id"], "ann")
        with self.assertRaises(tc.NotFound):
            self.desk.contact("eve", as_contact="ann")

    def test_listing_pages_in_order_of_id(self) -> None:
        self.desk.upsert_company(id="initech", name="Initech", domains=["initech.test"])
        self.desk.upsert_contact(id="eve", emails=["eve@initech.test"], company="initech")
        self.assertEqual([c["id"] for c in self.desk.contacts(company="initech")], ["eve"])
        ids = [c["id"] for c in self.desk.contacts(limit=2)] + [c["id"] for c in self.desk.contacts(after="bob")]
        self.assertEqual(ids, ["ann", "bob", "cat", "dan", "eve"])

    def test_c1_a_conversation_creates_its_new_contact(self) -> None:
        self.desk.create_conversation("newbie", "Hello", new_contact={"name": "New", "emails": ["new@example.com"]},
                                     actor=TOM)
        self.assertEqual(self.desk.contact_by_email("new@example.com")["id"], "newbie")


if __name__ == "__main__":
    unittest.main()
