// Story set-ups shared by several test files, done the way an admin does them: through the app.
import { graphToken, signedInPage } from "./harness.mjs";

export const DIEGO = "78890470-07eb-4a38-a83b-e077d2784790";
export const ADELE = "39738082-5e48-49e4-a432-8712d48f4d6a";
export const ALEX = "afdbf62f-c30c-40e8-8efe-7b1d90508dc8";

export const state = async (stack) => (await fetch(`${stack.emulatorUrl}/_emulator/state`)).json();
export const log = async (stack, since = 0) => (await (await fetch(`${stack.emulatorUrl}/_emulator/requests?since=${since}`)).json());
export const MEGAN = "31ff0c2d-6046-4cf2-8dab-0ad1735f8e7f";

/** An assignment made by another client with Megan's token: `kind` "eligibility" or "assignment",
 * starting now for `duration` (ISO 8601), unless `end` (ms since the epoch) is given. Returns the answer. */
export async function adminAssign(stack, { kind, accessId, principalId, groupId, justification, duration, end }) {
  const token = await graphToken(stack, MEGAN);
  const expiration = end ? { type: "afterDateTime", endDateTime: new Date(end).toISOString() } : { type: "afterDuration", duration };
  return fetch(`${stack.emulatorUrl}/v1.0/identityGovernance/privilegedAccess/group/${kind}ScheduleRequests`, {
    method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ accessId, principalId, groupId, action: "adminAssign", justification,
      scheduleInfo: { startDateTime: new Date().toISOString(), expiration } }) });
}

export const advance = async (stack, body) => (await fetch(`${stack.emulatorUrl}/_emulator/clock`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })).json();

/** Story S1 steps 1 to 4 as Megan: the group, onboarding, the Member settings, Alex eligible. Returns the group id. */
export async function setUpS1(stack) {
  const page = await signedInPage(stack, "Megan Bowen", {}, "/groups/new");
  await page.getByLabel("Group name").fill("CA-Exclusion-LegacyMFA");
  await page.getByLabel("Group description").fill("Temporary escape from phishing-resistant MFA for legacy tools");
  await page.getByRole("switch", { name: "Microsoft Entra roles can be assigned to the group" }).check();
  await page.getByRole("button", { name: "Create" }).click();
  await page.getByRole("button", { name: "Manage with PIM" }).click();
  await page.getByRole("button", { name: "Yes, manage with PIM" }).click();
  await page.getByText("CA-Exclusion-LegacyMFA is now managed by PIM.").waitFor();
  const group = (await state(stack)).groups.find((g) => g.displayName === "CA-Exclusion-LegacyMFA").id;

  await page.goto(`${stack.appUrl}/groups/${group}/settings/member`);
  await page.getByRole("button", { name: "Edit" }).click();
  const max = page.getByLabel("Activation maximum duration (hours)");
  await max.fill("1");
  await max.press("Tab");
  await page.getByRole("radio", { name: "Microsoft Entra Conditional Access authentication context" }).check();
  await page.getByLabel("Authentication context", { exact: true }).selectOption({ label: "Phishing-resistant MFA" });
  await page.getByRole("checkbox", { name: "Require justification on activation" }).check();
  await page.getByRole("checkbox", { name: "Require approval to activate" }).check();
  for (const [typed, who] of [["Diego", "Diego Siciliani"], ["Adele", "Adele Vance"]]) {
    await page.getByLabel("Select approver(s)").fill(typed);
    await page.getByRole("option", { name: new RegExp(`^Add ${who}`) }).click();
  }
  await page.getByRole("button", { name: "Update" }).click();
  await page.getByText(/^Updated: /).waitFor();

  await page.goto(`${stack.appUrl}/groups/${group}/assignments`);
  await page.getByRole("button", { name: "Add assignments" }).click();
  const wizard = page.getByRole("dialog", { name: "Add assignments" });
  await page.getByLabel("Select members").fill("Alex");
  await page.getByRole("option", { name: /^Add Alex Wilber/ }).click();
  await wizard.getByRole("button", { name: "Next" }).click();
  await wizard.getByLabel("Duration").selectOption({ label: "6 months" });
  await wizard.getByRole("button", { name: "Assign" }).click();
  await page.getByRole("status").filter({ hasText: "Assigned: Alex Wilber" }).waitFor();
  await page.context().close();
  return group;
}

/** A bulk-assignments CSV of 200 rows: 180 combinations of nine demo people, five managed groups,
 * both roles and both types (30 days, with a justification), then 20 rows with something wrong. */
export function bulkCsv() {
  const users = ["MeganB", "AlexW", "LidiaH", "DiegoS", "AdeleV", "IsaiahL", "GradyA", "NestorW", "PattiF"];
  const groups = ["Helpdesk Admin-Group", "Exchange Admins - Internal", "Exchange Admins - External", "License - Power Automate", "Travel - Allow abroad"];
  const lines = ["group;principal;role;type;duration;justification;action"];
  for (const g of groups) for (const u of users) for (const role of ["member", "owner"]) for (const type of ["eligible", "active"]) {
    lines.push(`${g};${u}@contoso.onmicrosoft.com;${role};${type};P30D;"Quarterly access; bulk";add`);
  }
  for (let n = 0; n < 20; n++) {
    lines.push([
      "Helpdesk Admin-Group;MeganB@contoso.onmicrosoft.com;guest;eligible;P30D;x;add",
      "No Such Group;MeganB@contoso.onmicrosoft.com;member;eligible;P30D;x;add",
      `Helpdesk Admin-Group;nobody${n}@contoso.onmicrosoft.com;member;eligible;P30D;x;add`,
      "Helpdesk Admin-Group;AlexW@contoso.onmicrosoft.com;member;eligible;thirty days;x;add",
    ][n % 4]);
  }
  return "\ufeff" + lines.join("\r\n") + "\r\n";
}

/** A running access review of the helpdesk group, which its owners (Diego) review, made with
 * Megan's token: "definitionId/instanceId", as the review email's page's path ends. */
export async function helpdeskReview(stack, name) {
  const megan = await graphToken(stack, MEGAN);
  const reviews = `${stack.emulatorUrl}/v1.0/identityGovernance/accessReviews/definitions`;
  const call = async (url, body) => (await fetch(url, { method: body ? "POST" : "GET",
    headers: { authorization: `Bearer ${megan}`, "content-type": "application/json" }, body: body && JSON.stringify(body) })).json();
  const today = new Date(Date.parse((await (await fetch(`${stack.emulatorUrl}/_emulator/clock`)).json()).now));
  const helpdesk = "347ea741-b4c8-4d9e-8111-87902089734f";
  const review = await call(reviews, {
    displayName: name, descriptionForAdmins: "", descriptionForReviewers: "",
    scope: { query: `/groups/${helpdesk}/transitiveMembers`, queryType: "MicrosoftGraph" },
    reviewers: [{ query: `/groups/${helpdesk}/owners`, queryType: "MicrosoftGraph" }],
    fallbackReviewers: [{ query: `/users/${MEGAN}`, queryType: "MicrosoftGraph" }],
    settings: { instanceDurationInDays: 3, recurrence: { pattern: null, range: { type: "numbered", startDate: today.toISOString().slice(0, 10) } } },
  });
  if (!review.id) throw new Error(`no review: ${JSON.stringify(review)}`);
  return `${review.id}/${(await call(`${reviews}/${review.id}/instances`)).value[0].id}`;
}
