import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ChatMessage, ToolDefinition } from "../caller/types.js";
import { compileToolSet } from "../tools/compile.js";
import { elementMatch, serializeConversation, spanText, WordMatcher } from "./features.js";
import { loadShippedConfig } from "./testing/load-config.js";

interface ParityCase {
  name: string;
  /** Overrides the fixture's setting for this case. */
  zh_glosses?: boolean;
  tools: ToolDefinition[];
  messages: ChatMessage[];
  expected: {
    elements: Array<{ kind: number; parent: number; text: string; name_words: string[]; description_words: string[] }>;
    elem_ids: number[][];
    input_ids: number[];
    positions: Array<[number, number]>;
    elem_match_nonzero: Array<[number, number, number]>;
  };
}

const fixture = JSON.parse(readFileSync(join(import.meta.dirname, "../../test/fixtures/features-parity.json"), "utf8")) as {
  max_conversation_tokens: number;
  max_element_tokens: number;
  /** Whether training/make_fixture.py wrote it with the Chinese glosses on (match.zh_glosses). */
  zh_glosses: boolean;
  cases: ParityCase[];
};

const config = loadShippedConfig();

describe("features parity with training/features.py", () => {
  it("has cases to check, written with the Chinese glosses on", () => {
    expect(fixture.cases.length).toBeGreaterThan(0);
    expect(fixture.zh_glosses).toBe(true);
    expect(fixture.cases.some((c) => c.zh_glosses === false)).toBe(true);
  });

  for (const testCase of fixture.cases) {
    describe(testCase.name, () => {
      const words = new WordMatcher({ ...config.match, zh_glosses: testCase.zh_glosses ?? fixture.zh_glosses });
      const set = compileToolSet(testCase.tools, { words, maxElementTokens: fixture.max_element_tokens, pad: config.tokenizer.special.pad }, "k");
      const conversation = serializeConversation(testCase.messages, config.tokenizer.special, fixture.max_conversation_tokens);

      it("builds the same elements", () => {
        expect(
          set.elements.map((e) => ({ kind: e.kind, parent: e.parent, text: e.text, name_words: e.nameWords, description_words: e.descriptionWords })),
        ).toEqual(testCase.expected.elements);
      });

      it("builds the same element ids", () => {
        const L = fixture.max_element_tokens;
        const rows = testCase.expected.elem_ids.map((_, e) => Array.from(set.tensors.elemIds.subarray(e * L, (e + 1) * L), Number));
        expect(rows).toEqual(testCase.expected.elem_ids);
        expect(Array.from(set.tensors.elemKind, Number)).toEqual(testCase.expected.elements.map((e) => e.kind));
        expect(Array.from(set.tensors.elemParent, Number)).toEqual(testCase.expected.elements.map((e) => e.parent));
      });

      it("serialises the conversation the same way", () => {
        expect(Array.from(conversation.ids)).toEqual(testCase.expected.input_ids);
        const positions = Array.from(conversation.ids, (_, t) => [conversation.message[t], conversation.offset[t]]);
        expect(positions).toEqual(testCase.expected.positions);
      });

      it("computes the same matching features", () => {
        const T = conversation.ids.length;
        const match = elementMatch(set.elements, conversation.ids, words, config.match.prefix_len);
        const nonzero: Array<[number, number, number]> = [];
        match.forEach((v, i) => {
          if (v !== 0) nonzero.push([Math.floor(i / (2 * T)), Math.floor(i / 2) % T, i % 2]);
        });
        const key = (x: [number, number, number]): string => x.join(",");
        expect(nonzero.map(key).sort()).toEqual(testCase.expected.elem_match_nonzero.map(key).sort());
      });

      it("maps every text position back to its byte in the message", () => {
        for (let t = 0; t < conversation.ids.length; t++) {
          if ((conversation.offset[t] as number) < 0) continue;
          const mi = conversation.message[t] as number;
          expect(conversation.texts[mi]?.[conversation.offset[t] as number]).toBe(conversation.ids[t]);
        }
      });
    });
  }
});

describe("spanText", () => {
  const special = config.tokenizer.special;
  const conversation = serializeConversation(
    [
      { role: "system", content: "Be brief." },
      { role: "user", content: "Ship 3 mugs to Zürich" },
    ],
    special,
    512,
  );
  const positionOf = (message: number, offset: number): number =>
    Array.from(conversation.ids).findIndex((_, t) => conversation.message[t] === message && conversation.offset[t] === offset);

  it("returns the substring of a span inside one message", () => {
    expect(spanText(conversation, positionOf(1, 5), positionOf(1, 10))).toBe("3 mugs");
  });

  it("widens a span cut inside a multi-byte character to the whole character", () => {
    const u = "Ship 3 mugs to Z".length;
    expect(spanText(conversation, positionOf(1, 15), positionOf(1, u))).toBe("Zü");
  });

  it("refuses spans across messages or over role ids", () => {
    expect(spanText(conversation, positionOf(0, 0), positionOf(1, 3))).toBeNull();
    expect(spanText(conversation, positionOf(1, 0) - 1, positionOf(1, 3))).toBeNull();
  });
});
