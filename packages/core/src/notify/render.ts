// Request bodies per hook type. Severity reaches every body unchanged.
import type { Severity } from "../severity.js";
import type { Hook, WebhookPayload } from "./schema.js";

const COLOURS: Record<Severity, number> = {
  INFO: 0x3498db,
  LOW: 0x2ecc71,
  MEDIUM: 0xf1c40f,
  WARN: 0xf39c12,
  HIGH: 0xe67e22,
  CRITICAL: 0xe74c3c,
};

export function renderBody(hook: Hook, p: WebhookPayload): unknown {
  const title = `[${p.severity}] ${p.event_type}`;
  const subject = [p.provider, p.model_id].filter(Boolean).join("/") || "-";
  if (hook.type === "discord") {
    return {
      embeds: [
        {
          title,
          description: p.message,
          color: COLOURS[p.severity],
          fields: [
            { name: "Model", value: subject, inline: true },
            { name: "Severity", value: p.severity, inline: true },
            { name: "Epoch", value: p.epoch_id ?? "-", inline: true },
          ],
          timestamp: p.timestamp,
          footer: { text: "Model Observatory" },
        },
      ],
    };
  }
  if (hook.type === "slack") {
    return {
      text: `${title}: ${p.message}`,
      blocks: [
        { type: "header", text: { type: "plain_text", text: title } },
        {
          type: "section",
          text: { type: "mrkdwn", text: p.message },
          fields: [
            { type: "mrkdwn", text: `*Model:* ${subject}` },
            { type: "mrkdwn", text: `*Severity:* ${p.severity}` },
            { type: "mrkdwn", text: `*Epoch:* ${p.epoch_id ?? "-"}` },
          ],
        },
      ],
    };
  }
  return p;
}
