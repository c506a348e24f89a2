"""Schema-Guided Dialogue (../shared/data/sgd, CC BY-SA 4.0) -> training examples (convert_common.py's format).

    /usr/bin/python3 training/convert_sgd.py --split train --out training/runs/real/sgd.jsonl

One example per chosen user turn: the conversation up to that turn (earlier turns as user / assistant messages, cut
to the reader's window), the tools of the turn's service plus distractor intents from services of other domains,
and the verdict the next system turn implies:
- a call: the system's `service_call` (legacy files without one: a system OFFER / NOTIFY_* / INFORM_COUNT / CONFIRM
  after the user turn), arguments = the cumulative `state.slot_values` of the call's slots (earlier-turn values
  included), non-categorical ones as spans located by the turns' slot annotations (else by string match),
  categorical ones as enum options (True/False slots as booleans); a CONFIRM counts as the call it confirms;
- missing arguments: the system REQUESTs a slot and required slots of the active intent are absent from the state;
- no call: the user only thanks, says goodbye, negates or selects (legacy: the system only says goodbye / asks for
  more), or no intent is active; also a call whose service is not offered (its tools removed).
Tool and parameter wording: the original schema or one of SGD-X's five paraphrased versions (mapped by position),
names as given, snake_case or camelCase.
"""
import argparse
import json
import os
import random

import convert_common as C

CALL_ACTS = {"OFFER", "NOTIFY_SUCCESS", "NOTIFY_FAILURE", "INFORM_COUNT"}
NOCALL_USER_ACTS = {"THANK_YOU", "GOODBYE", "NEGATE", "NEGATE_INTENT", "SELECT"}
FILES = {"train": ["train-00", "train-01", "train_legacy_760ac54"], "dev": ["dev", "dev_legacy_760ac54"]}


def load_schemas(root, split):
    """[version 0..5] -> {original service name: service view with original slot/intent names mapped to this
    version's (by position)}."""
    orig = C.load_json(os.path.join(root, "sgd", split, "schema.json"))
    versions = [orig]
    for k in range(1, 6):
        p = os.path.join(root, "sgd", "sgd_x", f"v{k}", split, "schema.json")
        if os.path.exists(p):
            versions.append(C.load_json(p))
    out = []
    for v in versions:
        view = {}
        for so, sv in zip(orig, v):
            slot_map = {a["name"]: b for a, b in zip(so["slots"], sv["slots"])}
            intents = {a["name"]: b for a, b in zip(so["intents"], sv["intents"])}
            view[so["service_name"]] = {
                "service": sv,
                "slots": slot_map,
                "intents": intents,
                "orig_intents": {i["name"]: i for i in so["intents"]},
                "orig_slots": {s["name"]: s for s in so["slots"]},
            }
        out.append(view)
    return out


def domain(service):
    return service.split("_")[0]


def intent_tool(view, intent, style, rng):
    """-> (OpenAI tool, {original slot name: parameter name})."""
    iv = view["intents"][intent]
    oi = view["orig_intents"][intent]
    name = {"as_is": iv["name"], "snake": C.snake(iv["name"]), "camel": C.camel(iv["name"])}[style]
    desc = iv["description"]
    if rng.random() < 0.3:
        desc = f"{desc} ({view['service']['description']})"
    params, names = [], {}
    for slot in oi["required_slots"] + list(oi["optional_slots"]):
        sv = view["slots"][slot]
        pname = {"as_is": sv["name"], "snake": C.snake(sv["name"]), "camel": C.camel(sv["name"])}[style]
        schema = {"type": "string", "description": sv["description"]}
        if sv["is_categorical"]:
            if set(sv["possible_values"]) == {"True", "False"}:
                schema = {"type": "boolean", "description": sv["description"]}
            else:
                schema["enum"] = list(sv["possible_values"])
        params.append((pname, schema, slot in oi["required_slots"]))
        names[slot] = pname
    return C.tool(name, desc, params), names


def _annotations(turns, upto):
    """{(service, slot): [(turn, char start, char end)]} over turns[:upto + 1]."""
    out = {}
    for ti, t in enumerate(turns[: upto + 1]):
        for fr in t["frames"]:
            for s in fr.get("slots", []):
                out.setdefault((fr["service"], s["slot"]), []).append((ti, s["start"], s["exclusive_end"]))
    return out


