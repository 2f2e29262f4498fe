"use client";

import { useState, type FormEvent } from "react";

interface ApiErrorBody {
  error?: { code?: string; message?: string };
}

const SECONDS_PER_MINUTE = 60;

function failureMessage(status: number, body: ApiErrorBody, retryAfter: string | null): string {
  if (status === 401) return "Wrong username or password.";
  if (status === 429) {
    const minutes = Math.max(1, Math.ceil(Number(retryAfter ?? SECONDS_PER_MINUTE) / SECONDS_PER_MINUTE));
    return `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
  }
  return body.error?.message ?? "Sign-in failed. Try again.";
}

export function LoginForm({ next }: { next: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

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
      setError(failureMessage(response.status, body, response.headers.get("Retry-After")));
    } catch {
      setError("The dashboard server could not be reached. Try again.");
    }
    setPending(false);
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
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
        disabled={pending}
        className="rounded bg-gray-900 px-4 py-2 font-medium text-white disabled:opacity-60"
      >
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
