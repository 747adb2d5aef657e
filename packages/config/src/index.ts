export * from "./env";
export * from "./constants";
