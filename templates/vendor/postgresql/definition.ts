/** PostgreSQL hardening: pg_hba.conf (hostssl + SCRAM only, from listed networks) and a postgresql.conf snippet. */
import { defineVendorTemplate } from "../define.js";
import { PostgresqlValues, version } from "./schema.js";

export const postgresql = defineVendorTemplate({
  name: "postgresql",
  description: {
    vi: "PostgreSQL: chỉ kết nối TLS với SCRAM-SHA-256 từ các dải mạng cho phép; ghi nhật ký kết nối và thay đổi cấu trúc",
    en: "PostgreSQL: TLS-only SCRAM-SHA-256 access from listed networks; connection and DDL logging",
  },
  version,
  schema: PostgresqlValues,
  files: [
    { source: "pg_hba.conf.hbs", output: "pg_hba.conf", language: "pg-hba" },
    { source: "postgresql.conf.hbs", output: "conf.d/90-attt-hardening.conf", language: "pg-conf" },
  ],
  context: (v: PostgresqlValues) => ({
    ...v,
    listenAddresses: v.server.listenAddresses.join(","),
    // The collector writes stderr/csv/json logs to files; syslog needs none.
    collector: v.logging.destination !== "syslog",
    // Written as a string so the unit is explicit ('1000ms'); -1 turns it off.
    minDuration: v.logging.minDurationStatementMs < 0 ? "-1" : `${v.logging.minDurationStatementMs}ms`,
    rules: v.access.rules.map((rule) => ({
      description: rule.description,
      // One line per address: pg_hba.conf takes a single address per record.
      lines: rule.addresses.map((address) => ({
        databases: rule.databases,
        users: rule.users,
        address,
        verifyCa: rule.clientCertificate === "verify-ca",
        verifyFull: rule.clientCertificate === "verify-full",
      })),
    })),
  }),
});
