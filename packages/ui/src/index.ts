export * from "./button";
export * from "./field";
export * from "./alert";
export * from "./card";
export * from "./stats";
export * from "./progress";
export * from "./badge";
export * from "./list-input";
