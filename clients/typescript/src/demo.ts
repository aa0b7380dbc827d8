/**
 * What a careers page does with the generated client, against a running gateway:
 *
 *   node target/js/src/demo.js <gateway-url> <recruiter-token>
 *
 * With the recruiter token it posts and opens a role whose four questions take a boolean, a
 * number, a date and a choice; everything after that is anonymous, as a candidate would be: list
 * the open roles, read the role, submit an application (with an Idempotency-Key) answering the
 * four questions, read it back with the access token, and get a typed ValidationProblem for a
 * submission that leaves out a required answer. Prints one JSON line per step and exits non-zero
 * on the first step that does not go as described.
 */
import {
  ApplicationsApi,
  Configuration,
  ResponseError,
  RolesApi,
  ValidationProblemFromJSON,
} from "../target/generated-sources/ats-client";
import type {
  AnswerValue,
  Application,
  RoleInput,
  Role,
  SubmitApplication,
  ValidationProblem,
} from "../target/generated-sources/ats-client";

type Step = { step: string; ok: boolean; detail?: unknown };

/**
 * True while applications-service does not know the role as open yet: 404 before its "created" event
 * arrives, 409 role-not-open between "created" and "opened".
 */
async function roleNotOpenThereYet(e: ResponseError): Promise<boolean> {
  if (e.response.status === 404) {
    return true;
  }
  if (e.response.status !== 409) {
    return false;
  }
  const problem = (await e.response.clone().json()) as { type?: string };
  return problem.type?.endsWith("/role-not-open") ?? false;
}

function report(step: Step): void {
  console.log(JSON.stringify(step));
  if (!step.ok) {
    process.exitCode = 1;
    throw new Error(`step ${step.step} failed`);
  }
}

function isoDay(daysFromNow: number): string {
  const day = new Date(Date.now() + daysFromNow * 24 * 3600 * 1000);
  return day.toISOString().substring(0, 10);
}

async function main(): Promise<void> {
  const [gateway, recruiterToken] = process.argv.slice(2);
  if (!gateway || !recruiterToken) {
    throw new Error("usage: demo.js <gateway-url> <recruiter-token>");
  }
  const basePath = gateway.replace(/\/$/, "");
  const recruiter = new Configuration({ basePath, accessToken: recruiterToken });
  const anonymous = new Configuration({ basePath });
  const run = Math.random().toString(36).substring(2, 10);

  // A recruiter posts a role with one question of each answer type, and opens it.
  const role: RoleInput = {
    title: `Client Demo - Intern ${run}`,
    team: "Frontend",
    description: "Build the careers page with the generated TypeScript client.",
    location: "Remote",
    workplaceType: "REMOTE",
    employmentType: "INTERNSHIP",
    durationWeeks: 12,
    openings: 1,
    // This demo submits without documents (issue 13: roles require a résumé unless they say not).
    resumeRequired: false,
    applicationDeadline: new Date(Date.now() + 29 * 24 * 3600 * 1000),
    respondBy: new Date(isoDay(30)),
    eligibilityRules: [
      {
        id: "commitsTwelveWeeks",
        question: "Can you commit to 12 weeks?",
        answerType: "BOOLEAN",
        rule: { operator: "EQUALS", value: true },
        required: true,
      },
      {
        id: "yearsOfStudy",
        question: "How many years have you studied?",
        answerType: "NUMBER",
        rule: { operator: "GTE", value: 1 },
        required: true,
      },
      {
        id: "availableFrom",
        question: "From when can you start?",
        answerType: "DATE",
        rule: { operator: "ON_OR_BEFORE", value: isoDay(90) },
        required: true,
      },
      {
        id: "degree",
        question: "Which degree are you pursuing?",
        answerType: "CHOICE",
        options: ["Computer Science", "Design", "Other"],
        rule: { operator: "ONE_OF", value: ["Computer Science", "Design"] },
        required: true,
      },
    ],
  };
  const roles = new RolesApi(recruiter);
  const created: Role = await roles.createRole({ roleInput: role });
  await roles.openRole({ id: created.id });
  report({ step: "createAndOpenRole", ok: true, detail: created.id });

  // Anonymous from here on: the careers page.
  const publicRoles = new RolesApi(anonymous);
  let listed = false;
  for (let attempt = 0; attempt < 60 && !listed; attempt++) {
    const page = await publicRoles.listRoles({});
    listed = page.items.some((r) => r.id === created.id);
    if (!listed) {
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  report({ step: "listRoles", ok: listed });

  const read: Role = await publicRoles.getRole({ id: created.id });
  const questions = read.eligibilityRules.map((r) => `${r.id}:${r.answerType}`);
  report({ step: "getRole", ok: read.status === "OPEN" && questions.length === 4, detail: questions });

  // A boolean, a number, a date and a choice: AnswerValue is boolean | number | string.
  const answers: { [ruleId: string]: AnswerValue } = {
    commitsTwelveWeeks: true,
    yearsOfStudy: 2,
    availableFrom: isoDay(14),
    degree: "Computer Science",
  };
  const submission: SubmitApplication = {
    roleId: created.id,
    candidate: {
      email: `client-demo-${run}@candidates.ats.test`,
      firstName: "Client",
      lastName: "Demo",
    },
    answers,
    consent: { privacyPolicyVersion: "2026-01", accepted: true },
    source: "careers-page",
  };
  const applications = new ApplicationsApi(anonymous);
  const idempotencyKey = `client-demo-${run}`;
  let submitted: Application | undefined;
  // The role reaches applications-service by events (created, then opened): retry (same key) until
  // it is known there as open.
  for (let attempt = 0; attempt < 120 && !submitted; attempt++) {
    try {
      submitted = await applications.submitApplication({ idempotencyKey, submitApplication: submission });
    } catch (e) {
      if (!(e instanceof ResponseError) || !(await roleNotOpenThereYet(e))) {
        throw e;
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  report({ step: "submitApplication", ok: submitted !== undefined, detail: submitted?.id });
  if (!submitted?.accessToken) {
    report({ step: "accessToken", ok: false });
    return;
  }

  const token = submitted.accessToken;
  const asCandidate = new ApplicationsApi(anonymous);
  const again: Application = await asCandidate.getApplication({ id: submitted.id, xApplicationToken: token });
  report({
    step: "getApplication",
    ok: again.id === submitted.id && again.eligibility.outcome === "ELIGIBLE",
    detail: again.eligibility.outcome,
  });

  // Leaving out a required answer: a 400 whose body the client types as a ValidationProblem.
  const { yearsOfStudy: _left, ...incomplete } = answers;
  try {
    await applications.submitApplication({
      idempotencyKey: `${idempotencyKey}-bad`,
      submitApplication: { ...submission, answers: incomplete },
    });
    report({ step: "validationProblem", ok: false, detail: "accepted" });
  } catch (e) {
    if (!(e instanceof ResponseError)) {
      throw e;
    }
    const problem: ValidationProblem = ValidationProblemFromJSON(await e.response.json());
    report({
      step: "validationProblem",
      ok: problem.status === 400 && e.response.status === 400,
      detail: { title: problem.title, violations: problem.violations },
    });
  }
  report({ step: "done", ok: true });
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
