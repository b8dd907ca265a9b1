"""Checks of the Debian package and the files it installs.

    package_tests.py CHECK

CHECK is one of:
  desktop_metainfo  the desktop entry and the AppStream metainfo validate
  changelog         packaging/changelog parses and starts at project(VERSION);
                    the metainfo's newest <release> says the same
  manpage_options   the man page documents exactly the options of --help
  build_deb         cpack makes socket-workbench_<version>_<arch>.deb into
                    <build>/package-test/ (the fixture of the checks below)
  contents          dpkg-deb -x: the file list, modes, control fields, icons
  lintian           lintian reports no error
  install           as root: apt-get install ./the.deb, run the installed
                    program (--version, a TCP echo exchange), purge, and check
                    that nothing is left

The facts (version, names, directories) come from the JSON file that CMake
writes, $SW_PACKAGE_FACTS. A check that cannot run here (not root, no dpkg,
a tool missing) exits 77, which CTest reports as skipped, after one line that
says why; under CI=true a missing tool is a failure instead, since .ci/dev
installs them all.
"""

import contextlib
import fcntl
import gzip
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import time

SKIP = 77
PACKAGE_TEST_DIR = "package-test"
LOCK_FILE = "/run/lock/socket-workbench-package-test.lock"
# Qt plugins the program loads at run time without linking them: the
# package that ships each one must be among the package's dependencies.
RUNTIME_PLUGINS = (
    "qt6/plugins/platforms/libqxcb.so",
    "qt6/plugins/platforms/libqoffscreen.so",
    "qt6/plugins/iconengines/libqsvgicon.so",
    "qt6/plugins/imageformats/libqsvg.so",
)
# Libraries the program links, whose packages shlibdeps must have found.
LINKED_PACKAGES = ("libc6", "libstdc++6", "libqt6core6", "libqt6network6", "libqt6gui6",
                   "libqt6widgets6", "libqt6charts6")
RECOMMENDS = ("qt6-translations-l10n", "fonts-noto-cjk")
# Files the package may carry besides the ones listed in expected_files():
# data the program reads at run time.
ALLOWED_EXTRA_PREFIXES = ("usr/share/socket-workbench/",)


class Skip(Exception):
    pass


class Failure(Exception):
    pass


def facts():
    path = os.environ.get("SW_PACKAGE_FACTS", "")
    if not path:
        raise Skip("SW_PACKAGE_FACTS is not set (run through ctest)")
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def need_tool(name, package):
    """Path of a tool; a skip (a failure under CI) when it is missing."""
    path = shutil.which(name)
    if path:
        return path
    why = "%s not found (Debian package %s; .ci/dev installs it)" % (name, package)
    if os.environ.get("CI") == "true":
        raise Failure(why)
    raise Skip(why)


def run(args, check=True, env=None, timeout=600, **kw):
    """Runs a command, echoing it; returns the CompletedProcess (text)."""
    print("$ " + " ".join(args), flush=True)
    p = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                       env=env, timeout=timeout, **kw)
    if check and p.returncode != 0:
        raise Failure("%s exited with %d\n--- stdout\n%s\n--- stderr\n%s"
                      % (args[0], p.returncode, p.stdout, p.stderr))
    return p


def expect(condition, message):
    if not condition:
        raise Failure(message)


def package_dir(f):
    return os.path.join(f["build_dir"], PACKAGE_TEST_DIR)


def arch():
    return run(["dpkg", "--print-architecture"]).stdout.strip()


def deb_path(f):
    """The .deb the build_deb fixture made."""
    name = "%s_%s_%s.deb" % (f["name"], f["version"], arch())
    path = os.path.join(package_dir(f), name)
    if not os.path.isfile(path):
        raise Failure("%s is missing: package/build_deb makes it (it failed or did not run)" % path)
    return path


def expected_files(f):
    app_id = f["app_id"]
    files = [
        "usr/bin/socket-workbench",
        "usr/share/applications/%s.desktop" % app_id,
        "usr/share/metainfo/%s.metainfo.xml" % app_id,
        "usr/share/icons/hicolor/scalable/apps/%s.svg" % app_id,
        "usr/share/man/man1/socket-workbench.1.gz",
        "usr/share/doc/%s/copyright" % f["name"],
        "usr/share/doc/%s/changelog.gz" % f["name"],
    ]
    files += ["usr/share/icons/hicolor/%dx%d/apps/%s.png" % (n, n, app_id) for n in f["icon_sizes"]]
    return sorted(files)


