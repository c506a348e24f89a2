import { describe, expect, it } from "vitest";
import {
  asWholeValue,
  toAssignedValue,
  toClosingQuote,
  toQuoteOpened,
  toName,
  toNameEnd,
  toValueEnd,
  toWholeDate,
  toWholeName,
  toWholeToken,
  toWholeUrl,
} from "./whole.js";
import { userConversation } from "../testing/conversation.js";

describe("toClosingQuote", () => {
  it("extends a span that starts after an opening quote to the closing quote", () => {
    const { conversation, at, read } = userConversation(`the song 'Shape of You' and "Roe v. Wade" please`);
    expect(read([toClosingQuote(conversation, at(0, "Shape"))])).toEqual(["Shape of You"]);
    expect(read([toClosingQuote(conversation, at(0, "Roe"))])).toEqual(["Roe v. Wade"]);
  });

  it("cuts a span that runs past the closing quote", () => {
    const { conversation, at, read } = userConversation("the game 'Valorant' in 2022");
    expect(read([toClosingQuote(conversation, at(0, "Valorant' in 2022"))])).toEqual(["Valorant"]);
  });

  it("skips apostrophes inside words and leaves unquoted spans alone", () => {
    const { conversation, at, read } = userConversation("book 'Valentine's Day' for Tom's party");
    expect(read([toClosingQuote(conversation, at(0, "Valentine"))])).toEqual(["Valentine's Day"]);
    expect(read([toClosingQuote(conversation, at(0, "s party"))])).toEqual(["s party"]);
    expect(read([toClosingQuote(conversation, at(0, "party"))])).toEqual(["party"]);
  });

  it("leaves a span alone when no closing quote follows in its message", () => {
    const { conversation, at, read } = userConversation("say 'hello there", "world' now");
    expect(read([toClosingQuote(conversation, at(0, "hello"))])).toEqual(["hello"]);
  });
});

describe("toQuoteOpened", () => {
  it("starts a span after a quote it opens, and the whole value then runs to the closing quote", () => {
    const { conversation, at, read } = userConversation("the username will be 'pascal' and the song 'Bohemian Rhapsody' too");
    expect(read([toQuoteOpened(conversation, at(0, "will be 'pascal"))])).toEqual(["pascal"]);
    expect(read([asWholeValue(conversation, at(0, "the song 'Bohemian"))])).toEqual(["Bohemian Rhapsody"]);
  });

  it("leaves a span alone that closes its quote, opens with it or holds an apostrophe", () => {
    const { conversation, at, read } = userConversation("call 'pascal' now, at Tom's place");
    expect(read([toQuoteOpened(conversation, at(0, "call 'pascal' now"))])).toEqual(["call 'pascal' now"]);
    expect(read([toQuoteOpened(conversation, at(0, "'pascal"))])).toEqual(["'pascal"]);
    expect(read([toQuoteOpened(conversation, at(0, "Tom's place"))])).toEqual(["Tom's place"]);
  });
});

describe("toAssignedValue: labels", () => {
  it("starts a span after an identifier's label or a lower-case article, not a title's", () => {
    const { conversation, at, read } = userConversation("component UUID AB1010CD, principal ID 'user-123', in the default namespace, 'The Thinker'");
    expect(read([toAssignedValue(conversation, at(0, "UUID AB1010CD"))])).toEqual(["AB1010CD"]);
    expect(read([toAssignedValue(conversation, at(0, "ID 'user-123"))])).toEqual(["user-123"]);
    expect(read([toAssignedValue(conversation, at(0, "the default"))])).toEqual(["default"]);
    expect(read([toAssignedValue(conversation, at(0, "The Thinker"))])).toEqual(["The Thinker"]);
    const dates = userConversation("the forecast for today April 25th 2023");
    expect(dates.read([toAssignedValue(dates.conversation, dates.at(0, "today April 25th 2023"))])).toEqual(["April 25th 2023"]);
  });
});

describe("toAssignedValue", () => {
  it("starts a span after the parameter name assigned inside it", () => {
    const { conversation, at, read } = userConversation("Please add a galvanic, sagebrush=ordnance overbooks cats, postal code=22491");
    expect(read([toAssignedValue(conversation, at(0, "Please add a galvanic, sagebrush=ordnance overbooks cats"))])).toEqual([
      "ordnance overbooks cats",
    ]);
    expect(read([toAssignedValue(conversation, at(0, "=22491"))])).toEqual(["22491"]);
  });

  it("leaves URLs, formulas and spans ending at the sign alone", () => {
    const { conversation, at, read } = userConversation("open https://x.io/?q=shoes, solve y=x^2=4 and set rate=");
    expect(read([toAssignedValue(conversation, at(0, "https://x.io/?q=shoes"))])).toEqual(["https://x.io/?q=shoes"]);
    expect(read([toAssignedValue(conversation, at(0, "y=x^2=4"))])).toEqual(["y=x^2=4"]);
    expect(read([toAssignedValue(conversation, at(0, "rate="))])).toEqual(["rate="]);
  });
});

