#!/usr/bin/env python3
"""The translations are complete and match the sources.

Runs lupdate from the sources into a temporary copy of every .ts file, with
the sources and options the update_translations target uses (written by
src/app/CMakeLists.txt into <build>/translations/check.json), and fails when:

- the committed .ts differs from what lupdate makes of it (a string was
  added, changed or removed in the code and the .ts was not updated);
- any message is unfinished (a new string without translation), vanished or
  obsolete;
- lupdate warns (a tr() it cannot attribute to a context is lost);
- a translation drops or adds a placeholder (%1, %n) or a keyboard
  accelerator (&) of its source.

Usage: check_translations.py <build>/translations/check.json
"""

import difflib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

PLACEHOLDER = re.compile(r"%L?(?:\d+|n)")
# A mnemonic "&x", not an escaped "&&" and not an HTML entity such as "&lt;".
ACCELERATOR = re.compile(r"(?<!&)&(?!&|\s|#?\w+;)")
MAX_DIFF_LINES = 60
MAX_LISTED = 40


def messages(path):
    """(context, source, translation element, forms) of every message; forms
    are the numerus forms of a %n message, else the one translation."""
    root = ET.parse(path).getroot()
    for context in root.iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            source = message.findtext("source", "")
            translation = message.find("translation")
            forms = []
            if translation is not None:
                numerus = translation.findall("numerusform")
                forms = [f.text or "" for f in numerus] if numerus else [translation.text or ""]
            yield name, source, translation, forms


def shorten(text, width=100):
    text = text.replace("\n", "\\n")
    return text if len(text) <= width else text[: width - 1] + "…"


def placeholders(text):
    # %n and %Ln are the same number; %1 and %L1 the same argument.
    return sorted(set(p.replace("%L", "%") for p in PLACEHOLDER.findall(text)))


def has_accelerator(text):
    return "<" not in text and ACCELERATOR.search(text) is not None


def check_file(ts, lupdate, sources, tmp):
    path = ts["file"]
    name = os.path.basename(path)
    problems = []
    if not os.path.exists(path):
        return ["%s: missing" % path]

    copy = os.path.join(tmp, name)
    shutil.copyfile(path, copy)
    command = [lupdate, *ts["options"], "@" + sources, "-ts", copy]
    run = subprocess.run(command, capture_output=True, text=True)
    warnings = [line for line in (run.stdout + run.stderr).splitlines()
                if line.strip() and "TS files from command line" not in line]
    if run.returncode != 0:
        problems.append("%s: lupdate failed (exit %d):\n    %s"
                        % (name, run.returncode, "\n    ".join(warnings)))
        return problems
    if warnings:
        problems.append("%s: lupdate warns (strings it cannot attribute are not translated):\n    %s"
                        % (name, "\n    ".join(warnings)))

    with open(path, encoding="utf-8") as f:
        committed = f.read().splitlines()
    with open(copy, encoding="utf-8") as f:
        updated = f.read().splitlines()
    if committed != updated:
        diff = list(difflib.unified_diff(committed, updated, "committed/" + name, "lupdate/" + name,
                                         lineterm="", n=1))
        shown = diff[:MAX_DIFF_LINES]
        if len(diff) > MAX_DIFF_LINES:
            shown.append("… %d more diff lines" % (len(diff) - MAX_DIFF_LINES))
        problems.append("%s differs from what lupdate makes of the sources:\n    %s"
                        % (name, "\n    ".join(shown)))

    # States: the committed file may hold vanished/obsolete entries; the
    # updated copy shows strings that are new in the code (unfinished).
    listed = {"unfinished": [], "vanished": [], "obsolete": [], "empty": [], "placeholders": [],
              "accelerator": []}
    seen = set()
    for source_file in (path, copy):
        for context, source, translation, forms in messages(source_file):
            key = (context, source)
            state = translation.get("type") if translation is not None else "unfinished"
            if state in ("unfinished", "vanished", "obsolete"):
                if (state, key) not in seen:
                    seen.add((state, key))
                    listed[state].append(key)
                continue
            if source_file != copy or (("ok", key) in seen):
                continue
            seen.add(("ok", key))
            if not forms or any(not f.strip() for f in forms):
                listed["empty"].append(key)
                continue
            # %n may be left out of a numerus form ("one session"); every
            # other placeholder must stay, and none may be invented.
            source_places = placeholders(source)
            want = [p for p in source_places if p != "%n"]
            for form in forms:
                got = placeholders(form)
                if [p for p in got if p != "%n"] != want or ("%n" in got and "%n" not in source_places):
                    listed["placeholders"].append((context, "%s  →  %s" % (source, form)))
                    break
            if has_accelerator(source) != any(has_accelerator(f) for f in forms):
                listed["accelerator"].append((context, "%s  →  %s" % (source, forms[0])))

    titles = {
        "unfinished": "unfinished (no translation yet)",
        "vanished": "vanished (no longer in the sources)",
        "obsolete": "obsolete",
        "empty": "finished but empty",
        "placeholders": "placeholders (%1, %n) differ from the source",
        "accelerator": "keyboard accelerator (&) missing or added",
    }
    for state, keys in listed.items():
        if not keys:
            continue
        lines = ["[%s] %s" % (context, shorten(source)) for context, source in keys[:MAX_LISTED]]
        if len(keys) > MAX_LISTED:
            lines.append("… and %d more" % (len(keys) - MAX_LISTED))
        problems.append("%s: %d message(s) %s:\n    %s"
                        % (name, len(keys), titles[state], "\n    ".join(lines)))
    return problems


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding="utf-8") as f:
        config = json.load(f)
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        for ts in config["ts"]:
            problems += check_file(ts, config["lupdate"], config["sources"], tmp)
    files = ", ".join(os.path.basename(ts["file"]) for ts in config["ts"])
    if not problems:
        print("translations up to date and complete: %s" % files)
        return 0
    for problem in problems:
        print("FAIL: " + problem + "\n")
    print("How to fix:\n"
          "  1. cmake --build %s --target update_translations\n"
          "     (runs lupdate %s on the sources into resources/translations/*.ts)\n"
          "  2. translate every unfinished message, e.g. with\n"
          "     /usr/lib/qt6/bin/linguist resources/translations/socket-workbench_zh_CN.ts\n"
          "     (the English file only needs the singular and plural forms of %%n strings),\n"
          "     keeping %%1, %%n, & accelerators, HTML and code as they are;\n"
          "  3. commit the .ts files and run this test again."
          % (config["build_dir"], " ".join(config["ts"][0]["options"])))
    return 1


if __name__ == "__main__":
    sys.exit(main())
