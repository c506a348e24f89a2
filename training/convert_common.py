"""What every converter of ../shared/data shares: reading the corpora, building training examples in the format
train.py --distilled reads (distill.py's: tools, messages, spans, golds, missing), counting what is kept and dropped.

An example: {"tools": [OpenAI tools], "messages": [...], "spans": {key: [message, byte start, byte end]},
"golds": [{"tool_index": i, "args": [[path, label]]}], "missing": [[tool_index, path]], "kind", "lang", "source"}
with labels ["span", key] | ["option", i] | ["bool", b]. A call with required slots absent is a gold call plus
`missing` (the "ask for it" verdict); no golds at all is no call. "alt" ({key: [texts]}) lists other surface forms
of a span's value, accepted by the held-out answers (heldout_real.py).
"""
import collections
import gzip
import json
import os
import re

DATA = os.environ.get(
    "EDGE_DATA", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "data")
)
MAX_BYTES = 480  # conversation bytes kept (the reader's window is 512 ids: CLS + a role id per message + bytes)
MAX_TOOLS = 6


def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def read_jsonl(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def byte_span(text, start, end):
    """Character offsets (end exclusive) -> UTF-8 byte offsets."""
    return len(text[:start].encode("utf-8")), len(text[:end].encode("utf-8"))


def find_last(text, value):
    """Character offset of the last occurrence of value in text (exact, else case-insensitive, on word edges
    where the value starts or ends with an ASCII letter or digit: Chinese text has no spaces), or -1."""
    if not value:
        return -1
    for flags in (0, re.I):
        edge = lambda ch: ch.isascii() and ch.isalnum()
        pat = (
            (r"(?<![A-Za-z0-9])" if edge(value[0]) else "")
            + re.escape(value)
            + (r"(?![A-Za-z0-9])" if edge(value[-1]) else "")
        )
        hits = list(re.finditer(pat, text, flags))
        if hits:
            return hits[-1].start()
    return -1


def words_of(identifier):
    """'departure_date' / 'DepartureDate' -> 'departure date'."""
    s = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", identifier)
    return re.sub(r"[_\-\s]+", " ", s).strip().lower()


def snake(identifier):
    return words_of(identifier).replace(" ", "_")


def camel(identifier):
    parts = words_of(identifier).split()
    return parts[0] + "".join(p.capitalize() for p in parts[1:]) if parts else identifier


def tool(name, description, params):
    """params: [(name, schema dict, required bool)] -> an OpenAI tool."""
    return {
        "type": "function",
        "function": {
            "name": name,
            "description": description,
            "parameters": {
                "type": "object",
                "properties": {n: s for n, s, _ in params},
                "required": [n for n, _, r in params if r],
            },
        },
    }


def fit_window(messages, needed, extra, max_bytes=MAX_BYTES):
    """First message index to keep: the earliest needed message and up to `extra` more before it, within max_bytes
    (the last message always kept); None when the needed messages do not fit."""
    last = len(messages) - 1
    first = min([last] + list(needed))
    size = lambda a: sum(len(m["content"].encode("utf-8")) + 1 for m in messages[a:])
    if size(first) > max_bytes:
        return None
    while extra > 0 and first > 0 and size(first - 1) <= max_bytes:
        first -= 1
        extra -= 1
    return first


class Counts:
    """Yielded examples by kind and dropped candidates by reason, printed as one JSON line per source."""

    def __init__(self, source):
        self.source, self.kept, self.dropped = source, collections.Counter(), collections.Counter()

    def keep(self, kind):
        self.kept[kind] += 1

    def drop(self, reason):
        self.dropped[reason] += 1

    def report(self):
        return {
            "source": self.source,
            "yielded": sum(self.kept.values()),
            "by_kind": dict(self.kept),
            "dropped": sum(self.dropped.values()),
            "why": dict(self.dropped.most_common()),
        }


def write_jsonl(path, examples):
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    n = 0
    with open(path, "w", encoding="utf-8") as f:
        for ex in examples:
            f.write(json.dumps(ex, ensure_ascii=False) + "\n")
            n += 1
    return n


def check_example(ex):
    """Raises AssertionError when an example is malformed: a span outside its message or a label that does not fit
    its tool's parameter (used by the tests and by the converters before writing)."""
    names = [t["function"]["name"] for t in ex["tools"]]
    assert names, "no tools"
    assert len(set(names)) == len(names), f"duplicate tool names {names}"
    for key, (mi, bs, be) in ex["spans"].items():
        text = ex["messages"][mi]["content"].encode("utf-8")
        assert 0 <= bs < be <= len(text), f"span {key} outside message {mi}"
    for g in ex["golds"]:
        props = ex["tools"][g["tool_index"]]["function"]["parameters"]["properties"]
        for path, label in g["args"]:
            schema = props[path[0]]
            if label[0] == "option":
                assert 0 <= label[1] < len(schema["enum"])
            elif label[0] == "bool":
                assert schema["type"] == "boolean"
            else:
                assert label[0] == "span" and label[1] in ex["spans"] and "enum" not in schema
    for ti, path in ex["missing"]:
        assert path[0] in ex["tools"][ti]["function"]["parameters"]["required"]
