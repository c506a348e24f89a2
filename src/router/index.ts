export { afterEdge, complexityReasons, planRoute, type AfterEdge, type RouteDecision, type RoutePlan } from "./decide.js";
export { routeFeatures, type RouteFeatures, type TextOnlyKind } from "./features.js";
export { readRouterThresholds, ROUTER_DEFAULTS, type RouterEnv, type RouterThresholds } from "./thresholds.js";
