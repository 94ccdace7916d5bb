"""Finding and declaring the C library (_lib.py): TICKETCORE_LIBRARY, the
package directory, the build tree, find_library; a clear ImportError naming
every path tried; a library without the expected functions is a version
mismatch."""

import glob
import os
import re
import shutil
import subprocess
import sys
import unittest

from support import HERE, TempDir, tc
from ticketcore import _lib

PACKAGE = os.path.dirname(os.path.abspath(tc.__file__))
HEADERS = os.path.join(HERE, "..", "..", "..", "capi", "include", "ticketcore")


def run(code, env_changes, cwd):
    env = dict(os.environ)
    env.pop("TICKETCORE_LIBRARY", None)
    env.update(env_changes)
    env["PYTHONPATH"] = cwd
    return subprocess.run([sys.executable, "-c", code], env=env, cwd=cwd, capture_output=True, text=True,
                          timeout=120)


class Discovery(TempDir):
    def copy_package(self):
        target = os.path.join(self.dir, "ticketcore")
        shutil.copytree(PACKAGE, target, ignore=shutil.ignore_patterns("__pycache__", "*.so*"))
        return target

    def test_the_environment_variable_names_the_library(self):
        self.copy_package()
        r = run("import ticketcore; print(ticketcore.library_path())", {"TICKETCORE_LIBRARY": _lib.path}, self.dir)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.strip(), _lib.path)

    def test_the_environment_variable_may_name_a_directory(self):
        self.copy_package()
        r = run("import ticketcore; print(ticketcore.library_path())",
                {"TICKETCORE_LIBRARY": os.path.dirname(_lib.path)}, self.dir)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(os.path.dirname(r.stdout.strip()), os.path.dirname(_lib.path))

    def test_a_bad_environment_variable_is_an_import_error_naming_it(self):
        self.copy_package()
        missing = os.path.join(self.dir, "nowhere", "libticketcore_c.so")
        r = run("import ticketcore", {"TICKETCORE_LIBRARY": missing}, self.dir)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("ImportError", r.stderr)
        self.assertIn(missing, r.stderr)
        self.assertIn("no such file", r.stderr)

    def test_a_library_without_the_functions_is_a_version_mismatch(self):
        self.copy_package()
        import _sqlite3  # any loadable shared object without tc_ symbols
        r = run("import ticketcore", {"TICKETCORE_LIBRARY": _sqlite3.__file__}, self.dir)
        self.assertIn("ImportError", r.stderr)
        self.assertIn("version mismatch", r.stderr)
        self.assertIn("tc_desk_open", r.stderr)

    def test_the_package_directory_comes_before_the_build_tree(self):
        target = self.copy_package()
        shutil.copy(_lib.path, os.path.join(target, "libticketcore_c.so"))
        r = run("import ticketcore; print(ticketcore.library_path()); print(ticketcore.version())", {}, self.dir)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.split()[0], os.path.join(target, "libticketcore_c.so"))
        self.assertEqual(r.stdout.split()[1], tc.version())

    def test_the_build_tree_skips_a_library_that_does_not_fit(self):
        # tree/build-new/capi holds a newer file that is not ticketcore's;
        # tree/build-old/capi the real library: the search moves on to it.
        import _sqlite3
        tree = os.path.join(self.dir, "tree")
        for build, source in (("build-old", _lib.path), ("build-new", _sqlite3.__file__)):
            os.makedirs(os.path.join(tree, build, "capi"))
            shutil.copy(source, os.path.join(tree, build, "capi", "libticketcore_c.so"))
        old = os.path.join(tree, "build-old", "capi", "libticketcore_c.so")
        os.utime(old, (1_000_000_000, 1_000_000_000))
        package = os.path.join(tree, "bindings", "python")
        shutil.copytree(PACKAGE, os.path.join(package, "ticketcore"),
                        ignore=shutil.ignore_patterns("__pycache__", "*.so*"))
        r = run("import ticketcore; print(ticketcore.library_path())", {}, package)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.strip(), old)

    def test_nothing_found_lists_every_place_tried(self):
        self.copy_package()
        r = run("import ticketcore; print(ticketcore.library_path())", {}, self.dir)
        if r.returncode == 0:  # an installed library (find_library) or a build tree above the temp dir
            self.assertNotIn(self.dir, r.stdout)
            return
        self.assertIn("ImportError", r.stderr)
        self.assertIn("TICKETCORE_LIBRARY: not set", r.stderr)
        self.assertIn(os.path.join(self.dir, "ticketcore"), r.stderr)
        self.assertIn("find_library", r.stderr)

    def test_the_build_tree_is_searched_newest_first(self):
        found = _lib._build_tree_candidates(os.path.join(HERE, ".."))
        if not found:
            self.skipTest("no build tree above the package (an installed package)")
        times = [os.path.getmtime(p) for p in found]
        self.assertEqual(times, sorted(times, reverse=True))


class Declarations(unittest.TestCase):
    def test_every_c_function_of_the_headers_is_declared(self):
        headers = glob.glob(os.path.join(HEADERS, "*.h")) + glob.glob(os.path.join(HEADERS, "sys", "*.h"))
        if not headers:
            self.skipTest("the C headers are not beside this package")
        declared = set()
        for header in headers:
            with open(header) as f:
                declared |= set(re.findall(r"TC_API\s+[^;(]*?\b(tc_\w+)\s*\(", f.read()))
        self.assertTrue(declared)
        self.assertEqual(declared - {name for name, *_ in _lib.FUNCTIONS}, set())
        self.assertEqual({name for name, *_ in _lib.FUNCTIONS} - declared, set())

    def test_storage_methods_fields_follow_the_header_in_order(self):
        path = os.path.join(HEADERS, "sys", "storage_methods.h")
        if not os.path.exists(path):
            self.skipTest("the C headers are not beside this package")
        with open(path) as f:
            body = f.read().split("typedef struct tc_storage_methods {", 1)[1].split("} tc_storage_methods;", 1)[0]
        fields = re.findall(r"^\s*(?:uint32_t|void \*)\s*(\w+);|\(\*(\w+)\)", body, re.M)
        names = [a or b for a, b in fields]
        self.assertEqual(names, [name for name, _ in _lib.tc_storage_methods._fields_])

    def test_versions(self):
        self.assertEqual(tc.abi_version(), _lib.ABI_VERSION)
        self.assertRegex(tc.version(), r"^\d+\.\d+\.\d+")

    def test_struct_layouts_match_the_header_versions(self):
        # The _init functions accept exactly the versions this binding declares.
        import ctypes
        for struct, init, version in ((_lib.tc_desk_options, "tc_desk_options_init", _lib.TC_DESK_OPTIONS_VERSION),
                                      (_lib.tc_notifier, "tc_notifier_init", _lib.TC_NOTIFIER_VERSION),
                                      (_lib.tc_clock, "tc_clock_init", _lib.TC_CLOCK_VERSION),
                                      (_lib.tc_event_callback, "tc_event_callback_init",
                                       _lib.TC_EVENT_CALLBACK_VERSION),
                                      (_lib.tc_storage_methods, "tc_storage_methods_init",
                                       _lib.TC_STORAGE_METHODS_VERSION)):
            value = struct()
            getattr(_lib.lib, init)(ctypes.byref(value), version)
            self.assertEqual(value.version, version)
            with self.assertRaises(tc.VersionMismatch):
                getattr(_lib.lib, init)(ctypes.byref(value), version + 1)


if __name__ == "__main__":
    unittest.main()