describe("toWholeDate", () => {
  it("widens a month's name to the day and year written around it", () => {
    const { conversation, at, read } = userConversation("on the 16th of January, from September 5th 2023 to Nov. 15, 2025 or 3 may 2024");
    expect(read([toWholeDate(conversation, at(0, "January"))])).toEqual(["the 16th of January"]);
    expect(read([toWholeDate(conversation, at(0, "September"))])).toEqual(["September 5th 2023"]);
    expect(read([toWholeDate(conversation, at(0, "Nov"))])).toEqual(["Nov. 15, 2025"]);
    expect(read([toWholeDate(conversation, at(0, "may"))])).toEqual(["3 may 2024"]);
  });

  it("widens a month with its year to the day written before it, and a year to its month and day", () => {
    const { conversation, at, read } = userConversation("starting the 18th of february 2022, not in March 2023");
    expect(read([toWholeDate(conversation, at(0, "february 2022"))])).toEqual(["the 18th of february 2022"]);
    expect(read([toWholeDate(conversation, at(0, "March 2023"))])).toEqual(["March 2023"]);
    const years = userConversation("the forecast on April 11th, 2023 and in 2024");
    expect(years.read([toWholeDate(years.conversation, years.at(0, "2023"))])).toEqual(["April 11th, 2023"]);
    expect(years.read([toWholeDate(years.conversation, years.at(0, "2024"))])).toEqual(["2024"]);
  });

  it("leaves a month with no day or year next to it, and spans that are more than a month, alone", () => {
    const { conversation, at, read } = userConversation("early March please, the May Fair and March 3");
    expect(read([toWholeDate(conversation, at(0, "March"))])).toEqual(["March"]);
    expect(read([toWholeDate(conversation, at(0, "May"))])).toEqual(["May"]);
    expect(read([toWholeDate(conversation, at(0, "March 3"))])).toEqual(["March 3"]);
    expect(read([toWholeDate(conversation, at(0, "Fair"))])).toEqual(["Fair"]);
  });

  it("is part of reading a name-like value whole", () => {
    const { conversation, at, read } = userConversation("schedule it for the 16th of January please");
    expect(read([asWholeValue(conversation, at(0, "January"), false)])).toEqual(["the 16th of January"]);
    expect(read([asWholeValue(conversation, at(0, "January"), true)])).toEqual(["January"]);
  });
});

describe("toWholeUrl", () => {
  it("widens a span inside a URL to the whole URL, without the sentence's punctuation", () => {
    const { conversation, at, read } = userConversation("versions from https://example.com/v.json? and http://a.io/x, thanks");
    expect(read([toWholeUrl(conversation, at(0, "//example.com/"))])).toEqual(["https://example.com/v.json"]);
    expect(read([toWholeUrl(conversation, at(0, "a.io"))])).toEqual(["http://a.io/x"]);
  });

  it("leaves spans outside URLs alone", () => {
    const { conversation, at, read } = userConversation("from example.com/v.json and https://a.io");
    expect(read([toWholeUrl(conversation, at(0, "example.com"))])).toEqual(["example.com"]);
    expect(read([toWholeUrl(conversation, at(0, "and"))])).toEqual(["and"]);
  });
});

describe("toWholeToken", () => {
  it("widens a span to the end of the token it cuts at a joiner, without the sentence's punctuation", () => {
    const { conversation, at, read } = userConversation("load your_dataset_name from C:/data/cars.csv in grams/mole.");
    expect(read([toWholeToken(conversation, at(0, "your_dataset"))])).toEqual(["your_dataset_name"]);
    expect(read([toWholeToken(conversation, at(0, "C:/data/cars"))])).toEqual(["C:/data/cars.csv"]);
    expect(read([toWholeToken(conversation, at(0, "grams/"))])).toEqual(["grams/mole"]);
  });

  it("leaves whole tokens, hyphenated words and a sentence's full stop alone", () => {
    const { conversation, at, read } = userConversation("a gas-powered car from Apple Inc. Then stop");
    expect(read([toWholeToken(conversation, at(0, "gas"))])).toEqual(["gas"]);
    expect(read([toWholeToken(conversation, at(0, "Apple Inc"))])).toEqual(["Apple Inc"]);
    expect(read([toWholeToken(conversation, at(0, "a gas-powered car"))])).toEqual(["a gas-powered car"]);
  });
});

