import { defineConfig } from "vitest/config";

export default defineConfig({ test: { include: ["plan.test.ts"], root: import.meta.dirname } });
