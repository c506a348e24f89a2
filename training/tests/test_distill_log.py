"""distill_log.py: the worker's distillation-log records become distilled examples.
    /usr/bin/python3 -m unittest training/tests/test_distill_log.py -v
"""
import json
import os
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

import distill_log  # noqa: E402

TOOLS = [
    {
        "type": "function",
        "function": {
            "name": "track_order",
            "parameters": {"type": "object", "properties": {"order_id": {"type": "string"}}, "required": ["order_id"]},
        },
    }
]


def record(text, args):
    """A record as src/distill/log.ts writes it."""
    message = {
        "role": "assistant",
        "content": None,
        "tool_calls": [
            {"id": "c1", "type": "function", "function": {"name": "track_order", "arguments": json.dumps(args)}}
        ],
    }
    return {
        "v": 1,
        "ts": "2026-12-07T00:00:00.000Z",
        "tenant": "0123456789abcdef",
        "origin_model": "big",
        "route_reasons": ["low_confidence"],
        "request": {
            "messages": [{"role": "user", "content": text}],
            "tools": TOOLS,
            "tool_choice": "auto",
            "parallel_tool_calls": True,
        },
        "response": {"choices": [{"index": 0, "message": message, "finish_reason": "tool_calls"}]},
    }


class DistillLogTest(unittest.TestCase):
    def test_records_become_examples_and_unusable_ones_are_counted(self):
        with tempfile.TemporaryDirectory() as tmp:
            os.makedirs(os.path.join(tmp, "distill", "2026-12-07"))
            path = os.path.join(tmp, "distill", "2026-12-07", "iso-000000.jsonl")
            with open(path, "w") as f:
                f.write(json.dumps(record("Where is order A-77?", {"order_id": "A-77"})) + "\n")
                f.write(json.dumps(record("Where is order B-1?", {"order_id": "Z-9"})) + "\n")  # not in the text
                f.write(json.dumps(record("Where is order A-77?", {"order_id": "A-77"})) + "\n")  # same request
            kept, dropped = distill_log.examples(distill_log.read_records([tmp]))
        self.assertEqual(len(kept), 1)
        self.assertEqual(dropped, {"value not in the conversation": 1})
        self.assertEqual(kept[0]["kind"], "distilled")
        self.assertEqual(kept[0]["golds"][0]["tool_index"], 0)
        span = list(kept[0]["spans"].values())[0]
        self.assertEqual("Where is order A-77?".encode()[span[1] : span[2]], b"A-77")


if __name__ == "__main__":
    unittest.main()
