export { validateAgainst, type ValidationOutcome } from "./validator.js";
export { validateCall } from "./calls.js";
