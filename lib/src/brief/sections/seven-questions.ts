/**
 * Governance's seven questions, per mission: the data used and its provenance, the data quality
 * for this decision, the AI's role (assist / recommend / decide / trigger), where human
 * accountability sits, how error and confidence thresholds are monitored, what happens on drift,
 * and the rollback or fail-safe. Each is answered from the mission's fields or shown missing; a
 * missing answer is a finding when the AI decides or triggers.
 */
import type { Mission } from "../../model/dataset";
import type { BriefContext } from "../brief-types";
import { plural } from "../format";
import { html, type SafeHtml } from "../html";

/** The seven questions, in order, with their short column labels. */
export const SEVEN_QUESTIONS = [
  { key: "data", label: "Data", question: "What data is used, and where does it come from?" },
  { key: "quality", label: "Data quality", question: "Is the data good enough for this decision?" },
  { key: "role", label: "AI role", question: "What is the AI's role: assist, recommend, decide or trigger?" },
  { key: "accountable", label: "Accountable human", question: "Where does human accountability sit?" },
  { key: "monitoring", label: "Monitoring", question: "How are error and confidence thresholds monitored?" },
  { key: "drift", label: "On drift", question: "What happens when the data or the model drifts?" },
  { key: "fallback", label: "Fail-safe", question: "What is the rollback or fail-safe?" },
] as const;

/** One answer: the text, or null when missing; `finding` when missing and the AI decides or triggers. */
export interface QuestionAnswer {
  readonly key: (typeof SEVEN_QUESTIONS)[number]["key"];
  readonly answer: string | null;
  readonly finding: boolean;
}

/** One mission's answers. */
export interface MissionQuestions {
  readonly missionId: string;
  readonly missionName: string;
  /** The AI role, or null when not recorded. */
  readonly aiRole: string | null;
  readonly answers: readonly QuestionAnswer[];
  /** Missing answers that are findings. */
  readonly findings: number;
}

/** The seven-questions part of the governance section. */
export interface SevenQuestionsModel {
  /** False when the brief was built without the dataset's missions (nothing to show). */
  readonly available: boolean;
  readonly missions: readonly MissionQuestions[];
  /** e.g. "18 of 42 answers are missing; 9 are findings (missions whose AI decides or triggers)." */
  readonly summary: string;
}

function answersOf(m: Mission): Record<QuestionAnswer["key"], string | null> {
  const accountable =
    m.accountableHuman ??
    (m.businessOwner || m.escalationPath
      ? [
          m.businessOwner ? `business owner ${m.businessOwner}` : "",
          m.escalationPath ? `escalation to ${m.escalationPath}` : "",
        ]
          .filter(Boolean)
          .join("; ") + " (from the owner and escalation fields)"
      : null);
  return {
    data: m.dataSources ?? null,
    quality: m.dataQuality ?? null,
    role: m.aiRole ?? null,
    accountable,
    monitoring: m.monitoring ?? null,
    drift: m.driftResponse ?? null,
    fallback: m.fallback ?? null,
  };
}

/**
 * The seven questions for every assessed mission (weakest first).
 *
 * @example sevenQuestionsModel(ctx).missions[0].answers.length // → 7
 */
export function sevenQuestionsModel(ctx: BriefContext): SevenQuestionsModel {
  const source = ctx.options.data.missions;
  if (!source) return { available: false, missions: [], summary: "" };
  const byId = new Map(source.map((m) => [m.missionId, m]));
  const missions = ctx.missions.flatMap((a): MissionQuestions[] => {
    const m = byId.get(a.missionId);
    if (!m) return [];
    const values = answersOf(m);
    const strict = m.aiRole === "decide" || m.aiRole === "trigger" || m.aiRole === undefined;
    const answers = SEVEN_QUESTIONS.map((q) => ({
      key: q.key,
      answer: values[q.key],
      finding: values[q.key] === null && strict,
    }));
    return [
      {
        missionId: a.missionId,
        missionName: a.missionName,
        aiRole: m.aiRole ?? null,
        answers,
        findings: answers.filter((x) => x.finding).length,
      },
    ];
  });
  const total = missions.length * SEVEN_QUESTIONS.length;
  const missing = missions.reduce((s, m) => s + m.answers.filter((a) => a.answer === null).length, 0);
  const findings = missions.reduce((s, m) => s + m.findings, 0);
  const summary =
    `${missing} of ${plural(total, "answer")} are missing; ${findings} of them ${findings === 1 ? "is a finding" : "are findings"}` +
    " (missions whose AI decides or triggers, or whose role is not recorded).";
  return { available: true, missions, summary };
}

/**
 * The part as HTML: a matrix of missions × questions (answered / missing / finding) and each
 * mission's answers.
 *
 * @example String(sevenQuestionsHtml(model.governance.questions)).includes("<table") // → true
 */
export function sevenQuestionsHtml(m: SevenQuestionsModel): SafeHtml {
  if (!m.available) return html``;
  const head = SEVEN_QUESTIONS.map((q) => html`<th scope="col" title="${q.question}">${q.label}</th>`);
  const rows = m.missions.map(
    (r) =>
      html`<tr><th scope="row">${r.missionName}</th>${r.answers.map((a) =>
        a.answer !== null
          ? html`<td class="q-answered">answered</td>`
          : a.finding
            ? html`<td class="q-finding"><strong>missing: finding</strong></td>`
            : html`<td class="q-missing">missing</td>`,
      )}</tr>`,
  );
  const detail = m.missions.map((r) => {
    const given = r.answers
      .map((a, i) => ({ a, q: SEVEN_QUESTIONS[i]! }))
      .filter((x) => x.a.answer !== null)
      .map((x) => html`<li><span class="label-inline">${x.q.label}:</span> ${x.a.answer}</li>`);
    return html`<li><strong>${r.missionName}</strong>${given.length ? html`<ul class="small">${given}</ul>` : html` <span class="small muted">no answer recorded</span>`}</li>`;
  });
  return html`<h3>The seven governance questions</h3>
<p>${m.summary}</p>
<table class="questions"><thead><tr><th scope="col">Mission</th>${head}</tr></thead><tbody>${rows}</tbody></table>
<details open><summary>The answers, mission by mission</summary><ul class="answers">${detail}</ul></details>
`;
}
