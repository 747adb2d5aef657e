export * from "./connection";
export * from "./definitions";
export * from "./enqueue";
