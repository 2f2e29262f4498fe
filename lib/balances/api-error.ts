import { NETWORK_ERROR_CODE } from "@/lib/api/errors";
import type { ApiErrorBody } from "@/lib/balances/types";

/** A failed call to the dashboard's own API, as the browser saw it. Serialisable as plain data. */
export interface DashboardError {
  status: number;
  code: string;
  message: string;
}

class DashboardApiError extends Error implements DashboardError {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "DashboardApiError";
  }
}

function isErrorBody(body: unknown): body is ApiErrorBody {
  if (typeof body !== "object" || body === null || !("error" in body)) return false;
  const error = (body as { error: unknown }).error;
  return typeof error === "object" && error !== null && typeof (error as { code?: unknown }).code === "string";
}

/** GETs one of the dashboard's JSON routes; every failure becomes a DashboardApiError with a code. */
export function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  return requestJson<T>(path, { signal, cache: "no-store", headers: { accept: "application/json" } });
}

/** POSTs to one of the dashboard's JSON routes (no body); failures as for getJson. */
export function postJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  return requestJson<T>(path, { method: "POST", signal, cache: "no-store", headers: { accept: "application/json" } });
}

/** Sends a JSON body (or none) with another method to one of the dashboard's JSON routes; failures as for getJson. */
export function sendJson<T>(path: string, method: "POST" | "PATCH" | "DELETE", body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  return requestJson<T>(path, { method, cache: "no-store", headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

async function requestJson<T>(path: string, init: RequestInit & { signal?: AbortSignal }): Promise<T> {
  const signal = init.signal;
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new DashboardApiError(0, NETWORK_ERROR_CODE, "The request did not reach the dashboard server.");
  }
  if (!response.ok) throw await responseError(response);
  const body: unknown = await response.json().catch(() => null);
  if (body === null) throw new DashboardApiError(response.status, "internal_error", "The dashboard server sent no JSON.");
  return body as T;
}

/** A failed answer of a dashboard route (JSON error body or not) as a DashboardApiError with a code. */
export async function responseError(response: Response): Promise<Error> {
  const body: unknown = await response.json().catch(() => null);
  if (isErrorBody(body)) return new DashboardApiError(response.status, body.error.code, body.error.message);
  return new DashboardApiError(response.status, `http_${response.status}`, `The dashboard server answered ${response.status}.`);
}

export function toDashboardError(error: unknown): DashboardError {
  if (error instanceof DashboardApiError) return { status: error.status, code: error.code, message: error.message };
  return { status: 0, code: "internal_error", message: error instanceof Error ? error.message : "Unknown error" };
}