def locate(turns, upto, service, slot, values, ann):
    """(turn, char start, char end) of the latest mention of any of `values` up to turn `upto`, or None."""
    low = {v.lower() for v in values}
    hits = [
        (ti, key == (service, slot), s, e)
        for key, spans in ann.items()
        for ti, s, e in spans
        if turns[ti]["utterance"][s:e].lower() in low
    ]
    best = max(hits) if hits else None
    if best is not None:
        best = (best[0], best[2], best[3])
    if best is not None:
        return best
    for ti in range(upto, -1, -1):
        text = turns[ti]["utterance"]
        hits = [(C.find_last(text, v), v) for v in values]
        hits = [(i, v) for i, v in hits if i >= 0]
        if hits:
            i, v = max(hits)
            return ti, i, i + len(v)
    return None


def verdict(turns, i):
    """-> (kind, service, intent, slot names to fill, missing required slots) or (None, reason)."""
    user = turns[i]
    sys = turns[i + 1] if i + 1 < len(turns) else None
    if sys is None:
        return None, "last turn"
    frames = {f["service"]: f for f in user["frames"]}
    sys_acts = {a["act"] for f in sys["frames"] for a in f["actions"]}
    legacy = all("actions" not in f for f in user["frames"])
    user_acts = {a["act"] for f in user["frames"] for a in f.get("actions", [])}
    calls = [(f["service"], f["service_call"]) for f in sys["frames"] if f.get("service_call")]
    if calls:
        service, call = calls[0]
        if service not in frames:
            return None, "call for a service without a user frame"
        return ("call", service, call["method"], list(call["parameters"]), [])
    sys_service = sys["frames"][0]["service"] if sys["frames"] else None
    f = frames.get(sys_service) or next((f for f in user["frames"] if f["state"]["active_intent"] != "NONE"), None)
    if f is None:
        return (
            ("no_call", None, None, [], [])
            if not legacy or sys_acts <= {"GOODBYE", "REQ_MORE"}
            else (None, "no active intent")
        )
    intent = f["state"]["active_intent"]
    state = f["state"]["slot_values"]
    if intent == "NONE":
        return ("no_call", f["service"], None, [], [])
    if legacy and sys_acts & CALL_ACTS:
        return ("call", f["service"], intent, list(state), [])
    if "REQUEST" in sys_acts:
        return ("missing", f["service"], intent, list(state), None)
    if "CONFIRM" in sys_acts:
        return ("call", f["service"], intent, list(state), [])
    if (not legacy and user_acts and user_acts <= NOCALL_USER_ACTS) or (legacy and sys_acts <= {"GOODBYE", "REQ_MORE"}):
        return ("no_call", f["service"], None, [], [])
    return None, "no call, no request, no closing (the system answers from earlier results)"


