"use client";

import { DANGER_BUTTON, MUTED, SECONDARY_BUTTON } from "@/components/alerts/styles";
import { Switch } from "@/components/ui/switch";
import { useDeleteDestination, useSendTestEvent, useUpdateDestination } from "@/lib/alerts/delivery/get-destinations";
import type { DestinationJson } from "@/lib/alerts/delivery/types";

const KIND_LABEL = { webhook: "Webhook", slack: "Slack" } as const;

interface DestinationRowProps {
  destination: DestinationJson;
  onNewSecret(name: string, secret: string): void;
  onError(error: unknown): void;
}

/** One destination: on/off, "Send test event", a new secret (webhooks), delete. */
export function DestinationRow({ destination, onNewSecret, onError }: DestinationRowProps) {
  const update = useUpdateDestination();
  const remove = useDeleteDestination();
  const test = useSendTestEvent();
  const { id, name } = destination;
  return (
    <tr data-destination-id={id}>
      <th scope="row" className="px-3 py-2 text-left font-medium">
        {name}
        {destination.builtin && <span className={`ml-2 text-xs font-normal ${MUTED}`}>built in</span>}
      </th>
      <td className="px-3 py-2">{KIND_LABEL[destination.kind]}</td>
      <td className={`px-3 py-2 font-mono text-xs break-all ${MUTED}`}>{destination.urlPreview}</td>
      <td className="px-3 py-2">
        <Switch checked={destination.enabled} onChange={(enabled) => update.mutate({ id, enabled }, { onError })}>
          <span className="sr-only">Deliver to {name}: </span>
          {destination.enabled ? "On" : "Paused"}
        </Switch>
      </td>
      <td className="px-3 py-2">
        <div className="flex flex-wrap gap-2">
          <button type="button" className={SECONDARY_BUTTON} disabled={!destination.enabled || test.isPending} onClick={() => test.mutate(id, { onError })}>
            {test.isPending ? "Sending…" : "Send test event"}
            <span className="sr-only"> to {name}</span>
          </button>
          {destination.kind === "webhook" && !destination.builtin && (
            <button
              type="button"
              className={SECONDARY_BUTTON}
              disabled={update.isPending}
              onClick={() => {
                if (window.confirm(`Replace the signing secret of ${name}? Its receiver must be given the new one.`)) {
                  update.mutate({ id, rotateSecret: true }, { onSuccess: (saved) => saved.secret && onNewSecret(name, saved.secret), onError });
                }
              }}
            >
              New secret<span className="sr-only"> for {name}</span>
            </button>
          )}
          <button
            type="button"
            className={DANGER_BUTTON}
            disabled={remove.isPending}
            onClick={() => {
              if (window.confirm(`Delete ${name} and its delivery log?`)) remove.mutate(id, { onError });
            }}
          >
            Delete<span className="sr-only"> {name}</span>
          </button>
        </div>
      </td>
    </tr>
  );
}
