#!/usr/bin/env python3
"""Generates the canonical-JSON golden files of pnyx (run once; the tests do not need Python).

For every case NAME this writes:
  NAME.input.json      the value as loose JSON: ASCII only (every non-ASCII character as \\u escapes,
                       astral characters as surrogate pairs), indented, keys in reverse order;
  NAME.canonical.json  the canonical bytes, i.e. exactly
                       json.dumps(v, ensure_ascii=False, allow_nan=False, separators=(',', ':'),
                                  sort_keys=True).encode('utf-8')
                       which is what canonicaljson.encode_canonical_json (2.x) returns;
and manifest.json lists every case with the SHA-256 (hex) of its canonical bytes.

Usage: python3 test/golden/json/generate.py   (from the repository root)
"""

import hashlib
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def canonical(v):
    return json.dumps(v, ensure_ascii=False, allow_nan=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


def reverse_keys(v):
    """The same value with every object's keys inserted in reverse code-point order."""
    if isinstance(v, dict):
        return {k: reverse_keys(v[k]) for k in sorted(v, reverse=True)}
    if isinstance(v, list):
        return [reverse_keys(x) for x in v]
    return v


def nested(depth):
    v = {"leaf": [1, "x", None]}
    for i in range(depth - 2):
        v = [v] if i % 2 else {"k": v}
    return v


CONTROL = "".join(chr(c) for c in range(0x20))

CASES = {
    "scalars": [None, True, False, 0, 1, -1, "", "x"],
    "empty-containers": {"a": {}, "b": [], "c": [[]], "d": [{}], "e": {"f": {}}, "": ""},
    "integers": {
        "zero": 0,
        "max_safe": 2**53 - 1,
        "min_safe": -(2**53 - 1),
        "two_53": 2**53,
        "minus_two_53_minus_1": -(2**53) - 1,
        "two_64": 2**64,
        "minus_two_64": -(2**64),
        "two_2048_minus_1": 2**2048 - 1,
        "minus_two_2048_plus_12345": -(2**2048) + 12345,
        "p_3072ish": 2**3072 - 1103717,
        "digits_4300": 10**4299,
    },
    "escapes": {
        "quote": '"',
        "backslash": "\\",
        "slash": "/",
        "short": "\b\f\n\r\t",
        "controls": CONTROL,
        "del_and_c1": "\x7f\x80\x9f",
        "mixed": 'a"b\\c\nd\u0000e\u001ff',
        "backslash_u": "\\u0041",
    },
    "unicode-strings": {
        "latin": "é à ü ß",
        "cjk": "選挙 투표",
        "line_separators": "\u2028\u2029",
        "bom_and_nonchars": "\ufeff\ufffe\uffff",
        "private_use": "\ue000\uf8ff",
        "astral": "\U00010000\U0010ffff",
        "emoji": "😀🗳️👩‍👩‍👧🇧🇪",
        "combining": "e\u0301",
        "rtl": "\u05e9\u05dc\u05d5\u05dd",
    },
    # Key order: by code point, so U+10000 and emoji (surrogate pairs in UTF-16) sort AFTER U+E000..U+FFFF.
    "unicode-keys": {
        k: i
        for i, k in enumerate(
            [
                "",
                "A",
                "Z",
                "_",
                "a",
                "aa",
                "a\u0000",
                "b",
                "~",
                "\x7f",
                "é",
                "\u2028",
                "\ud7ff",
                "\ue000",
                "\uf8ff",
                "\ufeff",
                "\uffff",
                "\U00010000",
                "😀",
                "😀a",
                "\U0010ffff",
                "\n",
                '"',
                "\\",
            ]
        )
    },
    "nested": {
        "ballot": {
            "ballotId": "b-42",
            "ct": [{"a": 2**255 - 19, "b": 7}, {"a": 1, "b": 2**127}],
            "proof": {"c": [0, 1], "f": [2**200, -5], "commit": [[1, 2], [3, 4]]},
            "meta": {"ok": True, "none": None, "list": [[], {}, [[{}]]]},
        },
        "z": [{"y": [{"x": "deep"}]}],
    },
    "deep-64": nested(64),
    "array-of-mixed": [0, -0, 1, "1", [1], {"1": 1}, None, True, False, "", [], {}],
}


def main():
    manifest = []
    for name, value in CASES.items():
        data = canonical(value)
        loose = json.dumps(reverse_keys(value), ensure_ascii=True, indent=2)
        with open(os.path.join(HERE, name + ".input.json"), "w", encoding="ascii", newline="\n") as f:
            f.write(loose + "\n")
        with open(os.path.join(HERE, name + ".canonical.json"), "wb") as f:
            f.write(data)
        manifest.append({"name": name, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)})
    with open(os.path.join(HERE, "manifest.json"), "w", encoding="utf-8", newline="\n") as f:
        f.write(json.dumps(manifest, indent=2) + "\n")


if __name__ == "__main__":
    main()
