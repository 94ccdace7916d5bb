"""scripts/gen/operations.py on a copy of the tree: desk.hpp's op members are
generated from the op table, and --check fails when a generated region is
edited by hand or an op's section has no region."""

import os
import shutil
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# Every folder the generator reads or writes.
FOLDERS = ["scripts/gen", "include/ticketcore", "capi/src", "capi/include", "bindings/python/ticketcore",
           "tests/capi", "docs"]
DESK = "include/ticketcore/desk.hpp"
SPEC = "include/ticketcore/operations.toml"


class Operations(unittest.TestCase):
    def setUp(self):
        tmp = tempfile.TemporaryDirectory(prefix="ticketcore-gen-")
        self.addCleanup(tmp.cleanup)
        self.root = tmp.name
        for folder in FOLDERS:
            shutil.copytree(os.path.join(ROOT, folder), os.path.join(self.root, folder),
                            ignore=shutil.ignore_patterns("__pycache__"))

    def run_generator(self, *args):
        return subprocess.run([sys.executable, os.path.join(self.root, "scripts/gen/operations.py"), *args],
                              capture_output=True, text=True)

    def edit(self, path, old, new):
        full = os.path.join(self.root, path)
        with open(full, encoding="utf-8") as f:
            text = f.read()
        self.assertIn(old, text)
        with open(full, "w", encoding="utf-8") as f:
            f.write(text.replace(old, new, 1))

    def read(self, path):
        with open(os.path.join(self.root, path), encoding="utf-8") as f:
            return f.read()

    def test_the_checked_in_files_are_up_to_date(self):
        result = self.run_generator("--check")
        self.assertEqual(result.returncode, 0, result.stderr)

    def test_a_member_edited_by_hand_is_stale_and_regenerating_restores_it(self):
        original = self.read(DESK)
        self.edit(DESK, "  std::vector<history_entry> history(const actor& who, const uuid& id) const;",
                  "  std::vector<history_entry> history(const actor& who, const uuid& record) const;")
        result = self.run_generator("--check")
        self.assertEqual(result.returncode, 1)
        self.assertIn(DESK, result.stderr)
        self.assertEqual(self.run_generator().returncode, 0)
        self.assertEqual(self.read(DESK), original)

    def test_a_member_comes_from_its_ops_signature_and_doc(self):
        self.edit(SPEC, 'doc = "H1. The history of a ticket or conversation, oldest first."',
                  'doc = "H1. The history of a record, oldest first."')
        self.edit(SPEC, 'cpp = "std::vector<history_entry>(const actor& who, const uuid& id) const"',
                  'cpp = "std::vector<history_entry>(const actor& who, const uuid& record) const"')
        self.assertEqual(self.run_generator().returncode, 0)
        self.assertIn("  // H1. The history of a record, oldest first.\n"
                      "  std::vector<history_entry> history(const actor& who, const uuid& record) const;\n",
                      self.read(DESK))

    def test_hand_written_members_outside_the_regions_stay(self):
        self.edit(DESK, "  boost::signals2::connection subscribe(", "  boost::signals2::connection subscribe_all(")
        result = self.run_generator("--check")
        self.assertEqual(result.returncode, 0, result.stderr)

    def test_an_op_whose_section_has_no_region_is_refused(self):
        self.edit(SPEC, 'section = "integrity"', 'section = "maintenance"')
        result = self.run_generator("--check")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("maintenance", result.stderr)


if __name__ == "__main__":
    unittest.main()
