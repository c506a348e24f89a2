"""Model inputs exactly as wasm/CONTRACT.md says: conversation serialisation, schema elements, matching features.

The TypeScript side (src/model/) implements the same rules; test/fixtures/features-parity.json (written by
training/make_fixture.py) pins them. Decisions the contract leaves open are documented in training/README.md.
"""
import json
import os
import re

import numpy as np

PAD, CLS, USER, ASSISTANT, TOOL, SYSTEM, SEP = 256, 257, 258, 259, 260, 261, 262
VOCAB = 264
ROLE_IDS = {"system": SYSTEM, "developer": SYSTEM, "user": USER, "assistant": ASSISTANT, "tool": TOOL}
T_MAX, L_MAX = 512, 64
MIN_WORD_LEN, PREFIX_LEN = 2, 5
KIND_TOOL, KIND_PARAM, KIND_OPTION = 0, 1, 2

STOPWORDS = sorted(
    set(
        """
a an the and or but if then else of to in on at by for with from into onto about as is are was were be been being
am do does did done it its this that these those there here i me my mine we us our ours you your yours he him his
she her hers they them their what which who whom whose when where why how all any some each every no not only
so than too very can could would should will shall may might must please pls thanks thank hi hello hey just also
get gets got let lets want wants need needs like would im ive id dont cant wont one
""".split()
    )
    - {"id"}
)

SYNONYMS = [
    ["address", "ship", "shipping", "deliver", "delivery", "send", "destination", "street"],
    ["quantity", "qty", "units", "pieces", "copies", "count", "many"],
    ["price", "cost", "costs", "amount", "total", "pay", "charge", "budget"],
    ["currency", "usd", "eur", "gbp", "jpy", "dollars", "euros", "pounds", "yen"],
    ["product", "item", "items", "article", "sku", "goods"],
    ["order", "orders", "purchase", "purchased", "bought"],
    ["cart", "basket", "bag"],
    ["coupon", "voucher", "promo", "discount", "code"],
    ["return", "refund", "exchange", "rma"],
    ["cancel", "abort", "revoke", "void", "stop"],
    ["search", "find", "look", "lookup", "query", "browse", "keyword", "keywords"],
    ["email", "mail", "inbox"],
    ["phone", "mobile", "telephone", "cell"],
    ["city", "town", "location", "place"],
    ["name", "called", "named", "title"],
    ["message", "note", "comment", "text"],
    ["reason", "because", "why"],
    ["limit", "max", "maximum", "top", "most", "results"],
    ["sort", "rank", "arrange", "sorted"],
    ["color", "colour"],
    ["user", "customer", "client", "account"],
    ["remove", "delete", "drop", "discard"],
    ["add", "put", "insert", "include"],
    ["update", "change", "modify", "edit", "set"],
    ["track", "tracking", "status", "where"],
    ["language", "lang", "locale"],
    ["start", "begin", "since"],
    ["end", "until", "finish", "through"],
    ["express", "fast", "quick", "urgent", "overnight", "speed"],
    ["rating", "stars", "score", "review"],
    ["wishlist", "favorites", "favourites", "saved"],
    ["date", "day", "when"],
    ["gift", "wrap", "wrapping", "present"],
]

_CAMEL1 = re.compile(r"([a-z0-9])([A-Z])")
_CAMEL2 = re.compile(r"([A-Z])([A-Z][a-z])")
_WORD = re.compile(r"[a-z0-9]+")
_SYN_GROUPS = {}
for _gi, _group in enumerate(SYNONYMS):
    for _w in _group:
        _SYN_GROUPS.setdefault(_w, set()).add(_gi)


# Chinese glosses (wasm/CONTRACT.md, "Chinese glosses"): a run of CJK characters is cut into the longest lexicon words,
# left to right, and each word stands for its English glosses, so that "订单" meets `order_id` and "邮编" meets "zip".
# ZH_GLOSSES switches them on (config.json match.zh_glosses); models trained without them keep them off.
ZH_LEXICON_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "lang", "zh", "lexicon.json")
ZH_GLOSSES = os.environ.get("ZH_GLOSSES", "1") == "1"
ZH_MAX_WORD = 4
_ZH_LEXICON = None


def glosses_of(config):
    """Whether a model's config.json turns the glosses on (match.zh_glosses; absent: a model trained before them)."""
    return bool(config["match"].get("zh_glosses", False))


def zh_lexicon():
    global _ZH_LEXICON
    if _ZH_LEXICON is None:
        with open(ZH_LEXICON_PATH, encoding="utf-8") as f:
            _ZH_LEXICON = {k: v.split() for k, v in json.load(f).items()}
    return _ZH_LEXICON


