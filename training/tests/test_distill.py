"""distill.py against a local stand-in teacher (http.server): run with
    /usr/bin/python3 -m unittest discover -s training/tests -v
"""
import json
import os
import sys
import tempfile
import threading
import unittest
from http.server import BaseHTTPRequestHandler, HTTPServer

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

import data  # noqa: E402
import distill  # noqa: E402

TOOLS = [
    {
        "type": "function",
        "function": {
            "name": "cancel_order",
            "description": "Cancel an order",
            "parameters": {
                "type": "object",
                "properties": {
                    "order_id": {"type": "string"},
                    "reason": {"type": "string", "enum": ["late", "changed_mind"]},
                    "quantity": {"type": "integer"},
                    "notify": {"type": "boolean"},
                },
                "required": ["order_id"],
                "additionalProperties": False,
            },
        },
    }
]

# what the stand-in teacher answers, by the last user message
ANSWERS = {
    "Cancel order ORD-991, it is late. Notify me.": [
        ("cancel_order", {"order_id": "ORD-991", "reason": "late", "notify": True})
    ],
    "Cancel twelve units of order AB-7": [("cancel_order", {"order_id": "AB-7", "quantity": 12})],
    "Cancel order ZZ-1 please": [("cancel_order", {"order_id": "ZZ-2"})],  # not in the text: dropped
    "Cancel order Q-5 because reasons": [("cancel_order", {"order_id": "Q-5", "reason": "whatever"})],  # bad enum
    "Cancel my order": [("cancel_order", {"reason": "late"})],  # required missing: invalid
    "Cancel order K-1 via fax": [("fax_order", {"order_id": "K-1"})],  # unknown tool
    "What's the weather?": [],  # no call: irrelevance example
}


class Teacher(BaseHTTPRequestHandler):
    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        assert self.path == "/v1/chat/completions" and body["tools"] == TOOLS
        calls = ANSWERS[body["messages"][-1]["content"]]
        msg = {"role": "assistant", "content": None if calls else "I cannot help with that."}
        if calls:
            msg["tool_calls"] = [
                {"id": f"c{i}", "type": "function", "function": {"name": n, "arguments": json.dumps(a)}}
                for i, (n, a) in enumerate(calls)
            ]
        out = json.dumps(
            {
                "id": "x",
                "object": "chat.completion",
                "choices": [{"index": 0, "message": msg, "finish_reason": "tool_calls"}],
            }
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(out)))
        self.end_headers()
        self.wfile.write(out)

    def log_message(self, *args):
        pass


class DistillTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = HTTPServer(("127.0.0.1", 0), Teacher)
        threading.Thread(target=cls.server.serve_forever, daemon=True).start()
        cls.url = f"http://127.0.0.1:{cls.server.server_address[1]}/v1"

    @classmethod
    def tearDownClass(cls):
        cls.server.shutdown()

    def run_distill(self):
        tmp = tempfile.mkdtemp()
        prompts, out = os.path.join(tmp, "prompts.jsonl"), os.path.join(tmp, "out.jsonl")
        with open(prompts, "w") as f:
            for text in ANSWERS:
                f.write(json.dumps({"tools": TOOLS, "messages": [{"role": "user", "content": text}]}) + "\n")
        sys.argv = ["distill.py", "--prompts", prompts, "--teacher-url", self.url, "--out", out]
        distill.main()
        with open(out) as f:
            return [json.loads(line) for line in f], out

    def test_keeps_only_valid_aligned_calls(self):
        kept, _ = self.run_distill()
        texts = [ex["messages"][-1]["content"] for ex in kept]
        self.assertEqual(
            texts,
            [
                "Cancel order ORD-991, it is late. Notify me.",
                "Cancel twelve units of order AB-7",
                "What's the weather?",
            ],
        )

    def test_labels_point_at_the_values(self):
        kept, _ = self.run_distill()
        first = kept[0]
        args = dict((tuple(p), lab) for p, lab in first["golds"][0]["args"])
        mi, bs, be = first["spans"][args[("order_id",)][1]]
        self.assertEqual(first["messages"][mi]["content"].encode()[bs:be].decode(), "ORD-991")
        self.assertEqual(args[("reason",)], ["option", 0])
        self.assertEqual(args[("notify",)], ["bool", True])
        words = dict((tuple(p), lab) for p, lab in kept[1]["golds"][0]["args"])
        mi, bs, be = kept[1]["spans"][words[("quantity",)][1]]
        self.assertEqual(kept[1]["messages"][mi]["content"].encode()[bs:be].decode(), "twelve")
        self.assertEqual(kept[2]["golds"], [])

    def test_output_trains(self):
        _, path = self.run_distill()
        encoded = data.load_distilled(path)
        self.assertEqual(len(encoded), 3)
        x = encoded[0]
        order_row = [e for e, el in enumerate(x["elements"]) if el["path"] == ["order_id"]][0]
        self.assertEqual(int(x["start"][order_row].sum()), 1)
        self.assertEqual(int(x["count"][0]), 1)
        self.assertEqual(int(encoded[2]["count"][0]), 0)


if __name__ == "__main__":
    unittest.main()
