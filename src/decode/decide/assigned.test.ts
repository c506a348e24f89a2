import { describe, expect, it } from "vitest";
import { spanText } from "../../model/serialize.js";
import { compile, tool } from "../../tools/testing/compile.js";
import type { Slot } from "../../tools/types.js";
import type { SerializedConversation } from "../../model/serialize.js";
import { assignedBoolean, mentionedBoolean, assignedSpan, countedSpan, formattedSpan, spokenName, type AssignedSpan } from "./assigned.js";
import { userConversation } from "../testing/conversation.js";

/** The compiled slot of a tool's one parameter `name`. */
function slotNamed(name: string, type: "string" | "boolean" | "integer"): Slot {
  const slot = compile(tool("t", { type: "object", properties: { [name]: { type } } })).tools[0]?.slots[0];
  if (!slot) throw new Error(`no slot ${name}`);
  return slot;
}

type SpanFinder = (conversation: SerializedConversation, slot: Slot) => AssignedSpan | null;

/** The text `find` reads for parameter `name` (of `type`) in a conversation of user messages, or null. */
function reader(find: SpanFinder, type: "string" | "integer") {
  return (name: string, ...texts: string[]): string | null => {
    const { conversation } = userConversation(...texts);
    const span = find(conversation, slotNamed(name, type));
    return span && spanText(conversation, span.start, span.end);
  };
}

const assigned = reader(assignedSpan, "string");

describe("assignedSpan", () => {
  it("reads the value a message assigns to a parameter by name", () => {
    const text = "roots of a quadratic with coefficients a=1, b = -3, c: 2.";
    expect([assigned("a", text), assigned("b", text), assigned("c", text)]).toEqual(["1", "-3", "2"]);
    expect(assigned("order_id", "cancel it (order_id: 'A-1042')")).toBe("A-1042");
    const joined = "the roots where a=2, b=5 and c=3 ?";
    expect([assigned("a", joined), assigned("b", joined), assigned("c", joined)]).toEqual(["2", "5", "3"]);
  });

  it("assigns nothing when the value runs on, the name is part of a word, or only an earlier message assigns it", () => {
    expect(assigned("city", "city: Dawson Creek please")).toBeNull();
    expect(assigned("size", "size: 5 and color blue")).toBeNull();
    expect(assigned("a", "alpha=1, data=2")).toBeNull();
    expect(assigned("a", "a=1", "now the same with 2")).toBeNull();
  });
});

describe("countedSpan", () => {
  const counted = reader(countedSpan, "integer");

  it("reads the number right before a parameter's name, singular or plural, in digits or words", () => {
    const house = "a house with 3 bedrooms, 2 bathrooms and area of 1800 square feet";
    expect([counted("bedrooms", house), counted("bathrooms", house)]).toEqual(["3", "2"]);
    expect([counted("hits", "who has 180 hits and 600 at-bats"), counted("at_bats", "who has 180 hits and 600 at-bats")]).toEqual(["180", "600"]);
    expect([counted("adults", "for two adults and one child"), counted("children", "for two adults and one child")]).toEqual(["two", "one"]);
    expect(counted("outstanding_shares", "with 100 million outstanding shares")).toBe("100 million");
    expect([counted("num_tickets", "Get me two tickets for Eminem"), counted("number_of_matches", "the next 3 matches")]).toEqual(["two", "3"]);
  });

  it("reads nothing when no number or several numbers count the name, or a comma stands between", () => {
    expect(counted("bedrooms", "the bedrooms are large")).toBeNull();
    expect(counted("days", "3 days or 5 days")).toBeNull();
    expect(counted("rate", "a deposit of $1000, rate of 3%")).toBeNull();
    expect(counted("rate", "a deposit of 1000, rate 3%")).toBeNull();
  });
});

