"""A PEP 517 build backend for the ticketcore binding, standard library only.

The binding is pure Python, so a wheel is a zip of the package and three
metadata files: no setuptools, no `wheel` package, no network. Hooks:
build_wheel, build_sdist, build_editable (PEP 660) and their
get_requires_* (nothing is required).

TICKETCORE_BUNDLE_LIBRARY=/path/to/libticketcore_c.so at build time copies
that library into the package directory of the wheel (where the binding
looks for it second, after TICKETCORE_LIBRARY), and tags the wheel for this
platform instead of py3-none-any.
"""

import base64
import hashlib
import io
import os
import re
import sys
import sysconfig
import tarfile
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUNDLE_VAR = "TICKETCORE_BUNDLE_LIBRARY"


def _project():
    path = os.path.join(ROOT, "pyproject.toml")
    with open(path, "rb") as f:
        data = f.read()
    try:
        import tomllib
        project = tomllib.loads(data.decode("utf-8"))["project"]
    except ImportError:  # Python < 3.11: the few plain keys this backend reads
        text = data.decode("utf-8").split("[project]", 1)[1].split("\n[", 1)[0]
        project = dict(re.findall(r'^(name|version|description|readme|requires-python)\s*=\s*"([^"]*)"', text, re.M))
    return project


def _name_version():
    p = _project()
    return p["name"], p["version"]


def _metadata():
    p = _project()
    lines = ["Metadata-Version: 2.1", f"Name: {p['name']}", f"Version: {p['version']}"]
    if p.get("description"):
        lines.append(f"Summary: {p['description']}")
    if p.get("requires-python"):
        lines.append(f"Requires-Python: {p['requires-python']}")
    lines.append("License: MIT")
    for c in p.get("classifiers", []) if isinstance(p.get("classifiers"), list) else []:
        lines.append(f"Classifier: {c}")
    readme = os.path.join(ROOT, p.get("readme") or "README.md")
    body = ""
    if os.path.exists(readme):
        lines.append("Description-Content-Type: text/markdown")
        with open(readme, encoding="utf-8") as f:
            body = f.read()
    return "\n".join(lines) + "\n\n" + body


def _package_files():
    """(path in the wheel, path on disk) of every .py file of the package."""
    package = os.path.join(ROOT, "ticketcore")
    files = []
    for directory, dirs, names in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(names):
            if name.endswith(".py") or name == "py.typed":
                disk = os.path.join(directory, name)
                files.append((os.path.relpath(disk, ROOT).replace(os.sep, "/"), disk))
    return files


def _platform_tag():
    return re.sub(r"[^A-Za-z0-9]", "_", sysconfig.get_platform())


class _Wheel:
    def __init__(self, path, dist_info):
        self.zip = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED)
        self.dist_info = dist_info
        self.record = []

    def add(self, arcname, data, mode=0o644):
        info = zipfile.ZipInfo(arcname, date_time=(2020, 1, 1, 0, 0, 0))
        info.external_attr = (0o100000 | mode) << 16
        info.compress_type = zipfile.ZIP_DEFLATED
        self.zip.writestr(info, data)
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        self.record.append(f"{arcname},sha256={digest},{len(data)}")

    def close(self, tag):
        self.add(f"{self.dist_info}/METADATA", _metadata().encode("utf-8"))
        wheel = f"Wheel-Version: 1.0\nGenerator: ticketcore_build\nRoot-Is-Purelib: {'true' if tag.endswith('any') else 'false'}\nTag: {tag}\n"
        self.add(f"{self.dist_info}/WHEEL", wheel.encode())
        self.add(f"{self.dist_info}/top_level.txt", b"ticketcore\n")
        record = "\n".join(self.record + [f"{self.dist_info}/RECORD,,"]) + "\n"
        self.zip.writestr(zipfile.ZipInfo(f"{self.dist_info}/RECORD", date_time=(2020, 1, 1, 0, 0, 0)), record)
        self.zip.close()


def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def get_requires_for_build_editable(config_settings=None):
    return []


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    name, version = _name_version()
    bundle = os.environ.get(BUNDLE_VAR)
    tag = f"py3-none-{_platform_tag()}" if bundle else "py3-none-any"
    filename = f"{name}-{version}-{tag}.whl"
    wheel = _Wheel(os.path.join(wheel_directory, filename), f"{name}-{version}.dist-info")
    for arcname, disk in _package_files():
        with open(disk, "rb") as f:
            wheel.add(arcname, f.read())
    if bundle:
        if not os.path.isfile(bundle):
            raise FileNotFoundError(f"{BUNDLE_VAR}={bundle!r} is not a file")
        target = "ticketcore/" + ("libticketcore_c.dylib" if sys.platform == "darwin" else
                                  "ticketcore_c.dll" if sys.platform == "win32" else "libticketcore_c.so")
        with open(bundle, "rb") as f:
            wheel.add(target, f.read(), 0o755)
    wheel.close(tag)
    return filename


def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    name, version = _name_version()
    filename = f"{name}-{version}-py3-none-any.whl"
    wheel = _Wheel(os.path.join(wheel_directory, filename), f"{name}-{version}.dist-info")
    wheel.add(f"_{name}_editable.pth", (ROOT + "\n").encode("utf-8"))
    wheel.close("py3-none-any")
    return filename


def build_sdist(sdist_directory, config_settings=None):
    name, version = _name_version()
    base = f"{name}-{version}"
    filename = base + ".tar.gz"
    with tarfile.open(os.path.join(sdist_directory, filename), "w:gz", format=tarfile.PAX_FORMAT) as tar:
        files = [("pyproject.toml", os.path.join(ROOT, "pyproject.toml")),
                 ("README.md", os.path.join(ROOT, "README.md")),
                 ("_build/ticketcore_build.py", os.path.abspath(__file__))]
        files += _package_files()
        for arcname, disk in files:
            if os.path.exists(disk):
                tar.add(disk, arcname=f"{base}/{arcname}")
        info = tarfile.TarInfo(f"{base}/PKG-INFO")
        data = _metadata().encode("utf-8")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    return filename
