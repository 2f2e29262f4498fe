import { demoReceipts, receiveDemo } from "@/lib/alerts/delivery/demo-receiver";
import { noParameters } from "@/lib/api/query";
import { withApi } from "@/lib/http";

/** The demo's webhook receiver: no session, the HMAC signature is its authentication. */
export const POST = withApi({ public: true, query: noParameters }, ({ request }) => receiveDemo(request));

/** What it received, for /alerts. */
export const GET = withApi({ scope: "whole-group", permission: "alerts:manage", query: noParameters }, () => demoReceipts());
