"""Write test/fixtures/features-parity.json: the expected model inputs for varied cases (format: training/README.md).

    /usr/bin/python3 training/make_fixture.py

Written with the Chinese glosses on (recorded as "zh_glosses": true), whatever ZH_GLOSSES says; a case may record
its own "zh_glosses" (false: a model trained before them). src/model/features.test.ts reads the same setting.
"""
import json
import os

import features as F


def fn(name, description, properties, required=()):
    params = {"type": "object", "properties": properties}
    if required:
        params["required"] = list(required)
    f = {"name": name, "parameters": params}
    if description is not None:
        f["description"] = description
    return {"type": "function", "function": f}


def call(cid, name, args):
    return {"id": cid, "type": "function", "function": {"name": name, "arguments": json.dumps(args)}}


SHOP = [
    fn(
        "searchProducts",
        "Search the product catalog by keyword and price.",
        {
            "query": {"type": "string", "description": "Free-text keywords"},
            "maxPrice": {"type": "number", "description": "Highest acceptable price"},
            "sort_by": {"type": "string", "enum": ["price", "rating", "newest"], "description": "Result ordering"},
            "in_stock_only": {"type": "boolean"},
        },
        ["query"],
    ),
    fn(
        "create_shipment",
        "Ship an order to a customer address.",
        {
            "order_id": {"type": "string", "description": "The order ID, like ORD-1234"},
            "address": {
                "type": "object",
                "properties": {
                    "street": {"type": "string"},
                    "city": {"type": "string", "description": "Destination city"},
                    "zipCode": {"type": ["string", "null"]},
                },
                "required": ["city"],
            },
            "speed": {"type": "string", "enum": ["standard", "express", "overnight"]},
            "gift": {"type": "boolean", "description": "Wrap it as a present"},
            "tags": {"type": "array", "items": {"type": "string"}, "description": "Labels for the parcel"},
            "priority": {"type": "integer", "enum": [1, 2, 3]},
        },
        ["order_id", "address"],
    ),
]

CASES = [
    {
        "name": "single tool, camelCase and snake_case names, enum and boolean",
        "tools": SHOP[:1],
        "messages": [
            {"role": "user", "content": "Find waterproof hiking boots under $120, sorted by rating, in-stock only."}
        ],
    },
    {
        "name": "nested object flattened, enum of integers, array slot, tool without description",
        "tools": SHOP[1:] + [fn("ping", None, {})],
        "messages": [
            {"role": "system", "content": "You are a shop assistant."},
            {
                "role": "user",
                "content": "Please deliver order ORD-88213 to 12 Baker Street, London NW1 6XE "
                "by express; it's a gift. Priority 2.",
            },
        ],
    },
    {
        "name": "multi-turn with assistant tool_calls (two calls) and tool messages",
        "tools": SHOP,
        "messages": [
            {"role": "user", "content": "Look for a USB-C charger and ship my last order to Berlin."},
            {
                "role": "assistant",
                "content": None,
                "tool_calls": [
                    call("c1", "searchProducts", {"query": "USB-C charger", "maxPrice": 30, "in_stock_only": True}),
                    call("c2", "create_shipment", {"order_id": "ORD-1", "address": {"city": "Berlin"}}),
                ],
            },
            {"role": "tool", "tool_call_id": "c1", "content": '[{"sku":"CH-20W","price":19.99}]'},
            {"role": "tool", "tool_call_id": "c2", "content": '{"status":"queued"}'},
            {"role": "assistant", "content": "Found CH-20W for 19.99. Shipment queued."},
            {"role": "user", "content": "Great, make it overnight shipping instead."},
        ],
    },
    {
        "name": "Chinese message with ASCII values inside",
        "tools": SHOP,
        "messages": [{"role": "user", "content": "请把订单 ORD-5521 寄到上海，地址是 Nanjing Road 88 号，要加急（express）。"}],
    },
    {
        "name": "conversation longer than max_conversation_tokens (kept: cls + last T_max-1 ids)",
        "tools": SHOP[:1],
        "messages": [
            {"role": "user", "content": "I have been browsing for a while. " * 12},
            {"role": "assistant", "content": "Sure, tell me what you are looking for and your budget. " * 4},
            {
                "role": "user",
                "content": "Something like a mechanicalKeyboard with brown switches, max price "
                "95.50 EUR, newest first please. Not the 60% ones.",
            },
        ],
    },
    {
        "name": "identifier splitting: dots, dashes, slashes, acronyms, digits, stopwords, synonyms, prefixes",
        "tools": [
            fn(
                "get_HTTPResponse.v2-status/check",
                "Check the HTTP response status of a URL.",
                {
                    "targetURL": {"type": "string", "description": "The address to check"},
                    "retryCount2": {"type": "integer", "description": "How many retries"},
                    "mode": {"enum": ["fast", "thorough"], "description": "Checking mode"},
                    "x": {"type": "string"},
                },
            )
        ],
        "messages": [
            {
                "role": "user",
                "content": "Can you check https://example.com/statusPage quickly? "
                "Retry three times; the response should be 200. Quickest mode.",
            }
        ],
    },
]