def control_fields(deb):
    out = run(["dpkg-deb", "-f", deb]).stdout
    fields = {}
    key = None
    for line in out.splitlines():
        if line.startswith((" ", "\t")) and key:
            fields[key] += "\n" + line
        elif ":" in line:
            key, value = line.split(":", 1)
            fields[key] = value.strip()
    return fields


def relation_names(value):
    """Package names of a Depends-style field (alternatives flattened)."""
    names = set()
    for part in re.split(r"[,|]", value or ""):
        m = re.match(r"\s*([a-z0-9][a-z0-9.+-]*)", part)
        if m:
            names.add(m.group(1))
    return names


def png_size(path):
    with open(path, "rb") as fh:
        head = fh.read(24)
    expect(head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR", "%s is not a PNG" % path)
    return struct.unpack(">II", head[16:24])


# --- Checks without a package -------------------------------------------------

def check_desktop_metainfo(f):
    validate = need_tool("desktop-file-validate", "desktop-file-utils")
    appstream = need_tool("appstreamcli", "appstream")
    desktop = os.path.join(f["source_dir"], "packaging", f["app_id"] + ".desktop")
    metainfo = os.path.join(f["packaging_dir"], f["app_id"] + ".metainfo.xml")
    p = run([validate, desktop], check=False)
    # It prints errors, warnings and hints alike; a clean file prints nothing.
    expect(p.returncode == 0 and not p.stdout.strip() and not p.stderr.strip(),
           "desktop-file-validate:\n" + p.stdout + p.stderr)
    p = run([appstream, "validate", "--no-net", "--explain", metainfo], check=False)
    print(p.stdout + p.stderr)
    expect(p.returncode == 0, "appstreamcli validate failed:\n" + p.stdout + p.stderr)
    # Pedantic notes are fine; warnings are not.
    expect(not re.search(r"^W: ", p.stdout, re.M), "appstreamcli has warnings:\n" + p.stdout)
    with open(desktop, encoding="utf-8") as fh:
        entry = fh.read()
    expect(re.search(r"^Icon=%s$" % re.escape(f["app_id"]), entry, re.M),
           "the desktop entry's Icon= is not the application id (the installed icon's name)")
    expect(re.search(r"^Exec=socket-workbench\b", entry, re.M), "Exec= does not start socket-workbench")
    with open(metainfo, encoding="utf-8") as fh:
        xml = fh.read()
    expect("<launchable type=\"desktop-id\">%s.desktop</launchable>" % f["app_id"] in xml,
           "the metainfo does not launch the desktop entry")
    expect("<url type=\"homepage\">%s</url>" % f["homepage"] in xml, "metainfo homepage differs from CMake's")
    shot = re.search(r"<image>([^<]+)</image>", xml)
    expect(shot and shot.group(1).startswith(f["homepage"] + "/") and
           shot.group(1).endswith("/packaging/screenshots/main-window.png"),
           "the screenshot must be the repository's packaging/screenshots/main-window.png")
    expect(os.path.isfile(os.path.join(f["source_dir"], "packaging", "screenshots", "main-window.png")),
           "packaging/screenshots/main-window.png is missing")


def check_changelog(f):
    parse = need_tool("dpkg-parsechangelog", "dpkg-dev")
    changelog = os.path.join(f["source_dir"], "packaging", "changelog")
    # dpkg's own parser: a format error fails here, not in a release.
    fields = {k: run([parse, "-l", changelog, "-S", k]).stdout.strip()
              for k in ("Source", "Version", "Distribution", "Date")}
    print(fields)
    expect(fields["Source"] == f["name"], "changelog package %r, expected %r" % (fields["Source"], f["name"]))
    expect(fields["Version"] == f["version"],
           "packaging/changelog starts with %s but project(VERSION) is %s" % (fields["Version"], f["version"]))
    date = time.strptime(fields["Date"][:16], "%a, %d %b %Y")
    expect(time.strftime("%Y-%m-%d", date) == f["release_date"],
           "changelog date %s, release date %s" % (fields["Date"], f["release_date"]))
    metainfo = os.path.join(f["packaging_dir"], f["app_id"] + ".metainfo.xml")
    with open(metainfo, encoding="utf-8") as fh:
        xml = fh.read()
    first = re.search(r"<release version=\"([^\"]+)\" date=\"([^\"]+)\"", xml)
    expect(first and first.groups() == (f["version"], f["release_date"]),
           "the metainfo's newest release is %s, expected %s on %s"
           % (first and first.groups(), f["version"], f["release_date"]))
    versions = [v for v in run([parse, "-l", changelog, "--all", "-S", "Version"]).stdout.split()]
    releases = re.findall(r"<release version=\"([^\"]+)\"", xml)
    expect(versions == releases, "changelog versions %s, metainfo releases %s" % (versions, releases))


def help_options(app):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LANG="C.UTF-8", LC_ALL="C.UTF-8")
    env.pop("LANGUAGE", None)
    out = run([app, "--help"], env=env).stdout
    options = set()
    for line in out.splitlines():
        m = re.match(r"^\s+((?:-[A-Za-z0-9?], )*)--([a-z0-9][a-z0-9-]*)", line)
        if m:
            options.add("--" + m.group(2))
            options.update(re.findall(r"-[A-Za-z0-9?]", m.group(1)))
    return options


