import { describe, expect, it } from "vitest";
import { isDomainError } from "../errors";
import { isConnectionLost } from "@crm/db";
import { unavailableIfConnectionLost } from "./connection-lost";

// The errors a confirmation meets when its connection goes (seen in removal-faults.integration.test.ts,
// direct and through PgBouncer), and ones that must keep their own meaning.
describe("isConnectionLost", () => {
  it.each([
    ["pg_terminate_backend", Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" })],
    ["socket closed mid-query", new Error("Connection terminated unexpectedly")],
    ["a query after the client's connection errored", new Error("Client has encountered a connection error and is not queryable")],
    ["PgBouncer lost its server", Object.assign(new Error("server conn crashed?"), { code: "08P01" })],
    ["refused", Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:6432"), { code: "ECONNREFUSED" })],
    ["wrapped", new Error("outer", { cause: Object.assign(new Error("x"), { code: "57P01" }) })],
  ])("%s", (_, e) => expect(isConnectionLost(e)).toBe(true));

  it.each([
    ["a unique violation", Object.assign(new Error("duplicate key"), { code: "23505" })],
    ["a statement timeout", Object.assign(new Error("canceling statement due to statement timeout"), { code: "57014" })],
    ["a plain bug", new TypeError("x is undefined")],
  ])("not %s", (_, e) => expect(isConnectionLost(e)).toBe(false));

  it("turns a lost connection into a 503 DomainError and leaves anything else as it was", () => {
    const lost = unavailableIfConnectionLost(new Error("Connection terminated unexpectedly"), "this outcome", "Record it again.");
    expect(isDomainError(lost) && [lost.code, lost.status]).toEqual(["UNAVAILABLE", 503]);
    const other = new Error("bug");
    expect(unavailableIfConnectionLost(other, "this outcome", "Record it again.")).toBe(other);
  });
});
