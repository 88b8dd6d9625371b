/**
 * The provincial SOC's receivers, standing in for the real ones in the data-centre tests:
 * an HTTP endpoint that records Alertmanager's webhook payloads and an SMTP server
 * (smtp-server, nodemailer's) that records the mails, both on every address of the host.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

/** Alertmanager's webhook payload (the fields the tests read). */
export interface Notification {
  status: "firing" | "resolved";
  groupLabels: Record<string, string>;
  commonLabels: Record<string, string>;
  alerts: Array<{ status: string; labels: Record<string, string> }>;
}

export class SocStandIn {
  readonly posts: Notification[] = [];
  readonly mailTexts: string[] = [];
  webhookPort = 0;
  smtpPort = 0;
  private http?: Server;
  private smtp?: SMTPServer;

  async start(): Promise<void> {
    this.http = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk) => {
        body += chunk;
      });
      req.on("end", () => {
        try {
          this.posts.push(JSON.parse(body) as Notification);
          res.end("ok");
        } catch {
          res.statusCode = 400;
          res.end("not JSON");
        }
      });
    });
    this.smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      onData: (stream, _session, done) => {
        let text = "";
        stream.on("data", (chunk: Buffer) => {
          text += chunk.toString("utf8");
        });
        stream.on("end", () => {
          this.mailTexts.push(text);
          done();
        });
      },
    });
    const http = this.http;
    const smtp = this.smtp;
    await new Promise<void>((resolve) => http.listen(0, "0.0.0.0", resolve));
    await new Promise<void>((resolve) => smtp.listen(0, "0.0.0.0", resolve));
    this.webhookPort = (http.address() as AddressInfo).port;
    this.smtpPort = (smtp.server.address() as AddressInfo).port;
  }

  /** Firing notifications of one alert. */
  notifications(alertname: string): Notification[] {
    return this.posts.filter((p) => p.status === "firing" && p.groupLabels.alertname === alertname);
  }

  /** Mails about one firing alert (Alertmanager's subject: "[FIRING:n] <alertname> ..."), unfolded. */
  mails(alertname: string): string[] {
    return this.mailTexts
      .map((m) => m.replace(/\r?\n[ \t]+/g, " "))
      .filter((m) => new RegExp(`^Subject: \\[FIRING:\\d+\\] ${alertname}\\b`, "m").test(m));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.http ? this.http.close(() => resolve()) : resolve()));
    await new Promise<void>((resolve) => (this.smtp ? this.smtp.close(() => resolve()) : resolve()));
  }
}
