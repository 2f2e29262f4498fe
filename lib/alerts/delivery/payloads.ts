import "server-only";
import type { DeliveryEvent } from "@/lib/store";

/** The generic webhook's body (README "Alerts delivery"): ids as strings, exact decimals as strings. */
export interface WebhookPayload {
  id: string;
  type: `alert.${DeliveryEvent["kind"]}`;
  occurredAt: string;
  rule: { id: number | null; name: string };
  summary: string;
  details: Record<string, string>;
  snapshotId: number | null;
  connection: string;
}

export function webhookPayload(event: DeliveryEvent): WebhookPayload {
  return {
    id: event.id,
    type: `alert.${event.kind}`,
    occurredAt: event.occurredAt.toISOString(),
    rule: { id: event.ruleId, name: event.ruleName },
    summary: event.summary,
    details: event.details,
    snapshotId: event.snapshotId,
    connection: event.connectionLabel,
  };
}

const HEADLINE: Record<DeliveryEvent["kind"], string> = {
  fired: ":rotating_light: Alert fired",
  resolved: ":white_check_mark: Alert resolved",
  test: ":wave: Test event",
};

/** Slack's mrkdwn gives &, < and > meaning (links, mentions): text from rules and details is escaped. */
export function slackEscape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Slack's incoming-webhook format: `text` for notifications, `blocks` for the message. */
export function slackPayload(event: DeliveryEvent): { text: string; blocks: unknown[] } {
  const headline = `${HEADLINE[event.kind]}: ${slackEscape(event.ruleName)}`;
  const details = Object.entries(event.details).map(([key, value]) => `*${slackEscape(key)}*: ${slackEscape(value)}`);
  return {
    text: `${headline}: ${slackEscape(event.summary)}`,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: `*${headline}*\n${slackEscape(event.summary)}` } },
      ...(details.length > 0 ? [{ type: "section", text: { type: "mrkdwn", text: details.join("\n") } }] : []),
      {
        type: "context",
        elements: [
          { type: "mrkdwn", text: `${event.occurredAt.toISOString()} · ${slackEscape(event.connectionLabel)} · event ${event.id}` },
        ],
      },
    ],
  };
}
