/**
 * What the model's heads say on one evaluation case, element by element, next to the decoded answer: count
 * probabilities per tool, action probabilities per parameter and its likeliest spans. For studying a failure.
 * usage: npx tsx scripts/inspect-case.ts --questions FILE --id CASE_ID [--model DIR] [--cache DIR]
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { softmax } from "../src/decode/read/heads.js";
import { bestSpans } from "../src/decode/read/spans.js";
import { createDiskCachedRuntime, modelFingerprint } from "../src/engine/disk-cache.js";
import { createNodeRuntime } from "../src/engine/node.js";
import type { Feeds, GraphName, ModelRuntime, TensorData } from "../src/engine/types.js";
import { readQuestions } from "../src/eval/dataset.js";
import { createModelToolCaller, headsOf } from "../src/model/caller.js";
import { parseModelConfig } from "../src/model/config.js";
import { serializeConversation, spanText } from "../src/model/serialize.js";
import { compileToolSet } from "../src/tools/compile.js";
import { WordMatcher } from "../src/model/words.js";

const { values } = parseArgs({
  options: { questions: { type: "string" }, id: { type: "string" }, model: { type: "string", default: "wasm" }, cache: { type: "string" } },
});
if (!values.questions || !values.id) {
  console.error("usage: npx tsx scripts/inspect-case.ts --questions FILE --id CASE_ID [--model DIR] [--cache DIR]");
  process.exit(2);
}
const testCase = readQuestions(values.questions).find((c) => c.id === values.id);
if (!testCase) {
  console.error(`no case ${values.id} in ${values.questions}`);
  process.exit(2);
}
const modelDir = resolve(values.model);
const config = parseModelConfig(JSON.parse(readFileSync(join(modelDir, "config.json"), "utf8")));
const node = createNodeRuntime({ backend: "ort-web", modelDir });
const inner = values.cache ? createDiskCachedRuntime(node, values.cache, modelFingerprint(modelDir)) : node;
let outputs: Record<string, TensorData> = {};
const recording: ModelRuntime = {
  backend: inner.backend,
  async run(graph: GraphName, feeds: Feeds) {
    const out = await inner.run(graph, feeds);
    if (graph === "model") outputs = out;
    return out;
  },
};
const result = await createModelToolCaller(recording, config).call({
  messages: testCase.messages,
  tools: testCase.tools,
  tool_choice: "auto",
  parallel_tool_calls: true,
});

const words = new WordMatcher(config.match);
const set = compileToolSet(testCase.tools, { words, maxElementTokens: config.max_element_tokens, pad: config.tokenizer.special.pad }, "inspect");
const conversation = serializeConversation(testCase.messages, config.tokenizer.special, config.max_conversation_tokens);
const heads = headsOf(outputs, set.elements.length, conversation.ids.length, config);
const fixed = (ps: readonly number[]) => ps.map((p) => p.toFixed(2)).join(" ");
console.log(`last message: ${JSON.stringify(testCase.messages[testCase.messages.length - 1]?.content)}`);
for (const tool of set.tools) {
  console.log(`${tool.name}: count ${fixed(softmax(heads.count, tool.element * heads.countClasses, heads.countClasses))}`);
  for (const slot of tool.slots) {
    const action = softmax(heads.action, slot.element * 3, 3);
    const spans = bestSpans(conversation, heads.start, heads.end, slot.element, 3)
      .map((s) => `${JSON.stringify(spanText(conversation, s.start, s.end))} ${s.probability.toFixed(2)}`)
      .join(", ");
    const required = slot.requiredChain.every((r) => r) ? "required" : "optional";
    const fill = slot.fill;
    const options =
      fill.kind === "enum"
        ? `; options ${softmax(
            fill.optionElements.map((e) => heads.option[e] as number),
            0,
            fill.optionElements.length,
          )
            .map((p, i) => `${JSON.stringify(fill.options[i])} ${p.toFixed(2)}`)
            .join(", ")}`
        : "";
    console.log(`  ${slot.path.join(".")} (${fill.kind}, ${required}): absent/value/implied ${fixed(action)}; spans ${spans}${options}`);
  }
}
console.log(`decoded: ${JSON.stringify(result)}`);
