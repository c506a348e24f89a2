import { describe, expect, it } from "vitest";
import { continueNameList, continueNumberList, withNumberSuffix } from "./lists.js";
import { userConversation as setup } from "../testing/conversation.js";

describe("continueNumberList", () => {
  it("reads the rest of a list forward and backward from the items found", () => {
    const { conversation, at, read } = setup("Histogram of 85, 90, 88, 92 and 86. Bins 5");
    expect(read(continueNumberList(conversation, [at(0, "88")], Infinity))).toEqual(["85", "90", "88", "92", "86"]);
  });

  it("stops at words, at maxItems, and inside the item's message", () => {
    const { conversation, at, read } = setup("sizes 1, 2", "3, 4 and 5 kg, price 7");
    expect(read(continueNumberList(conversation, [at(1, "4")], Infinity))).toEqual(["3", "4", "5"]);
    expect(read(continueNumberList(conversation, [at(1, "4")], 2))).toEqual(["4", "5"]);
  });

  it("reads signed and decimal numbers and leaves a sentence's full stop out", () => {
    const { conversation, at, read } = setup("sort [5, -3, 4.5; 1e3] now. Then 2.");
    expect(read(continueNumberList(conversation, [at(0, "4.5")], Infinity))).toEqual(["5", "-3", "4.5", "1e3"]);
  });

  it("does not take a piece of a word or of a longer number", () => {
    const { conversation, at, read } = setup("codes A7, 12 and 3.5.1");
    expect(read(continueNumberList(conversation, [at(0, "12")], Infinity))).toEqual(["12"]);
  });

  it("reads a number with thousands separators as one item, and no number out of an ID", () => {
    const { conversation, at, read } = setup("values 8, 56,732 and 4017; codes LWT-212, 9");
    expect(read(continueNumberList(conversation, [at(0, "4017")], Infinity))).toEqual(["8", "56,732", "4017"]);
    expect(read(continueNumberList(conversation, [at(0, "9")], Infinity))).toEqual(["9"]);
  });

  it("gives the added items the lowest probability of the found ones", () => {
    const { conversation, at } = setup("1, 2, 3");
    const spans = continueNumberList(conversation, [at(0, "2", 0.8), at(0, "3", 0.6)], Infinity);
    expect(spans.map((s) => s.probability)).toEqual([0.6, 0.8, 0.6]);
  });
});

describe("withNumberSuffix", () => {
  it("takes the magnitude word after a number into its span", () => {
    const { conversation, at, read } = setup("population 213 million, area 8.5 Billion km2, 3 thousandths");
    expect(read([withNumberSuffix(conversation, at(0, "213"))])).toEqual(["213 million"]);
    expect(read([withNumberSuffix(conversation, at(0, "8.5"))])).toEqual(["8.5 Billion"]);
  });

  it("takes a percent sign after a number into its span", () => {
    const { conversation, at, read } = setup("a rate of 5% over 12 % and 7 percent");
    expect(read([withNumberSuffix(conversation, at(0, "5"))])).toEqual(["5%"]);
    expect(read([withNumberSuffix(conversation, at(0, "12"))])).toEqual(["12 %"]);
    expect(read([withNumberSuffix(conversation, at(0, "7"))])).toEqual(["7"]);
  });

  it("takes the rest of a number the span stopped inside, but not the next item of a list", () => {
    const { conversation, at, read } = setup("is 1.75m tall, paid 56,732 dollars, for 5,10 and 15");
    expect(read([withNumberSuffix(conversation, at(0, "1"))])).toEqual(["1.75"]);
    expect(read([withNumberSuffix(conversation, at(0, "56"))])).toEqual(["56,732"]);
    const five = at(0, "5,");
    expect(read([withNumberSuffix(conversation, { ...five, end: five.start })])).toEqual(["5"]);
  });

  it("leaves a span alone when no magnitude word follows it or the word only starts like one", () => {
    const { conversation, at, read } = setup("3 thousandths of 12 apples", "millions");
    expect(read([withNumberSuffix(conversation, at(0, "3"))])).toEqual(["3"]);
    expect(read([withNumberSuffix(conversation, at(0, "12"))])).toEqual(["12"]);
  });
});

describe("continueNameList", () => {
  it("reads the names that continue a name's list, a state code staying with its city", () => {
    const { conversation, at, read } = setup(
      "events of Abraham Lincoln and George Washington; weather in Austin, TX, Boston, MA and Los Angeles now",
    );
    expect(read(continueNameList(conversation, at(0, "Abraham Lincoln"), Infinity))).toEqual(["Abraham Lincoln", "George Washington"]);
    expect(read(continueNameList(conversation, at(0, "Austin, TX"), Infinity))).toEqual(["Austin, TX", "Boston, MA", "Los Angeles"]);
  });

  it("reads nothing more after a lower-case word, a span that is no name, or at maxItems", () => {
    const { conversation, at, read } = setup("Seattle and the sea, apples and Pears, Oslo, Rome and Bern");
    expect(read(continueNameList(conversation, at(0, "Seattle"), Infinity))).toEqual(["Seattle"]);
    expect(read(continueNameList(conversation, at(0, "apples"), Infinity))).toEqual(["apples"]);
    expect(read(continueNameList(conversation, at(0, "Oslo"), 2))).toEqual(["Oslo", "Rome"]);
  });
});