def man_options(path):
    with open(path, encoding="utf-8") as fh:
        lines = fh.read().splitlines()
    options = set()
    for i, line in enumerate(lines):
        # An option is the tag line after .TP in the OPTIONS section.
        if line.strip() == ".TP" and i + 1 < len(lines):
            tag = lines[i + 1].replace("\\-", "-").replace("\\fB", "").replace("\\fR", "").replace("\\fI", "")
            for opt in re.findall(r"(?<![\w-])(--[a-z0-9][a-z0-9-]*|-[A-Za-z0-9?])(?![\w-])", tag):
                options.add(opt)
    return options


def check_manpage_options(f):
    app = os.environ.get("SW_APP", "")
    expect(app and os.access(app, os.X_OK), "SW_APP=%r is not the built program" % app)
    manpage = os.path.join(f["packaging_dir"], "socket-workbench.1")
    in_help = help_options(app)
    in_man = man_options(manpage)
    print("--help: %s\nman page: %s" % (sorted(in_help), sorted(in_man)))
    expect(len(in_help) > 10, "could not read the options of --help")
    missing = sorted(in_help - in_man)
    extra = sorted(in_man - in_help)
    expect(not missing, "options of --help missing from packaging/socket-workbench.1.in: %s" % missing)
    expect(not extra, "options in packaging/socket-workbench.1.in that --help does not know: %s" % extra)
    man = need_tool("man", "man-db")
    env = dict(os.environ, LC_ALL="C.UTF-8", MANWIDTH="80")
    p = run([man, "--warnings", "-E", "UTF-8", "-l", "-Tutf8", "-Z", manpage], env=env, check=False)
    expect(p.returncode == 0 and not p.stderr.strip(), "the man page has groff warnings:\n" + p.stderr)
    with open(manpage, encoding="utf-8") as fh:
        head = [line for line in fh if line.startswith(".TH ")][0]
    expect(('"socket\\-workbench %s"' % f["version"]) in head and f["release_date"] in head,
           "the man page's .TH line does not name version %s of %s: %s" % (f["version"], f["release_date"], head))


# --- The package ------------------------------------------------------------

def check_build_deb(f):
    need_tool("dpkg-shlibdeps", "dpkg-dev")
    need_tool("dpkg-deb", "dpkg")
    cpack = need_tool("cpack", "cmake")
    out = package_dir(f)
    # A fresh directory each run, so a stale .deb never passes for a new one.
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    run([cpack, "-G", "DEB", "--config", os.path.join(f["build_dir"], "CPackConfig.cmake"), "-B", out],
        cwd=f["build_dir"], timeout=900)
    debs = sorted(n for n in os.listdir(out) if n.endswith(".deb"))
    wanted = "%s_%s_%s.deb" % (f["name"], f["version"], arch())
    expect(debs == [wanted], "cpack made %s, expected [%r]" % (debs, wanted))
    print("built " + os.path.join(out, wanted))


