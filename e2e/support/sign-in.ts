/** Signing in through the login page, as a person would. */
import { expect, type Page } from "@playwright/test";
import { TEST_USER } from "./servers";

export async function fillAndSubmit(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs the test user in and waits until the page shows who is signed in. */
export async function signIn(page: Page): Promise<void> {
  await page.goto("/login");
  await fillAndSubmit(page, TEST_USER.username, TEST_USER.password);
  await expect(page.getByTestId("signed-in-user")).toHaveText(TEST_USER.username);
}
