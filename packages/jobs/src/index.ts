export * from "./connection";
export * from "./definitions";
export * from "./enqueue";
export * from "./team-jobs";
export * from "./finished-job";
