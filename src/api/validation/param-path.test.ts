import { describe, expect, it } from "vitest";
import { joinParam, pointerToParam } from "./param-path.js";

describe("pointerToParam", () => {
  it("turns JSON pointers into OpenAI parameter paths", () => {
    expect(pointerToParam("")).toBeNull();
    expect(pointerToParam("/messages/0/role")).toBe("messages[0].role");
    expect(pointerToParam("/tools/3/function/parameters/properties/a~1b")).toBe("tools[3].function.parameters.properties.a/b");
  });

  it("joins a child under a parent or at the root", () => {
    expect(joinParam(null, "model")).toBe("model");
    expect(joinParam("messages[0]", "content")).toBe("messages[0].content");
  });
});
