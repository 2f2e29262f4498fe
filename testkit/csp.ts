import type { Page } from "@playwright/test";

/** CSP violations show up as console errors: a nonce that did not reach Next's scripts would be one. */
export function collectCspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}