def check_contents(f):
    need_tool("dpkg-deb", "dpkg")
    deb = deb_path(f)
    fields = control_fields(deb)
    print("\n".join("%s: %s" % kv for kv in fields.items()))
    expect(fields.get("Package") == f["name"], "Package: %r" % fields.get("Package"))
    expect(fields.get("Version") == f["version"], "Version: %r, project(VERSION) %s" % (fields.get("Version"), f["version"]))
    expect(fields.get("Architecture") == arch(), "Architecture: %r" % fields.get("Architecture"))
    expect(fields.get("Homepage") == f["homepage"], "Homepage: %r" % fields.get("Homepage"))
    expect(fields.get("Section") == "net" and fields.get("Priority") == "optional", "Section/Priority")
    expect(re.match(r"^[^<>]+ <[^@\s]+@[^>\s]+>$", fields.get("Maintainer", "")), "Maintainer: %r" % fields.get("Maintainer"))
    expect("\n" in fields.get("Description", ""), "the Description has no extended part")
    depends = relation_names(fields.get("Depends"))
    recommends = relation_names(fields.get("Recommends"))
    missing = [p for p in LINKED_PACKAGES if p not in depends]
    expect(not missing, "Depends (from shlibdeps) lacks %s: %s" % (missing, fields.get("Depends")))
    missing = [p for p in RECOMMENDS if p not in recommends]
    expect(not missing, "Recommends lacks %s: %s" % (missing, fields.get("Recommends")))
    # Shlibdeps gives versioned dependencies; a hand-written list would not.
    expect(re.search(r"libqt6core6 \(>= [^)]+\)", fields.get("Depends", "")),
           "Depends is not from shlibdeps (no versioned libqt6core6)")

    # Plugins Qt loads without linking come from a package the .deb depends on.
    for plugin in RUNTIME_PLUGINS:
        p = run(["dpkg-query", "-S", "*/" + plugin], check=False)
        owners = set()
        for line in p.stdout.splitlines():
            pkgs, _, path = line.partition(": ")
            if path.endswith(plugin):
                owners.update(x.strip().split(":")[0] for x in pkgs.split(","))
        if not owners:
            print("note: %s is not installed here; not checked" % plugin)
            continue
        expect(owners & depends, "%s comes from %s, which is not in Depends: %s"
               % (plugin, sorted(owners), fields.get("Depends")))

    listing = run(["dpkg-deb", "-c", deb]).stdout.splitlines()
    for line in listing:
        mode, owner = line.split()[:2]
        expect(owner == "root/root", "not owned by root: " + line)
        path = line.split()[-1]
        if mode.startswith("d"):
            expect(mode == "drwxr-xr-x", "directory mode: " + line)
        elif path.endswith("/usr/bin/socket-workbench"):
            expect(mode == "-rwxr-xr-x", "program mode: " + line)
        else:
            expect(mode == "-rw-r--r--", "file mode: " + line)

    root = tempfile.mkdtemp(prefix="sw-deb-")
    try:
        run(["dpkg-deb", "-x", deb, root])
        found = []
        for base, _, names in os.walk(root):
            for n in names:
                found.append(os.path.relpath(os.path.join(base, n), root))
        found.sort()
        print("files:\n  " + "\n  ".join(found))
        wanted = expected_files(f)
        missing = [p for p in wanted if p not in found]
        expect(not missing, "missing from the package: %s" % missing)
        extra = [p for p in found if p not in wanted and not p.startswith(ALLOWED_EXTRA_PREFIXES)]
        expect(not extra, "unexpected files in the package: %s" % extra)

        binary = os.path.join(root, "usr/bin/socket-workbench")
        desc = run(["file", "-b", binary]).stdout
        expect("ELF" in desc and ", stripped" in desc, "the program is not a stripped ELF file: " + desc)

        for n in f["icon_sizes"]:
            png = os.path.join(root, "usr/share/icons/hicolor/%dx%d/apps/%s.png" % (n, n, f["app_id"]))
            expect(png_size(png) == (n, n), "%s is %s, not %dx%d" % (png, png_size(png), n, n))

        for gz in ("usr/share/doc/%s/changelog.gz" % f["name"], "usr/share/man/man1/socket-workbench.1.gz"):
            with open(os.path.join(root, gz), "rb") as fh:
                head = fh.read(10)
            # Reproducible: no file name (flag 0x08) and no time stamp.
            expect(head[:2] == b"\x1f\x8b" and not head[3] & 0x08 and head[4:8] == b"\0\0\0\0",
                   "%s is not gzip -n output" % gz)
        with gzip.open(os.path.join(root, "usr/share/doc/%s/changelog.gz" % f["name"]), "rt") as fh:
            top = fh.readline()
        expect(top.startswith("%s (%s) " % (f["name"], f["version"])), "changelog.gz starts with %r" % top)
        with open(os.path.join(root, "usr/share/doc/%s/copyright" % f["name"]), encoding="utf-8") as fh:
            copyright_text = fh.read()
        expect(copyright_text.startswith("Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"),
               "copyright is not DEP-5")
        expect("License: Expat" in copyright_text and "Permission is hereby granted" in copyright_text,
               "copyright lacks the MIT (Expat) licence text")

        if shutil.which("desktop-file-validate"):
            p = run(["desktop-file-validate",
                     os.path.join(root, "usr/share/applications/%s.desktop" % f["app_id"])], check=False)
            expect(p.returncode == 0 and not p.stdout.strip(), "desktop-file-validate:\n" + p.stdout + p.stderr)
        if shutil.which("appstreamcli"):
            p = run(["appstreamcli", "validate", "--no-net",
                     os.path.join(root, "usr/share/metainfo/%s.metainfo.xml" % f["app_id"])], check=False)
            expect(p.returncode == 0, "appstreamcli validate:\n" + p.stdout + p.stderr)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def check_lintian(f):
    lintian = need_tool("lintian", "lintian")
    deb = deb_path(f)
    p = run([lintian, "--display-info", "--pedantic", "--tag-display-limit", "0", "--fail-on", "error", deb],
            check=False, timeout=900)
    print(p.stdout)
    if p.stderr.strip():
        print(p.stderr, file=sys.stderr)
    errors = [line for line in p.stdout.splitlines() if line.startswith("E: ")]
    expect(not errors and p.returncode == 0,
           "lintian reports errors (exit %d):\n%s" % (p.returncode, "\n".join(errors)))


