"""Distillation: ask an OpenAI-compatible teacher for tool calls, keep those that validate against the tools' schemas
and whose values can be aligned to the conversation, and write them as training examples (train.py --distilled).

    /usr/bin/python3 training/distill.py --prompts prompts.jsonl --teacher-url http://127.0.0.1:8000/v1 \
        --model teacher --out training/data/distilled.jsonl

prompts.jsonl: one OpenAI request per line: {"tools": [...], "messages": [...]} (other fields are ignored).
Output lines: {"tools", "messages", "spans": {key: [message, byte start, byte end]},
               "golds": [{"tool_index": i, "args": [[path, label]]}], "missing": [], "kind": "distilled", "lang"}
with labels ["span", key] | ["spans", [keys]] | ["option", i] | ["bool", b] (see data.Gold).
"""
import argparse
import json
import re
import sys
import urllib.request

import features as F

NUM_WORDS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
}
_NUM = re.compile(r"(?<![\w.])-?\d[\d,]*(?:\.\d+)?(?![\w])|\b[a-z]+\b", re.I)


def ask_teacher(url, model, request, timeout=60):
    body = {
        "model": model,
        "messages": request["messages"],
        "tools": request["tools"],
        "tool_choice": "auto",
        "temperature": 0,
    }
    endpoint = url.rstrip("/") + "/chat/completions"
    req = urllib.request.Request(endpoint, json.dumps(body).encode(), {"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        return json.load(resp)


def validate(value, schema):
    """The subset of JSON Schema tool parameters use: type, enum, properties, required, items, additionalProperties."""
    t = schema.get("type")
    types = t if isinstance(t, list) else [t] if t else []
    checks = {
        "string": lambda v: isinstance(v, str),
        "boolean": lambda v: isinstance(v, bool),
        "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
        "object": lambda v: isinstance(v, dict),
        "array": lambda v: isinstance(v, list),
        "null": lambda v: v is None,
    }
    if types and not any(checks.get(x, lambda v: True)(value) for x in types):
        return False
    if "enum" in schema and value not in schema["enum"]:
        return False
    if isinstance(value, dict):
        props = schema.get("properties") or {}
        if any(k not in value for k in schema.get("required") or []):
            return False
        if schema.get("additionalProperties") is False and any(k not in props for k in value):
            return False
        return all(validate(v, props[k]) for k, v in value.items() if k in props)
    if isinstance(value, list) and isinstance(schema.get("items"), dict):
        return all(validate(v, schema["items"]) for v in value)
    return True


def _number_of(token):
    t = token.lower().replace(",", "")
    if t in NUM_WORDS:
        return NUM_WORDS[t]
    try:
        return float(t)
    except ValueError:
        return None


def align(value, texts):
    """Byte span (message, start, end) of the last mention of value in the messages' texts, or None."""
    for mi in range(len(texts) - 1, -1, -1):
        text = texts[mi]
        if isinstance(value, str):
            i = text.rfind(value)
            if i < 0:
                i = text.lower().rfind(value.lower())
            if i >= 0 and value:
                bs = len(text[:i].encode("utf-8"))
                return (mi, bs, bs + len(value.encode("utf-8")))
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            for m in reversed(list(_NUM.finditer(text))):
                n = _number_of(m.group(0))
                if n is not None and abs(n - value) < 1e-9:
                    bs = len(text[: m.start()].encode("utf-8"))
                    return (mi, bs, bs + len(m.group(0).encode("utf-8")))
    return None


def _get(args, path):
    for k in path:
        if not isinstance(args, dict) or k not in args:
            return None
        args = args[k]
    return args


def to_example(request, response):
    """-> (example dict, None) or (None, reason it was dropped)."""
    tools = request["tools"]
    names = [t["function"]["name"] for t in tools]
    msg = (response.get("choices") or [{}])[0].get("message") or {}
    texts = [F.message_text(m) for m in request["messages"]]
    els = F.elements(tools)
    ex = {
        "tools": tools,
        "messages": request["messages"],
        "spans": {},
        "golds": [],
        "missing": [],
        "kind": "distilled",
        "lang": "zh" if re.search(r"[\u4e00-\u9fff]", texts[-1] if texts else "") else "en",
    }
    for ci, call in enumerate(msg.get("tool_calls") or []):
        fn = call.get("function") or {}
        if fn.get("name") not in names:
            return None, "unknown tool"
        ti = names.index(fn["name"])
        try:
            args = json.loads(fn.get("arguments") or "{}")
        except json.JSONDecodeError:
            return None, "arguments are not JSON"
        if not isinstance(args, dict) or not validate(args, tools[ti]["function"].get("parameters") or {}):
            return None, "arguments do not validate"
        gold = {"tool_index": ti, "args": []}
        for e, el in enumerate(els):
            if el["kind"] != F.KIND_PARAM or el["tool"] != ti:
                continue
            v = _get(args, el["path"])
            if v is None:
                continue
            opts = [o["value"] for o in els if o["kind"] == F.KIND_OPTION and o["parent"] == e]
            if opts:
                label = ["option", opts.index(v)]
            elif isinstance(v, bool):
                label = ["bool", v]
            elif isinstance(v, list):
                keys = []
                for j, item in enumerate(v):
                    span = align(item, texts) if not isinstance(item, (dict, list)) else None
                    if span is None:
                        return None, "value not in the conversation"
                    keys.append(f"{ci}.{'.'.join(el['path'])}#{j}")
                    ex["spans"][keys[-1]] = list(span)
                label = ["spans", keys]
            elif isinstance(v, dict):
                return None, "object value"
            else:
                span = align(v, texts)
                if span is None:
                    return None, "value not in the conversation"
                key = f"{ci}.{'.'.join(el['path'])}"
                ex["spans"][key] = list(span)
                label = ["span", key]
            gold["args"].append([el["path"], label])
        ex["golds"].append(gold)
    return ex, None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--prompts", required=True)
    ap.add_argument("--teacher-url", required=True, help="base URL of an OpenAI-compatible API, e.g. http://host/v1")
    ap.add_argument("--model", default="teacher")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    kept, dropped = 0, {}
    with open(args.prompts) as fin, open(args.out, "w") as fout:
        for line in fin:
            if not line.strip():
                continue
            request = json.loads(line)
            try:
                response = ask_teacher(args.teacher_url, args.model, request)
            except OSError as err:
                dropped["teacher error"] = dropped.get("teacher error", 0) + 1
                print(f"teacher error: {err}", file=sys.stderr)
                continue
            ex, why = to_example(request, response)
            if ex is None:
                dropped[why] = dropped.get(why, 0) + 1
                continue
            fout.write(json.dumps(ex, ensure_ascii=False) + "\n")
            kept += 1
    print(json.dumps({"kept": kept, "dropped": dropped}))


if __name__ == "__main__":
    main()
