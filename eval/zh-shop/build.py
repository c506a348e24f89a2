"""Writes the Chinese shop set in the evaluation format (BFCL questions + answers with `missing` and `no_call`):

    /usr/bin/python3 eval/zh-shop/build.py    # questions.{zh,en}.jsonl, answers.{zh,en}.jsonl beside this file

Case ids: `{zh|en}_{kind}_{zhtools|entools}_{n}` (the eval's category is the id without its number); a case and its
twin share n, tools and answer. Alternate cases of each kind describe their tools in Chinese and in English."""

import json
import os

from cases import CASES
from tools import SETS, TOOLS

HERE = os.path.dirname(os.path.abspath(__file__))


def rows():
    seen = {}
    for n, (kind, toolset, zh, en, answer) in enumerate(CASES):
        # A twin must be a translation, not the same text; Chinese requests carry Chinese characters.
        assert zh != en and any("\u4e00" <= ch <= "\u9fff" for ch in zh), (n, zh)
        assert not any("\u4e00" <= ch <= "\u9fff" for ch in en), (n, en)
        tool_lang = "zh" if seen.get(kind, 0) % 2 == 0 else "en"
        seen[kind] = seen.get(kind, 0) + 1
        functions = [TOOLS[name][tool_lang] for name in SETS[toolset]]
        for lang, text in (("zh", zh), ("en", en)):
            cid = f"{lang}_{kind}_{tool_lang}tools_{n}"
            question = {"id": cid, "question": [[{"role": "user", "content": text}]], "function": functions}
            yield lang, question, {"id": cid, **answer}


def main():
    files = {}
    for lang in ("zh", "en"):
        files[lang] = (
            open(os.path.join(HERE, f"questions.{lang}.jsonl"), "w", encoding="utf-8"),
            open(os.path.join(HERE, f"answers.{lang}.jsonl"), "w", encoding="utf-8"),
        )
    counts = {}
    for lang, question, answer in rows():
        q, a = files[lang]
        q.write(json.dumps(question, ensure_ascii=False) + "\n")
        a.write(json.dumps(answer, ensure_ascii=False) + "\n")
        category = question["id"].rsplit("_", 1)[0]
        counts[category] = counts.get(category, 0) + 1
    for q, a in files.values():
        q.close()
        a.close()
    print(json.dumps(counts, ensure_ascii=False))


if __name__ == "__main__":
    main()
