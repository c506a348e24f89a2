/**
 * The built-in quick set of the report (used when no evaluation reports exist yet, e.g. in a clean clone): shop
 * requests in the evaluation format (BFCL questions + answers with the `missing` and `no_call` kinds), three
 * categories by id: `quick_calls`, `quick_missing`, `quick_irrelevance`. Small enough to run in seconds; it shows
 * the page working, not the model's quality (that is what `npm run eval` on the held-out and BFCL sets is for).
 */
import type { GorillaFunction } from "../eval/gorilla.js";

const str = (description: string) => ({ type: "string", description });

export const QUICK_TOOLS: GorillaFunction[] = [
  {
    name: "get_order_status",
    description: "Look up the status of an order",
    parameters: { type: "dict", properties: { order_id: str("The order number") }, required: ["order_id"] },
  },
  {
    name: "search_products",
    description: "Search the product catalogue",
    parameters: {
      type: "dict",
      properties: { query: str("What to search for"), color: { type: "string", enum: ["red", "green", "blue", "black"], description: "Colour" } },
      required: ["query"],
    },
  },
  {
    name: "track_shipment",
    description: "Track a parcel by its tracking number",
    parameters: { type: "dict", properties: { tracking_number: str("The carrier's tracking number") }, required: ["tracking_number"] },
  },
  {
    name: "add_to_cart",
    description: "Add a product to the shopping cart",
    parameters: {
      type: "dict",
      properties: { product_id: str("The product id"), quantity: { type: "integer", description: "How many" } },
      required: ["product_id", "quantity"],
    },
  },
  {
    name: "apply_coupon",
    description: "Apply a discount coupon code to the cart",
    parameters: { type: "dict", properties: { code: str("The coupon code") }, required: ["code"] },
  },
];

interface QuickCase {
  text: string;
  answer: { ground_truth: Array<Record<string, Record<string, unknown[]>>> } | { missing: Record<string, string[]> } | { no_call: true };
}

const calls = (name: string, args: Record<string, unknown[]>): QuickCase["answer"] => ({ ground_truth: [{ [name]: args }] });

const CASES: Record<"calls" | "missing" | "irrelevance", QuickCase[]> = {
  calls: [
    { text: "Where is order A-1042?", answer: calls("get_order_status", { order_id: ["A-1042"] }) },
    { text: "What's the status of order B-7781?", answer: calls("get_order_status", { order_id: ["B-7781"] }) },
    { text: "Has order 55821 shipped yet?", answer: calls("get_order_status", { order_id: ["55821"] }) },
    { text: "Track parcel 1Z999AA10123456784 for me", answer: calls("track_shipment", { tracking_number: ["1Z999AA10123456784"] }) },
    { text: "Where is my package with tracking number JD014600006281?", answer: calls("track_shipment", { tracking_number: ["JD014600006281"] }) },
    { text: "Search for running shoes", answer: calls("search_products", { query: ["running shoes"], color: [""] }) },
    { text: "Find me a red winter jacket", answer: calls("search_products", { query: ["winter jacket", "red winter jacket"], color: ["red", ""] }) },
    { text: "Do you have blue yoga mats?", answer: calls("search_products", { query: ["yoga mats", "blue yoga mats"], color: ["blue", ""] }) },
    { text: "Add 2 of product P-3310 to my cart", answer: calls("add_to_cart", { product_id: ["P-3310"], quantity: [2] }) },
    { text: "Put 3 units of SKU-8842 in the cart", answer: calls("add_to_cart", { product_id: ["SKU-8842"], quantity: [3] }) },
    { text: "Apply coupon SAVE20 please", answer: calls("apply_coupon", { code: ["SAVE20"] }) },
    { text: "Use the discount code WELCOME10", answer: calls("apply_coupon", { code: ["WELCOME10"] }) },
  ],
  missing: [
    { text: "Where is my order?", answer: { missing: { get_order_status: ["order_id"] } } },
    { text: "Can you track my parcel?", answer: { missing: { track_shipment: ["tracking_number"] } } },
    { text: "Apply my coupon", answer: { missing: { apply_coupon: ["code"] } } },
    { text: "Add product P-3310 to my cart", answer: { missing: { add_to_cart: ["quantity"] } } },
    { text: "I want to check the status of an order", answer: { missing: { get_order_status: ["order_id"] } } },
    { text: "Please track my shipment", answer: { missing: { track_shipment: ["tracking_number"] } } },
  ],
  irrelevance: [
    { text: "What's the capital of France?", answer: { no_call: true } },
    { text: "Tell me a joke about cats", answer: { no_call: true } },
    { text: "How tall is Mount Everest?", answer: { no_call: true } },
    { text: "Translate 'good morning' into Spanish", answer: { no_call: true } },
    { text: "What is 17 times 23?", answer: { no_call: true } },
    { text: "Who wrote Pride and Prejudice?", answer: { no_call: true } },
  ],
};

export interface QuickSet {
  /** JSON lines in BFCL's question format, and the answers. */
  questions: string;
  answers: string;
  /** The same cases as chat-completion request bodies (for the in-process latency run). */
  requests: Array<Record<string, unknown>>;
}

export function quickSet(): QuickSet {
  const questions: string[] = [];
  const answers: string[] = [];
  const requests: Array<Record<string, unknown>> = [];
  const tools = QUICK_TOOLS.map((f) => ({ type: "function", function: { ...f, parameters: { ...f.parameters, type: "object" } } }));
  for (const [category, cases] of Object.entries(CASES)) {
    cases.forEach((c, i) => {
      const id = `quick_${category}_${i}`;
      questions.push(JSON.stringify({ id, question: [[{ role: "user", content: c.text }]], function: QUICK_TOOLS }));
      answers.push(JSON.stringify({ id, ...c.answer }));
      requests.push({ model: "edgecall", messages: [{ role: "user", content: c.text }], tools });
    });
  }
  return { questions: `${questions.join("\n")}\n`, answers: `${answers.join("\n")}\n`, requests };
}