def _is_cjk(ch):
    return "\u4e00" <= ch <= "\u9fff"


def zh_segments(text):
    """[(glosses, start, end_exclusive)] in characters: forward maximum matching of each CJK run against the lexicon."""
    lex, out, i, n = zh_lexicon(), [], 0, len(text)
    while i < n:
        if not _is_cjk(text[i]):
            i += 1
            continue
        for k in range(min(ZH_MAX_WORD, n - i), 0, -1):
            piece = text[i : i + k]
            if all(_is_cjk(c) for c in piece) and piece in lex:
                out.append((lex[piece], i, i + k))
                i += k
                break
        else:
            i += 1
    return out


def _keep(word):
    return len(word) >= MIN_WORD_LEN and word not in STOPWORDS


def words(text):
    """Words of a schema text: camelCase split, ASCII lower-case, runs of [a-z0-9], short words and stopwords dropped."""
    text = _CAMEL2.sub(r"\1 \2", _CAMEL1.sub(r"\1 \2", text))
    lowered = "".join(ch.lower() if "A" <= ch <= "Z" else ch for ch in text)
    out = [w for w in _WORD.findall(lowered) if _keep(w)]
    if ZH_GLOSSES:
        out += [w for glosses, _, _ in zh_segments(text) for w in glosses if _keep(w)]
    return out


def words_match(a, b):
    if a == b:
        return True
    if len(a) >= 4 and len(b) >= 4:
        n = min(PREFIX_LEN, len(a), len(b))
        if a[:n] == b[:n]:
            return True
    return bool(_SYN_GROUPS.get(a, set()) & _SYN_GROUPS.get(b, set()))


def js_json(value):
    """JSON.stringify(value) for the values tool calls carry (integral floats print as integers, like JS)."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e21:
        return str(int(value))
    if isinstance(value, dict):
        return "{" + ",".join(json.dumps(k, ensure_ascii=False) + ":" + js_json(v) for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ",".join(js_json(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def js_string(value):
    """String(value) in JS for enum options."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, float):
        return js_json(value)
    if isinstance(value, (dict, list)):
        return js_json(value)
    return str(value)


def message_text(msg):
    """Text of one message; assistant tool calls become `name(arg=value, ...)` joined by `; `."""
    content = msg.get("content") or ""
    if isinstance(content, list):
        content = "\n".join(p.get("text", "") for p in content if p.get("type") == "text")
    calls = []
    for call in msg.get("tool_calls") or []:
        fn = call["function"]
        try:
            args = json.loads(fn.get("arguments") or "{}")
        except json.JSONDecodeError:
            args = None
        if isinstance(args, dict):
            inner = ", ".join(f"{k}={js_json(v)}" for k, v in args.items())
        else:
            inner = fn.get("arguments") or ""
        calls.append(f"{fn['name']}({inner})")
    if calls:
        return (content + " " if content else "") + "; ".join(calls)
    return content


def serialise(messages, t_max=T_MAX):
    """-> (input_ids list, positions list of (message index, byte offset)); role ids have offset -1, cls (-1, -1)."""
    ids, pos = [CLS], [(-1, -1)]
    for mi, msg in enumerate(messages):
        ids.append(ROLE_IDS[msg["role"]])
        pos.append((mi, -1))
        for bi, b in enumerate(message_text(msg).encode("utf-8")):
            ids.append(b)
            pos.append((mi, bi))
    if len(ids) > t_max:
        ids = [CLS] + ids[len(ids) - (t_max - 1) :]
        pos = [(-1, -1)] + pos[len(pos) - (t_max - 1) :]
    return ids, pos


def conversation_words(ids):
    """Words of the id sequence: [(word, start, end_exclusive)]; non-ASCII bytes and special ids separate words."""
    out, start = [], None
    for t, i in enumerate(ids + [PAD]):
        is_word = i < 128 and (48 <= i <= 57 or 65 <= i <= 90 or 97 <= i <= 122)
        if is_word and start is None:
            start = t
        elif not is_word and start is not None:
            w = bytes(ids[start:t]).decode("ascii").lower()
            if _keep(w):
                out.append((w, start, t))
            start = None
    if ZH_GLOSSES:
        out += _zh_conversation_words(ids)
    return out


