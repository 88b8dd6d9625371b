#!/usr/bin/python3
"""Parse many Windows policy files with Samba's parsers in one process.

Usage: /usr/bin/python3 test/helpers/samba_read_batch.py LIST.json
LIST.json holds [[kind, path], ...] with kind pol, inf or csv. Prints one JSON list,
each item what samba_read.py prints for that file, or {"error": "..."} when Samba
could not parse it. Importing Samba takes most of a second, so a whole province's
files go through one process; the readers are samba_read.py's own.
"""

import importlib.util
import json
import os
import sys


def load_samba_read():
    here = os.path.dirname(os.path.abspath(__file__))
    spec = importlib.util.spec_from_file_location("samba_read", os.path.join(here, "samba_read.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: samba_read_batch.py LIST.json\n")
        return 2
    readers = load_samba_read().READERS
    with open(argv[1], "r", encoding="utf-8") as f:
        items = json.load(f)
    out = []
    for kind, path in items:
        with open(path, "rb") as f:
            data = f.read()
        try:
            out.append(readers[kind](data))
        except Exception as e:  # Samba raises assorted types
            out.append({"error": "%s: %s" % (type(e).__name__, e)})
    sys.stdout.buffer.write(json.dumps(out, ensure_ascii=False, sort_keys=True).encode("utf-8") + b"\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
