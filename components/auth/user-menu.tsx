import { SignOutButton } from "@/components/auth/sign-out-button";

/** Who is signed in, and the way out (of this browser, or of every session). Renders nothing when the demo dashboard is open. */
export function UserMenu({ user }: { user: string | null }) {
  if (!user) return null;
  return (
    <div className="flex items-center gap-3 text-sm">
      <span>
        Signed in as <strong data-testid="signed-in-user">{user}</strong>
      </span>
      <SignOutButton />
      <SignOutButton everywhere />
    </div>
  );
}