describe("toName", () => {
  it("starts a span at the name it runs into after lower-case words", () => {
    const { conversation, at, read } = userConversation("a film that features Christopher Lee, with my friend Thomas");
    expect(read([toName(conversation, at(0, "features Christopher Lee"))])).toEqual(["Christopher Lee"]);
    expect(read([toName(conversation, at(0, "my friend Thomas"))])).toEqual(["Thomas"]);
  });

  it("keeps particles of names, days and months, and spans with no name after their words", () => {
    const { conversation, at, read } = userConversation("paintings by van Gogh next Friday, or some jazz music");
    expect(read([toName(conversation, at(0, "van Gogh"))])).toEqual(["van Gogh"]);
    expect(read([toName(conversation, at(0, "next Friday"))])).toEqual(["next Friday"]);
    expect(read([toName(conversation, at(0, "some jazz music"))])).toEqual(["some jazz music"]);
  });
});

describe("toNameEnd", () => {
  it("ends a span with its name when a clause of the request follows inside it", () => {
    const { conversation, at, read } = userConversation("bars in Seattle that plays jazz, from Portland, OR to Vancouver, BC");
    expect(read([toNameEnd(conversation, at(0, "Seattle that plays jazz"))])).toEqual(["Seattle"]);
    expect(read([toNameEnd(conversation, at(0, "Portland, OR to Vancouver, BC"))])).toEqual(["Portland, OR"]);
    const cases = userConversation("cases in New York between 2012 and 2015, in Paris during May");
    expect(cases.read([toNameEnd(cases.conversation, cases.at(0, "New York between 2012"))])).toEqual(["New York"]);
    expect(cases.read([toNameEnd(cases.conversation, cases.at(0, "Paris during May"))])).toEqual(["Paris"]);
  });

  it("keeps names joined by of, the and and, and spans with no clause after their name", () => {
    const { conversation, at, read } = userConversation("at Bank of America and the Lord of the Rings, in the red box");
    expect(read([toNameEnd(conversation, at(0, "Bank of America"))])).toEqual(["Bank of America"]);
    expect(read([toNameEnd(conversation, at(0, "Lord of the Rings"))])).toEqual(["Lord of the Rings"]);
    expect(read([toNameEnd(conversation, at(0, "red box"))])).toEqual(["red box"]);
  });
});

