#!/usr/bin/python3
"""Parse a Windows policy file with Samba's parsers and print what they saw as JSON.

Usage: /usr/bin/python3 test/helpers/samba_read.py pol|inf|csv PATH

Samba's gp_parse modules (Debian package python3-samba) are an independent reader of
the formats attt-kit writes, so a round trip through them shows the files are readable
by code nobody on this project wrote. Run it with /usr/bin/python3: the samba module
lives in the system Python, not in a pyenv or virtualenv one.

Output (stdout, one JSON document):
  pol: {"signature", "version", "num_entries", "entries": [{"key", "value", "type",
        "size", "data"}]}; data is a str (SZ/EXPAND_SZ), int (DWORD, DWORD_BIG_ENDIAN),
        decimal str (QWORD, so JavaScript keeps every bit), list of str (MULTI_SZ),
        lower-case hex str (BINARY), null (NONE: Samba does not keep its data).
  inf: {"sections": {name: [...]}} for every non-empty section except Unicode and
        Version; items are [key, value] (plain ini sections), the raw line
        ([Registry Values]), [key, [sid, ...]] ([Privilege Rights]),
        [name, mode, acl] ([Service General Setting] and similar),
        [[group, member_type], [sid, ...]] ([Group Membership]).
  csv: {"header": [...], "rows": [{column: text}]}
Exit status 1 with a message on stderr when Samba cannot parse the file.
"""

import json
import sys


def read_pol(data):
    from samba.dcerpc import misc
    from samba.gp_parse.gp_pol import GPPolParser

    parser = GPPolParser()
    parser.parse(data)
    entries = []
    for e in parser.pol_file.entries:
        t = e.type
        if t in (misc.REG_SZ, misc.REG_EXPAND_SZ):
            value = e.data
        elif t in (misc.REG_DWORD, misc.REG_DWORD_BIG_ENDIAN):
            value = int(e.data)
        elif t == misc.REG_QWORD:
            value = str(int(e.data))
        elif t == misc.REG_MULTI_SZ:
            raw = bytes(e.data).decode("utf-16-le")
            value = [s for s in raw.split("\x00") if s != ""]
        elif t == misc.REG_NONE:
            value = None
        else:
            value = bytes(e.data).hex()
        entries.append({
            "key": e.keyname,
            "value": e.valuename,
            "type": parser.map_reg_type(t),
            "size": e.size,
            "data": value,
        })
    return {
        "signature": parser.pol_file.header.signature,
        "version": parser.pol_file.header.version,
        "num_entries": parser.pol_file.num_entries,
        "entries": entries,
    }


def read_inf(data):
    from samba.gp_parse.gp_inf import GptTmplInfParser

    parser = GptTmplInfParser()
    parser.parse(data)
    sections = {}
    for name, param in parser.sections.items():
        if name in ("Unicode", "Version") or not param.param_list:
            continue
        items = []
        for item in param.param_list:
            if isinstance(item, tuple):
                items.append([item[0], item[1]])
            else:
                items.append(item)
        sections[name] = items
    return {"sections": sections}


def read_csv(data):
    from samba.gp_parse.gp_csv import GPAuditCsvParser

    parser = GPAuditCsvParser()
    parser.parse(data)
    return {"header": parser.header, "rows": parser.lines}


READERS = {"pol": read_pol, "inf": read_inf, "csv": read_csv}


def main(argv):
    if len(argv) != 3 or argv[1] not in READERS:
        sys.stderr.write("usage: samba_read.py pol|inf|csv PATH\n")
        return 2
    kind, path = argv[1], argv[2]
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        sys.stderr.write("samba_read: cannot read %s: %s\n" % (path, e))
        return 1
    try:
        result = READERS[kind](data)
    except ImportError as e:
        sys.stderr.write("samba_read: samba Python bindings unavailable: %s\n" % e)
        return 1
    except Exception as e:  # Samba raises assorted types (RuntimeError, ValueError, ...)
        sys.stderr.write("samba_read: Samba could not parse %s as %s: %s: %s\n"
                         % (path, kind, type(e).__name__, e))
        return 1
    # Bytes, not text: the output must be UTF-8 whatever locale the caller runs under.
    sys.stdout.buffer.write(json.dumps(result, ensure_ascii=False, sort_keys=True).encode("utf-8") + b"\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