def _zh_conversation_words(ids):
    """Glosses of the CJK characters in the id sequence: [(gloss, start, end_exclusive)] over the characters' bytes.
    A character is a whole 3-byte UTF-8 sequence (lead E4-E9); anything else, a cut one included, ends a run."""
    out, t, n = [], 0, len(ids)
    while t < n:
        run_start, chars = t, []
        while t + 2 < n and 0xE4 <= ids[t] <= 0xE9 and 0x80 <= ids[t + 1] <= 0xBF and 0x80 <= ids[t + 2] <= 0xBF:
            chars.append(bytes(ids[t : t + 3]).decode("utf-8"))
            t += 3
        if not chars:
            t += 1
            continue
        for glosses, a, b in zh_segments("".join(chars)):
            out += [(w, run_start + 3 * a, run_start + 3 * b) for w in glosses if _keep(w)]
    return out


def _schema_type(schema):
    t = schema.get("type")
    if isinstance(t, list):
        return "|".join(t)
    if isinstance(t, str):
        return t
    seen = []
    for branch in (schema.get("anyOf") or []) + (schema.get("oneOf") or []):
        bt = branch.get("type") if isinstance(branch, dict) else None
        for x in bt if isinstance(bt, list) else [bt] if bt else []:
            if x not in seen:
                seen.append(x)
    return "|".join(seen) if seen else "any"


def _slots(schema, path):
    """Parameter slots of an object schema, depth first: [(path list, slot schema, required bool)]."""
    out = []
    required = set(schema.get("required") or [])
    for key, sub in (schema.get("properties") or {}).items():
        sub = sub if isinstance(sub, dict) else {}
        if _schema_type(sub) == "object" and sub.get("properties"):
            out.extend((p, s, r and key in required) for p, s, r in _slots(sub, path + [key]))
        else:
            out.append((path + [key], sub, key in required))
    return out


def elements(tools):
    """Schema elements in contract order: dicts with kind, parent, text, name_words, desc_words (+ tool/path/schema)."""
    els = []
    for ti, tool in enumerate(tools):
        fn = tool["function"] if "function" in tool else tool
        tool_idx = len(els)
        desc = fn.get("description") or ""
        els.append(
            dict(
                kind=KIND_TOOL,
                parent=tool_idx,
                text=f"{fn['name']} : {desc}",
                name_words=words(fn["name"]),
                desc_words=words(desc),
                tool=ti,
                path=None,
                schema=None,
                required=False,
                value=None,
            )
        )
        for path, sub, req in _slots(fn.get("parameters") or {}, []):
            pidx = len(els)
            pdesc = sub.get("description") or ""
            els.append(
                dict(
                    kind=KIND_PARAM,
                    parent=tool_idx,
                    text=f"{' '.join(path)} : {_schema_type(sub)} : {pdesc}",
                    name_words=[w for k in path for w in words(k)],
                    desc_words=words(pdesc),
                    tool=ti,
                    path=path,
                    schema=sub,
                    required=req,
                    value=None,
                )
            )
            for opt in sub.get("enum") or []:
                s = js_string(opt)
                els.append(
                    dict(
                        kind=KIND_OPTION,
                        parent=pidx,
                        text=s,
                        name_words=words(s),
                        desc_words=[],
                        tool=ti,
                        path=path,
                        schema=None,
                        required=False,
                        value=opt,
                    )
                )
    return els


def element_ids(els, l_max=L_MAX):
    """int64 [E, L]: UTF-8 bytes of each element text, truncated to L, padded with pad."""
    out = np.full((len(els), l_max), PAD, dtype=np.int64)
    for e, el in enumerate(els):
        b = el["text"].encode("utf-8")[:l_max]
        out[e, : len(b)] = list(b)
    return out


def elem_match(els, ids):
    """float32 [E, T, 2]: channel 0 = conversation word matches a name word of e, channel 1 = a description word."""
    out = np.zeros((len(els), len(ids), 2), dtype=np.float32)
    conv = conversation_words(ids)
    for e, el in enumerate(els):
        for ch, ws in ((0, el["name_words"]), (1, el["desc_words"])):
            if not ws:
                continue
            for w, s, t in conv:
                if any(words_match(w, x) for x in ws):
                    out[e, s:t, ch] = 1.0
    return out


def model_inputs(tools, messages, t_max=T_MAX):
    els = elements(tools)
    ids, pos = serialise(messages, t_max)
    return dict(
        elements=els,
        positions=pos,
        elem_ids=element_ids(els),
        input_ids=np.array(ids, dtype=np.int64),
        elem_kind=np.array([e["kind"] for e in els], dtype=np.int64),
        elem_parent=np.array([e["parent"] for e in els], dtype=np.int64),
        elem_match=elem_match(els, ids),
    )