describe("toValueEnd", () => {
  it("ends a span before a reference or a clause, before CJK text after Latin words, and without a trailing connector", () => {
    const { conversation, at, read } = userConversation(
      "to Faroe according to crewmen",
      "麻烦remove，Grossing Ogres和给ee23ea01f",
      "from CHF & to EUR or Jamaica and",
      "from Vincennes, South Sudan having applicants",
      "a recipe for pasta carbonara which contains only less than 500 calories",
    );
    expect(read([toValueEnd(conversation, at(0, "Faroe according to"))])).toEqual(["Faroe"]);
    expect(read([toValueEnd(conversation, at(3, "Vincennes, South Sudan having applicants"))])).toEqual(["Vincennes, South Sudan"]);
    expect(read([toValueEnd(conversation, at(4, "pasta carbonara which contains"))])).toEqual(["pasta carbonara"]);
    expect(read([toValueEnd(conversation, at(1, "Grossing Ogres和给ee23"))])).toEqual(["Grossing Ogres"]);
    expect(read([toValueEnd(conversation, at(2, "CHF &"))])).toEqual(["CHF"]);
    expect(read([toValueEnd(conversation, at(2, "Jamaica and"))])).toEqual(["Jamaica"]);
  });

  it("drops the function words a value never ends with, but keeps a capital letter that names", () => {
    const { conversation, at, read } = userConversation(
      "boiling point of water under 5000 m; Gravity and what it did; John Doe has a case on Vitamin A; id of Kiritimati hey, use it; at Ninth Suburbs disable seminary",
    );
    expect(read([toValueEnd(conversation, at(0, "water under"))])).toEqual(["water"]);
    expect(read([toValueEnd(conversation, at(0, "Gravity and what"))])).toEqual(["Gravity"]);
    expect(read([toValueEnd(conversation, at(0, "John Doe has a"))])).toEqual(["John Doe"]);
    expect(read([toValueEnd(conversation, at(0, "Kiritimati hey"))])).toEqual(["Kiritimati"]);
    expect(read([toValueEnd(conversation, at(0, "Ninth Suburbs disable"))])).toEqual(["Ninth Suburbs"]);
    expect(read([toValueEnd(conversation, at(0, "Vitamin A"))])).toEqual(["Vitamin A"]);
  });

  it("ends a span at a semicolon that closes a clause", () => {
    const { conversation, at, read } = userConversation('from EUR; to "JPY" and a;b as it is');
    expect(read([toValueEnd(conversation, at(0, 'EUR; to "JPY'))])).toEqual(["EUR"]);
    expect(read([toValueEnd(conversation, at(0, "a;b"))])).toEqual(["a;b"]);
  });

  it("ends a code at the comma after it and an ISO date before words, but not a place, a number or a date written with commas", () => {
    const { conversation, at, read } = userConversation(
      "from 849804259, XU54NJ79 and FVV-9081, Rundi; Dwight, GA; 1,250 or May 14, 2021",
      "fly on 2022-04-27 afternoon, or on 2022-04-27 10:00",
    );
    expect(read([toValueEnd(conversation, at(0, "849804259, XU54NJ79"))])).toEqual(["849804259"]);
    expect(read([toValueEnd(conversation, at(0, "FVV-9081, Rundi"))])).toEqual(["FVV-9081"]);
    expect(read([toValueEnd(conversation, at(1, "2022-04-27 afternoon"))])).toEqual(["2022-04-27"]);
    expect(read([toValueEnd(conversation, at(1, "2022-04-27 10:00"))])).toEqual(["2022-04-27 10:00"]);
    expect(read([toValueEnd(conversation, at(0, "Dwight, GA"))])).toEqual(["Dwight, GA"]);
    expect(read([toValueEnd(conversation, at(0, "1,250"))])).toEqual(["1,250"]);
    expect(read([toValueEnd(conversation, at(0, "May 14, 2021"))])).toEqual(["May 14, 2021"]);
  });

  it("drops the connector a name's end leaves behind", () => {
    const { conversation, at, read } = userConversation("send the values of May 1 & in TE68DS34");
    expect(read([asWholeValue(conversation, at(0, "May 1 & in TE68DS34"), false)])).toEqual(["May 1"]);
  });

  it("ends a span at a sentence's end and at a clause after a comma, but not after an abbreviation", () => {
    const { conversation, at, read } = userConversation(
      "use vikhyatk/moondream2. The question: play Käärijä, can you? For Tel Aviv, and Apple Inc. Today in St. Louis",
    );
    expect(read([toValueEnd(conversation, at(0, "vikhyatk/moondream2. The question"))])).toEqual(["vikhyatk/moondream2"]);
    expect(read([toValueEnd(conversation, at(0, "Käärijä, can you"))])).toEqual(["Käärijä"]);
    expect(read([toValueEnd(conversation, at(0, "Tel Aviv, and Apple"))])).toEqual(["Tel Aviv"]);
    expect(read([toValueEnd(conversation, at(0, "Apple Inc. Today"))])).toEqual(["Apple Inc. Today"]);
    expect(read([toValueEnd(conversation, at(0, "St. Louis"))])).toEqual(["St. Louis"]);
  });

  it("keeps CJK values, accented Latin letters, and a span that is only a connector", () => {
    const { conversation, at, read } = userConversation("麻烦remove，北京和上海", "from Hải Phòng and Pinar del Río", "and");
    expect(read([toValueEnd(conversation, at(0, "北京和上海"))])).toEqual(["北京和上海"]);
    expect(read([toValueEnd(conversation, at(1, "Hải Phòng"))])).toEqual(["Hải Phòng"]);
    expect(read([toValueEnd(conversation, at(1, "Pinar del Río"))])).toEqual(["Pinar del Río"]);
    expect(read([toValueEnd(conversation, at(2, "and"))])).toEqual(["and"]);
  });
});

describe("toWholeName", () => {
  it("widens a span over the capitalised words that continue its name", () => {
    const { conversation, at, read } = userConversation("the Premier League table, and tickets for the Metropolitan Museum of Art today");
    expect(read([toWholeName(conversation, at(0, "Premier"))])).toEqual(["Premier League"]);
    expect(read([toWholeName(conversation, at(0, "League"))])).toEqual(["Premier League"]);
    expect(read([toWholeName(conversation, at(0, "Metropolitan"))])).toEqual(["Metropolitan Museum of Art"]);
  });

  it("takes names that begin like a month's abbreviation, but no day or month name", () => {
    const { conversation, at, read } = userConversation("p of Janelle Bank and Marcus Aurelius Decker on Friday March");
    expect(read([toWholeName(conversation, at(0, "Janelle"))])).toEqual(["Janelle Bank"]);
    expect(read([toWholeName(conversation, at(0, "Marcus"))])).toEqual(["Marcus Aurelius Decker"]);
    expect(read([toWholeName(conversation, at(0, "Friday"))])).toEqual(["Friday"]);
  });

  it("takes no word that opens a sentence, no code or acronym, and no lower-case word", () => {
    const { conversation, at, read } = userConversation("Find Lyon hotels. Paris Saint Germain won, info on SKU EHX-904");
    expect(read([toWholeName(conversation, at(0, "Lyon"))])).toEqual(["Lyon"]);
    expect(read([toWholeName(conversation, at(0, "Saint Germain"))])).toEqual(["Saint Germain"]);
    expect(read([toWholeName(conversation, at(0, "EHX-904"))])).toEqual(["EHX-904"]);
  });
});
