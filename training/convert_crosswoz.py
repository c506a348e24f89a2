"""CrossWOZ (Chinese, ../shared/data/crosswoz, Apache-2.0) -> training examples (convert_common.py's format).
Train on its val split, hold out its test split (its train split could not be obtained).

    /usr/bin/python3 training/convert_crosswoz.py --split val --out training/runs/real/crosswoz.jsonl

Tools = the five domains (attractions, restaurants, hotels, metro, taxi) with English names, parameters = the
domain's slots (English names, descriptions in Chinese or in English: Chinese requests against English schemas is
the common case). One example per user turn:
- a call: the turn's `Inform` acts of one domain, each value located in the turn's text (CrossWOZ has no spans:
  values are copied strings); hotel facilities (`酒店设施-X` = 是) as the facility's name;
- missing arguments (synthesised: CrossWOZ has no system requests): metro and taxi require both ends of the trip,
  a turn that gives one asks for the other;
- no call: turns with only `General` acts (greet, thank, bye), and 10% of calls whose domain is removed from the list.
Turns that only `Request` attributes of an entity chosen earlier are dropped (which call they imply is not labelled).
"""
import argparse
import json
import os
import random

import convert_common as C

# domain -> (tool names, zh description, en description, [(slot, param, zh desc, en desc)], required params)
DOMAINS = {
    "景点": (
        ["search_attractions", "findAttraction"],
        "查询北京的景点",
        "Search tourist attractions in Beijing",
        [
            ("名称", "name", "景点名称", "Name of the attraction"),
            ("游玩时间", "duration", "游玩时间", "How long a visit takes"),
            ("评分", "rating", "评分", "Visitor rating"),
            ("门票", "ticket_price", "门票价格", "Ticket price"),
        ],
        [],
    ),
    "餐馆": (
        ["search_restaurants", "findRestaurant"],
        "查询北京的餐馆",
        "Search restaurants in Beijing",
        [
            ("名称", "name", "餐馆名称", "Name of the restaurant"),
            ("人均消费", "price_per_person", "人均消费", "Average spend per person"),
            ("推荐菜", "dish", "推荐菜", "A dish the restaurant serves"),
            ("评分", "rating", "评分", "Customer rating"),
        ],
        [],
    ),
    "酒店": (
        ["search_hotels", "findHotel"],
        "查询北京的酒店",
        "Search hotels in Beijing",
        [
            ("名称", "name", "酒店名称", "Name of the hotel"),
            ("酒店类型", "hotel_type", "酒店类型", "Type of hotel"),
            ("价格", "price", "价格", "Price per night"),
            ("评分", "rating", "评分", "Guest rating"),
            ("酒店设施", "facility", "酒店设施", "A facility the hotel must have"),
        ],
        [],
    ),
    "地铁": (
        ["plan_metro_route", "metroRoute"],
        "查询地铁线路",
        "Find a metro route between two places",
        [("出发地", "origin", "出发地", "Where the trip starts"), ("目的地", "destination", "目的地", "Where the trip ends")],
        ["origin", "destination"],
    ),
    "出租": (
        ["book_taxi", "callTaxi"],
        "预订出租车",
        "Book a taxi between two places",
        [("出发地", "origin", "出发地", "Pick-up place"), ("目的地", "destination", "目的地", "Drop-off place")],
        ["origin", "destination"],
    ),
}


def domain_tool(dom, rng, zh):
    names, dzh, den, slots, required = DOMAINS[dom]
    name = rng.choice(names)
    camel = not "_" in name
    params = []
    for _, p, szh, sen in slots:
        pname = C.camel(p) if camel else p
        params.append((pname, {"type": "string", "description": szh if zh else sen}, p in required))
    return C.tool(name, dzh if zh else den, params), {p: (C.camel(p) if camel else p) for _, p, _, _ in slots}


