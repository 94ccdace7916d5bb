"""CTest python_pip_install: proves the binding installs offline.

    python3 install_check.py <bindings/python> <libticketcore_c> <scratch dir>

1. `pip install --no-deps --no-build-isolation --no-index --target T1 <src>`,
   then imports the installed copy from T1 (outside the source tree) with
   TICKETCORE_LIBRARY set and runs a small scenario.
2. The same with build isolation (nothing to fetch: the in-tree backend
   needs no package) and TICKETCORE_BUNDLE_LIBRARY, so the library travels in
   the package directory and is found there with TICKETCORE_LIBRARY unset.

Exits 77 (CTest's skip code here) when this interpreter has no pip.
"""

import os
import shutil
import subprocess
import sys
from typing import List, Mapping, Optional

SMOKE = r"""
import os, sys, ticketcore as tc
assert os.path.dirname(tc.__file__).startswith(sys.argv[1]), tc.__file__
cfg = {"contacts": [{"id": "ann", "name": "Ann", "email": "ann@example.com"}],
       "teammates": [{"id": "tom", "name": "Tom"}],
       "ticket_types": [{"id": "bug_report", "name": "Bug report", "category": "customer"}]}
with tc.Desk(cfg, actor=tc.teammate("tom")) as desk:
    c = desk.create_conversation("ann", "Export does nothing")
    t = desk.convert_conversation(c, type="bug_report", title="Export fails")
    assert desk.ticket(t["number"], as_contact="ann")["stage"]["index"] == 1
print(tc.__file__, tc.library_path())
"""


def pip(*args: str, env: Optional[Mapping[str, str]] = None) -> None:
    command = [sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "--disable-pip-version-check",
               "--no-cache-dir", "--quiet", "--root-user-action=ignore", *args]
    print("+", " ".join(command), flush=True)
    subprocess.run(command, check=True, env=env)


def smoke(target: str, env: Mapping[str, str]) -> List[str]:
    env = dict(env, PYTHONPATH=target, PYTHONNOUSERSITE="1")
    r = subprocess.run([sys.executable, "-c", SMOKE, target], env=env, cwd=target,
                       capture_output=True, text=True)
    sys.stdout.write(r.stdout)
    sys.stderr.write(r.stderr)
    if r.returncode != 0:
        sys.exit(f"the installed package failed in {target}")
    return r.stdout.split()


def main() -> int:
    source, library, scratch = (os.path.abspath(a) for a in sys.argv[1:4])
    if subprocess.run([sys.executable, "-m", "pip", "--version"], capture_output=True).returncode != 0:
        print(f"SKIP: {sys.executable} has no pip")
        return 77
    shutil.rmtree(scratch, ignore_errors=True)
    os.makedirs(scratch)
    base = {k: v for k, v in os.environ.items() if k not in ("TICKETCORE_LIBRARY", "PYTHONPATH")}
    # The first install builds from the source folder itself (as a user
    # would); the second from a copy without the tests.
    src = os.path.join(scratch, "src")
    shutil.copytree(source, src, ignore=shutil.ignore_patterns("__pycache__", "tests", "*.so*"))

    plain = os.path.join(scratch, "plain")
    pip("--no-build-isolation", "--target", plain, source, env=base)
    module, found = smoke(plain, dict(base, TICKETCORE_LIBRARY=library))
    assert found == library, (found, library)

    bundled = os.path.join(scratch, "bundled")
    pip("--target", bundled, src, env=dict(base, TICKETCORE_BUNDLE_LIBRARY=library))
    module, found = smoke(bundled, base)
    assert found == os.path.join(bundled, "ticketcore", "libticketcore_c.so"), found
    print("pip install offline: ok (plain, and with the library bundled)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