# --- Installed into this machine --------------------------------------------

def dpkg_status(name):
    """(status, version) of a package; ('', '') when dpkg does not know it."""
    p = run(["dpkg-query", "-W", "-f=${db:Status-Abbrev}|${Status}|${Version}", name], check=False)
    if p.returncode != 0 or "|" not in p.stdout:
        return "", ""
    abbrev, status, version = p.stdout.split("|", 2)
    return status.strip(), version.strip()


def is_installed(name):
    status, _ = dpkg_status(name)
    # "not-installed" and "config-files" have nothing of ours on disk but
    # configuration; purge those too.
    return status != "" and not status.endswith(" not-installed")


def apt_env():
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    return env


def apt_get():
    return ["apt-get", "-q", "-y", "-o", "Dpkg::Use-Pty=0", "-o", "DPkg::Lock::Timeout=300"]


def purge(name):
    if shutil.which("apt-get"):
        p = run(apt_get() + ["purge", name], env=apt_env())
    else:
        p = run(["dpkg", "--purge", name])
    print(p.stdout)


@contextlib.contextmanager
def machine_lock():
    """One package test at a time on this machine (other build directories too)."""
    os.makedirs(os.path.dirname(LOCK_FILE), exist_ok=True)
    with open(LOCK_FILE, "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        yield


def exchange_with(app_path):
    """A TCP echo exchange with the program at app_path, headless."""
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e"))
    os.environ["SW_APP"] = app_path
    import swtest  # noqa: E402 (needs the path above)

    app = swtest.App(["--tcp-server", "127.0.0.1:0", "--reply", "echo"])
    try:
        host, port = app.wait_listening("tcp-server")
        expect(host == "127.0.0.1" and port != 0, "listening on %s:%d" % (host, port))
        message = "hello from the installed package, 你好".encode("utf-8")
        with swtest.tcp_connect("127.0.0.1", port) as c:
            c.sendall(message)
            echoed = swtest.recv_exact(c, len(message))
        expect(echoed == message, "echo returned %r" % echoed)
        app.wait_log(lambda e: e["event"] == "data" and e.get("direction") == "out", what="the echo")
        rc = app.stop()
        expect(rc == 0, "exit status %s after SIGTERM\n%s" % (rc, app.describe()))
        events = app.read_log()
        got = b"".join(swtest.payload(e) for e in events if e["event"] == "data" and e.get("direction") == "in")
        expect(got == message, "the log recorded %r" % got)
        print("echo exchange on 127.0.0.1:%d ok; %d events logged" % (port, len(events)))
    except Exception:
        print(app.describe(), file=sys.stderr)
        raise
    finally:
        app.kill()
        shutil.rmtree(app.workdir, ignore_errors=True)


def check_install(f):
    if os.geteuid() != 0:
        raise Skip("installing a package needs root (CI runs this as root)")
    for tool in ("dpkg", "dpkg-query", "dpkg-deb"):
        if not shutil.which(tool):
            raise Skip("%s not found: not a Debian system" % tool)
    name = f["name"]
    deb = deb_path(f)
    program = "/usr/bin/socket-workbench"
    file_list = [line.split()[-1].lstrip(".") for line in run(["dpkg-deb", "-c", deb]).stdout.splitlines()
                 if not line.startswith("d")]

    with machine_lock():
        if is_installed(name):
            print("%s %s is installed already: purging it first" % (name, dpkg_status(name)[1]))
            purge(name)
        if os.path.exists(program):
            owner = run(["dpkg-query", "-S", program], check=False)
            raise Skip("%s exists and belongs to no package (%s): not overwriting it"
                       % (program, owner.stderr.strip() or owner.stdout.strip()))
        try:
            if shutil.which("apt-get"):
                # Dependencies are installed by .ci/dev already, so this needs
                # no network; apt would fetch any that were missing.
                p = run(apt_get() + ["--no-install-recommends", "install", os.path.abspath(deb)],
                        env=apt_env(), timeout=900)
            else:
                p = run(["dpkg", "-i", deb], timeout=900)
            print(p.stdout)
            status, version = dpkg_status(name)
            expect(status == "install ok installed" and version == f["version"],
                   "after installing: %r %r" % (status, version))
            for path in file_list:
                expect(os.path.isfile(path), "installed, but %s is missing" % path)

            env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LC_ALL="C.UTF-8")
            p = run([program, "--version"], env=env)
            expect(p.stdout.strip() == "socket-workbench %s" % f["version"],
                   "--version printed %r, expected the project version %s" % (p.stdout, f["version"]))
            print(p.stdout.strip())
            p = run([program, "--help"], env=env)
            expect("--tcp-server" in p.stdout, "--help of the installed program")
            p = run(["man", "-w", "socket-workbench"], check=False) if shutil.which("man") else None
            if p is not None:
                expect(p.returncode == 0 and p.stdout.strip().endswith("socket-workbench.1.gz"),
                       "man does not find the installed page: " + p.stdout + p.stderr)

            exchange_with(program)
        finally:
            if is_installed(name):
                purge(name)

        status, _ = dpkg_status(name)
        expect(not is_installed(name), "still known to dpkg after purge: %r" % status)
        left = [path for path in file_list if os.path.lexists(path)]
        expect(not left, "left behind after purge: %s" % left)
        expect(not os.path.exists("/usr/share/doc/" + name), "/usr/share/doc/%s is left behind" % name)
        print("installed, ran and purged cleanly")


CHECKS = {
    "desktop_metainfo": check_desktop_metainfo,
    "changelog": check_changelog,
    "manpage_options": check_manpage_options,
    "build_deb": check_build_deb,
    "contents": check_contents,
    "lintian": check_lintian,
    "install": check_install,
}


# The checks of the .deb itself, which $SW_PACKAGE_SKIP turns off.
PACKAGE_CHECKS = ("build_deb", "contents", "lintian", "install")


def main():
    if len(sys.argv) != 2 or sys.argv[1] not in CHECKS:
        print("usage: package_tests.py {%s}" % ",".join(CHECKS), file=sys.stderr)
        return 2
    try:
        if os.environ.get("SW_PACKAGE_SKIP") and sys.argv[1] in PACKAGE_CHECKS:
            raise Skip(os.environ["SW_PACKAGE_SKIP"])
        CHECKS[sys.argv[1]](facts())
    except Skip as e:
        print("SKIP: %s" % e, flush=True)
        return SKIP
    except Failure as e:
        print("FAIL: %s" % e, file=sys.stderr, flush=True)
        return 1
    print("PASS: " + sys.argv[1])
    return 0


if __name__ == "__main__":
    sys.exit(main())