def turn_values(content, acts):
    """Inform acts -> {domain: {param: (char start, char end)}} located in content; or (None, reason)."""
    out = {}
    for intent, dom, slot, value in acts:
        if intent != "Inform" or dom not in DOMAINS:
            continue
        table = {s: p for s, p, _, _ in DOMAINS[dom][3]}
        if slot.startswith("酒店设施-"):
            slot, value = "酒店设施", slot.split("-", 1)[1] if value == "是" else None
            if value is None:
                return None, "a facility the user does not want"
        if slot not in table:
            return None, f"slot without a parameter"
        i = C.find_last(content, value)
        if i < 0:
            return None, "value not in the turn's text (paraphrased)"
        if table[slot] in out.get(dom, {}):
            return None, "a slot twice in one turn"
        out.setdefault(dom, {})[table[slot]] = (i, i + len(value))
    return out, None


NOT_OFFERED = 0.1  # share of calls whose domain is removed from the tool list (no call)


def convert_dialogue(d, rng, counts):
    msgs = d["messages"]
    for i, m in enumerate(msgs):
        if m["role"] != "usr":
            continue
        acts = m["dialog_act"]
        kinds = {a[0] for a in acts}
        vals, why = turn_values(m["content"], acts)
        if vals is None:
            counts.drop(why)
            continue
        if kinds <= {"General"}:
            verdict, dom = "no_call", None
        elif len(vals) == 1:
            verdict, dom = "call", next(iter(vals))
        elif vals:
            counts.drop("informs for two domains in one turn")
            continue
        else:
            counts.drop("only requests about an entity chosen earlier")
            continue
        zh = rng.random() < 0.5
        doms = [x for x in DOMAINS if x != dom]
        picks = rng.sample(doms, rng.choice([1, 2, 3, 4]))
        if dom and rng.random() < NOT_OFFERED:
            verdict = "not_offered"
        elif dom:
            picks.append(dom)
        rng.shuffle(picks)
        tools, names = [], {}
        for x in picks:
            t, nm = domain_tool(x, rng, zh)
            tools.append(t)
            names[x] = nm
        messages = [
            {"role": "user" if x["role"] == "usr" else "assistant", "content": x["content"]} for x in msgs[: i + 1]
        ]
        first = C.fit_window(messages, [], rng.choice([0, 1, 2]))
        if first is None:
            counts.drop("turn longer than the reader's window")
            continue
        ex = {
            "tools": tools,
            "messages": messages[first:],
            "spans": {},
            "golds": [],
            "missing": [],
            "kind": f"crosswoz_{verdict}",
            "lang": "zh",
            "source": "crosswoz",
        }
        if verdict == "call":
            ti = picks.index(dom)
            g = {"tool_index": ti, "args": []}
            for p, (s, e) in vals[dom].items():
                key = f"0.{names[dom][p]}"
                bs, be = C.byte_span(m["content"], s, e)
                ex["spans"][key] = [len(ex["messages"]) - 1, bs, be]
                g["args"].append([[names[dom][p]], ["span", key]])
            ex["golds"] = [g]
            required = DOMAINS[dom][4]
            ex["missing"] = [[ti, [names[dom][p]]] for p in required if p not in vals[dom]]
            if ex["missing"]:
                ex["kind"] = "crosswoz_missing"
        C.check_example(ex)
        counts.keep(ex["kind"])
        yield ex


def convert(root, split, seed, counts):
    for rec in C.read_jsonl(os.path.join(root, "crosswoz", f"{split}.jsonl.gz")):
        for did, d in rec.items():
            yield from convert_dialogue(d, random.Random(f"{seed}/{did}"), counts)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=C.DATA)
    ap.add_argument("--split", default="val", choices=["val", "test"])
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    counts = C.Counts(f"crosswoz/{args.split}")
    C.write_jsonl(args.out, convert(args.data, args.split, args.seed, counts))
    print(json.dumps(counts.report(), ensure_ascii=False))


if __name__ == "__main__":
    main()