ORDER_STATUS = fn(
    "get_order_status",
    "Look up the delivery status of an order.",
    {"order_id": {"type": "string", "description": "The order ID, like A-1042"}},
    ["order_id"],
)

ZH_TOOLS = [
    fn(
        "lookup_postcode",
        "查询一个地址的邮编",
        {
            "city": {"type": "string", "description": "城市名称"},
            "district": {"type": "string", "description": "区县，例如浦东新区"},
            "format": {"type": "string", "enum": ["简短", "完整"], "description": "返回格式"},
        },
        ["city"],
    ),
    fn(
        "change_address",
        "修改订单的收货地址",
        {
            "order_id": {"type": "string", "description": "订单编号（order number）"},
            "new_address": {"type": "string", "description": "新的收货地址"},
        },
        ["order_id", "new_address"],
    ),
]

ZH_CASES = [
    {
        "name": "Chinese glosses: Chinese request against English tools",
        "tools": [ORDER_STATUS] + SHOP[:1],
        "messages": [{"role": "user", "content": "帮我查一下订单A-1042的状态"}],
    },
    {
        "name": "Chinese glosses: Chinese tool, parameter and option descriptions",
        "tools": ZH_TOOLS,
        "messages": [
            {"role": "user", "content": "上海浦东新区的邮编是多少？要完整的。"},
            {"role": "assistant", "content": "上海浦东新区的邮编是200120。"},
            {"role": "user", "content": "把订单B-77的收货地址改成南京路88号"},
        ],
    },
    {
        "name": "Chinese glosses: mixed text (订单A-1042的) against English and Chinese schemas",
        "tools": [ORDER_STATUS, SHOP[1], ZH_TOOLS[1]],
        "messages": [{"role": "user", "content": "订单A-1042的收货地址改成北京路88号，用express寄，城市是北京。"}],
    },
    {
        "name": "Chinese glosses: a Chinese request cut mid-character by truncation (T_MAX)",
        "tools": [ORDER_STATUS, ZH_TOOLS[1]],
        "messages": [{"role": "user", "content": "我想查一下订单的物流状态，" * 15 + "订单号是A-1042，谢谢。"}],
    },
    {
        "name": "Chinese glosses off (a model trained before them): the same request matches nothing Chinese",
        "zh_glosses": False,
        "tools": [ORDER_STATUS, ZH_TOOLS[1]],
        "messages": [{"role": "user", "content": "帮我查一下订单A-1042的状态"}],
    },
]


def expected(case):
    F.ZH_GLOSSES = case.get("zh_glosses", True)
    x = F.model_inputs(case["tools"], case["messages"])
    m = x["elem_match"]
    triples = [[int(e), int(t), int(c)] for e, t, c in zip(*m.nonzero())]
    return {
        "elements": [
            {
                "kind": el["kind"],
                "parent": el["parent"],
                "text": el["text"],
                "name_words": el["name_words"],
                "description_words": el["desc_words"],
            }
            for el in x["elements"]
        ],
        "elem_ids": x["elem_ids"].tolist(),
        "input_ids": x["input_ids"].tolist(),
        "positions": [list(p) for p in x["positions"]],
        "elem_match_nonzero": triples,
    }


def main():
    out = {
        "format": "training/README.md#features-parity-fixture",
        "max_conversation_tokens": F.T_MAX,
        "max_element_tokens": F.L_MAX,
        "zh_glosses": True,
        "cases": [dict(case, expected=expected(case)) for case in CASES + ZH_CASES],
    }
    path = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "features-parity.json")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(out, f, ensure_ascii=False)
        f.write("\n")
    for case in out["cases"]:
        e = case["expected"]
        print(
            f"{case['name'][:60]:60s} E={len(e['elements'])} T={len(e['input_ids'])} match={len(e['elem_match_nonzero'])}"
        )


if __name__ == "__main__":
    main()
