"use client";

import { useState, useSyncExternalStore, type FormEvent } from "react";
import { ERROR_ADVICE } from "@/lib/api/errors";

interface ApiErrorBody {
  error?: { code?: string; message?: string };
}

const SECONDS_PER_MINUTE = 60;

/** The two sign-in answers the form words itself (lib/api/errors.ts); any other shows the server's message. */
function failureMessage(body: ApiErrorBody, retryAfter: string | null): string {
  const code = body.error?.code;
  if (code === "invalid_credentials") return ERROR_ADVICE.invalid_credentials.title;
  if (code === "too_many_attempts") {
    const minutes = Math.max(1, Math.ceil(Number(retryAfter ?? SECONDS_PER_MINUTE) / SECONDS_PER_MINUTE));
    return `${ERROR_ADVICE.too_many_attempts.title} Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
  }
  return body.error?.message ?? "Sign-in failed. Try again.";
}

const noSubscription = () => () => {};

export function LoginForm({ next }: { next: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // Before hydration a click would submit the form natively: a GET with the password in the address.
  const hydrated = useSyncExternalStore(noSubscription, () => true, () => false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const response = await fetch("/api/auth/login", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ username: form.get("username"), password: form.get("password") }),
      });
      if (response.ok) {
        // A full navigation so the server renders the page with the new cookie.
        window.location.assign(next);
        return;
      }
      const body = (await response.json().catch(() => ({}))) as ApiErrorBody;
      setError(failureMessage(body, response.headers.get("Retry-After")));
    } catch {
      setError("The dashboard server could not be reached. Try again.");
    }
    setPending(false);
  }

  return (
    <form method="post" onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <label className="flex flex-col gap-1 text-sm font-medium">
        Username
        <input
          name="username"
          autoComplete="username"
          required
          className="rounded border border-gray-400 px-3 py-2 text-base font-normal"
        />
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        Password
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className="rounded border border-gray-400 px-3 py-2 text-base font-normal"
        />
      </label>
      <p role="alert" className="min-h-6 text-sm text-red-700">
        {error}
      </p>
      <button
        type="submit"
        disabled={pending || !hydrated}
        className="rounded bg-gray-900 px-4 py-2 font-medium text-white disabled:opacity-60"
      >
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
