/** The app's routes read from app/ itself, so a spec that must cover every route cannot miss a new one. */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

export interface ApiRoute {
  method: string;
  /** As in the tree, dynamic segments included: /api/snapshots/[id]. */
  path: string;
}

/** Every route handler in app/api and the methods it exports. */
export function apiRoutes(): ApiRoute[] {
  const routes: ApiRoute[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const path = "/" + relative("app", dir).split("\\").join("/");
        for (const [, method] of readFileSync(full, "utf8").matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)) routes.push({ method: method!, path });
      }
    }
  };
  walk("app/api");
  return routes;
}

/** A route's path with each dynamic segment given `value`. */
export const fillSegments = (path: string, value: string): string => path.replaceAll(/\[[^\]]+\]/g, value);

/** Every page in app/ but the sign-in page itself. */
export function appPages(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== "api") walk(full);
      else if (entry.name === "page.tsx") found.push("/" + relative("app", dir).split("\\").join("/"));
    }
  };
  walk("app");
  return found.map((path) => (path === "/" ? "/" : path.replace(/\/$/, ""))).filter((path) => path !== "/login");
}
