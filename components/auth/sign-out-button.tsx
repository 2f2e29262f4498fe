"use client";

import { useState } from "react";

/** `everywhere`: ends every session of this user (other browsers and devices too), not only this one. */
export function SignOutButton({ everywhere = false }: { everywhere?: boolean }) {
  const [pending, setPending] = useState(false);

  async function signOut() {
    setPending(true);
    // Whatever the answer (an expired session is already signed out), the sign-in page is next,
    // or first the identity provider's sign-out page for a single sign-on session.
    const answer: { redirect?: string } = await fetch(everywhere ? "/api/auth/sessions/end-mine" : "/api/auth/logout", { method: "POST" })
      .then((response) => (response.ok ? response.json() : {}))
      .catch(() => ({}));
    // A full page load, not router.push: nothing of the signed-out user's data stays in memory.
    window.location.assign(answer.redirect ?? "/login");
  }

  return (
    <button
      type="button"
      onClick={signOut}
      disabled={pending}
      className="rounded border border-gray-400 px-3 py-1 text-sm font-medium hover:bg-gray-100 disabled:opacity-60"
    >
      {everywhere ? "Sign out everywhere" : "Sign out"}
    </button>
  );
}
