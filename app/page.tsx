import { UserMenu } from "@/components/auth/user-menu";
import { requirePageSession } from "@/lib/auth/dal";

export default async function HomePage() {
  const session = await requirePageSession("/");
  return (
    <main>
      <UserMenu user={session.user} />
      Gemini Treasury
    </main>
  );
}
