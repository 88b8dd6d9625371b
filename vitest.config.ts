import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Integration tests start real daemons (Docker, Prometheus, restic): give them time,
    // and run files in separate forks so a namespace or daemon never leaks between them.
    testTimeout: 120_000,
    hookTimeout: 600_000,
    pool: "forks",
  },
});