describe("formattedSpan", () => {
  const formatted = reader(formattedSpan, "string");

  it("reads the one URL or e-mail address of the message for a parameter whose name asks for it", () => {
    const text = "Send a GET request to 'https://api.example.com/v1/data?x=1', and mail ana.b@corp.io.";
    expect(formatted("url", text)).toBe("https://api.example.com/v1/data?x=1");
    expect(formatted("imageUrl", text)).toBe("https://api.example.com/v1/data?x=1");
    expect(formatted("to_email", text)).toBe("ana.b@corp.io");
  });

  it("reads the one host of the message, a URL, a domain or an IP address, for a host parameter", () => {
    expect(formatted("host", "a Postgres server for our Canada office, domain 'http://plgah.ca', user pascal")).toBe("http://plgah.ca");
    expect(formatted("host", "The nickname will be PrimaryDB, host 192.168.0.12 and port 5432.")).toBe("192.168.0.12");
    expect(formatted("hostname", "The server's hostname is data.example.com, API key 12345-ABCDE")).toBe("data.example.com");
    expect(formatted("host", "mail ana.b@corp.io about the report.pdf")).toBeNull();
  });

  it("reads nothing for other names, or when the message holds no URL or several", () => {
    expect(formatted("query", "search https://a.io for shoes")).toBeNull();
    expect(formatted("curl", "search https://a.io for shoes")).toBeNull();
    expect(formatted("url", "compare https://a.io and https://b.io")).toBeNull();
    expect(formatted("url", "open the usual site")).toBeNull();
  });
});

describe("assignedBoolean", () => {
  const said = (name: string, ...texts: string[]) => assignedBoolean(userConversation(...texts).conversation, slotNamed(name, "boolean"));

  it("reads the boolean the last message gives a parameter in words", () => {
    expect(said("gift_wrap", "add it to my cart, gift wrap: yes")).toBe(true);
    expect(said("palateRedheads", "rename it, palate redheads: no, and lost calicos")).toBe(false);
    expect(said("activated", "and activated off please")).toBe(false);
    expect(said("papacy", "check deism: enable papacy, device")).toBe(true);
    expect(said("first_specking", "archive it (graphology, without first specking)")).toBe(false);
  });

  it("gives nothing when the message says both, says nothing, or only an earlier message says it", () => {
    expect(said("habituated", "habituated: yes. And habituated: no")).toBeNull();
    expect(said("gift_wrap", "add it to my cart")).toBeNull();
    expect(said("gift_wrap", "gift wrap: yes", "now another one")).toBeNull();
    expect(said("wrap", "giftwrap: yes")).toBeNull();
  });
});

describe("spokenName", () => {
  it("matches a name's words joined as people write them, a trailing number apart or not", () => {
    const matches = (name: string, text: string) => new RegExp(`^${spokenName(name)}$`, "i").test(text);
    expect(matches("gift_wrap", "gift wrap")).toBe(true);
    expect(matches("giftWrap", "gift-wrap")).toBe(true);
    expect(matches("lang2", "lang 2")).toBe(true);
    expect(matches("lang2", "lang2")).toBe(true);
    expect(matches("lang2", "lang 3")).toBe(false);
    expect(spokenName("__")).toBe("");
  });
});

describe("mentionedBoolean", () => {
  const mentioned = (name: string, ...texts: string[]) => mentionedBoolean(userConversation(...texts).conversation, slotNamed(name, "boolean"));

  it("is true when the last message names every meaningful word of the parameter's name", () => {
    expect(mentioned("include_precipitation", "the weather in New York including the precipitation")).toBe(true);
    expect(mentioned("is_unisex", "find me a unisex salon in Pinole")).toBe(true);
    expect(mentioned("include_images", "the specs of ACHD, I want to see images")).toBe(true);
  });

  it("is false when a negation comes shortly before, in English or Chinese", () => {
    expect(mentioned("is_unisex", "a hair stylist in Fremont, it shouldn't be unisex")).toBe(false);
    expect(mentioned("full_text", "the court case in Texas. Don't return full text")).toBe(false);
    expect(mentioned("antibiotic", "麻烦register other，不要antibiotic")).toBe(false);
  });

  it("is null when the last message leaves a word of the name out, or only an earlier message names it", () => {
    expect(mentioned("include_wind_speed", "the weather including the wind")).toBeNull();
    expect(mentioned("is_unisex", "a unisex salon", "in Pinole then")).toBeNull();
    expect(mentioned("include_all", "include everything")).toBeNull();
  });
});