def convert_turn(
    d,
    i,
    views,
    split_services,
    rng,
    counts,
    version=None,
    style=None,
    extra_context=None,
    absent_share=0.1,
    max_bytes=C.MAX_BYTES,
):
    """One user turn -> example or None (the reason counted); the conversation is cut to max_bytes (C.fit_window)."""
    turns = d["turns"]
    v = verdict(turns, i)
    if v[0] is None:
        counts.drop(v[1])
        return None
    kind, service, intent, fill, missing = v
    version = rng.randrange(len(views)) if version is None else version
    view = views[version]
    style = style or rng.choice(["as_is", "as_is", "snake", "camel"])
    own = service or d["services"][0]
    if own not in view:
        counts.drop("service not in this split's schema")
        return None
    messages = [
        {"role": "user" if t["speaker"] == "USER" else "assistant", "content": t["utterance"]} for t in turns[: i + 1]
    ]
    ex = {
        "tools": [],
        "messages": messages,
        "spans": {},
        "golds": [],
        "missing": [],
        "kind": "sgd_" + kind,
        "lang": "en",
        "source": "sgd",
        "alt": {},
    }
    # the service's intents, then distractors from services of other domains
    own_intents = list(view[own]["orig_intents"])
    absent = kind == "call" and rng.random() < absent_share
    chosen = [] if absent else [(own, x) for x in own_intents]
    others = [s for s in split_services if domain(s) != domain(own) and s in view]
    rng.shuffle(others)
    for s in others[: rng.choice([0, 1, 1, 2, 3]) + (1 if absent else 0)]:
        ints = list(view[s]["orig_intents"])
        chosen += [(s, x) for x in rng.sample(ints, min(len(ints), rng.choice([1, 2])))]
    chosen = chosen[: C.MAX_TOOLS]
    if not chosen:
        counts.drop("no tools left")
        return None
    rng.shuffle(chosen)
    tools, param_names = [], {}
    for s, x in chosen:
        t, names = intent_tool(view[s], x, style, rng)
        tools.append(t)
        param_names[(s, x)] = names
    if len({t["function"]["name"] for t in tools}) < len(tools):
        counts.drop("tool names collide")
        return None
    ex["tools"] = tools
    if absent:
        kind, ex["kind"] = "no_call", "sgd_not_offered"
    needed, args = [], []
    if kind in ("call", "missing"):
        ti = chosen.index((service, intent))
        oi = view[service]["orig_intents"][intent]
        names = param_names[(service, intent)]
        state = next(f for f in turns[i]["frames"] if f["service"] == service)["state"]["slot_values"]
        if missing is None:
            missing = [s for s in oi["required_slots"] if s not in state or state[s] == ["dontcare"]]
            if not missing:
                counts.drop("system asks for a slot the intent does not require")
                return None
        ann = _annotations(turns, i)
        for slot in fill:
            if slot not in names:
                continue
            vals = [x for x in state.get(slot, []) if x != "dontcare"]
            if not vals:
                if slot in oi["required_slots"]:
                    counts.drop("required slot is dontcare or absent from the state")
                    return None
                continue
            sv = view[service]["orig_slots"][slot]
            pname = names[slot]
            if sv["is_categorical"]:
                pv = sv["possible_values"]
                if set(pv) == {"True", "False"}:
                    args.append([[pname], ["bool", vals[0] == "True"]])
                elif vals[0] in pv:
                    args.append([[pname], ["option", pv.index(vals[0])]])
                else:
                    counts.drop("categorical value not among the possible values")
                    return None
                continue
            where = locate(turns, i, service, slot, vals, ann)
            if where is None:
                counts.drop("value not in the conversation")
                return None
            needed.append(where[0])
            args.append([[pname], ["span", f"0.{pname}", where]])
        ex["golds"] = [{"tool_index": ti, "args": []}]
        ex["missing"] = [[ti, [names[s]]] for s in missing]
    extra = rng.choice([0, 1, 2, 3, 6]) if extra_context is None else extra_context
    first = C.fit_window(messages, needed, extra, max_bytes)
    if first is None:
        counts.drop("earlier value beyond the reader's window")
        return None
    ex["messages"] = messages[first:]
    for path, label in args:
        if label[0] == "span":
            ti_, s, e = label[2]
            text = turns[ti_]["utterance"]
            bs, be = C.byte_span(text, s, e)
            ex["spans"][label[1]] = [ti_ - first, bs, be]
            alts = [
                x
                for x in state.get(next(k for k, n in names.items() if n == path[0]), [])
                if x.lower() != text[s:e].lower()
            ]
            if alts:
                ex["alt"][label[1]] = alts
            label = label[:2]
        ex["golds"][0]["args"].append([path, label])
    if not ex["alt"]:
        del ex["alt"]
    C.check_example(ex)
    counts.keep(ex["kind"])
    return ex


def dialogues(root, split):
    for name in FILES[split]:
        yield from C.read_jsonl(os.path.join(root, "sgd", f"{name}.jsonl.gz"))


def convert(root, split, per_dialogue, seed, services=None, versions=None, counts=None):
    """Examples of `split` (train | dev); services: only dialogues whose first service is in this set."""
    views = load_schemas(root, split)
    if versions is not None:
        views = [views[k] for k in versions]
    split_services = sorted(views[0])
    counts = counts or C.Counts(f"sgd/{split}")
    for d in dialogues(root, split):
        if services is not None and d["services"][0] not in services:
            continue
        rng = random.Random(f"{seed}/{d['dialogue_id']}")
        user_turns = [i for i, t in enumerate(d["turns"]) if t["speaker"] == "USER"]
        rng.shuffle(user_turns)
        made = 0
        for i in user_turns:
            if made >= per_dialogue:
                counts.drop("over the per-dialogue cap")
                continue
            ex = convert_turn(d, i, views, split_services, rng, counts)
            if ex is not None:
                made += 1
                yield ex


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=C.DATA)
    ap.add_argument("--split", default="train", choices=["train", "dev"])
    ap.add_argument("--per-dialogue", type=int, default=3)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    counts = C.Counts(f"sgd/{args.split}")
    C.write_jsonl(args.out, convert(args.data, args.split, args.per_dialogue, args.seed, counts=counts))
    print(json.dumps(counts.report()))


if __name__ == "__main__":
    main()
