/**
 * The demo portfolio: six missions across sales, support, onboarding, finance and compliance,
 * one per designed story. Only the definitions are written here; every run row comes from the
 * same profile-driven simulation as random data.
 */
import type { AiRole, KpiDirection, Mission } from "../model/dataset";
import type { Bottleneck, Domain, KpiPlan, MissionPlan, RiskType, TaskPlan } from "./mission-plan";
import { STORY_PROFILES, type StoryName } from "./profiles";

type DemoStory = Exclude<StoryName, "random">;

interface DemoKpi {
  readonly kpi: string;
  readonly direction: KpiDirection;
  readonly unit: string;
  readonly baseline: number;
  readonly target: number;
  readonly targetDate: string;
  readonly decimals: number;
  readonly max: number;
  /** 1 for the primary KPI. */
  readonly share: number;
}

/** [task id, name, estimated minutes, requires approval, depends on]. */
type DemoTask = readonly [string, string, number, boolean, readonly string[]];

interface DemoMission {
  readonly mission: Mission;
  readonly domain: Domain;
  readonly story: DemoStory;
  readonly runs: number;
  readonly startOffsetDays: number;
  readonly kpis: readonly DemoKpi[];
  readonly tasks: readonly DemoTask[];
  readonly bottleneck?: Bottleneck;
  readonly riskTypes: readonly RiskType[];
}

const kpi = (
  name: string,
  direction: KpiDirection,
  unit: string,
  baseline: number,
  target: number,
  targetDate: string,
  decimals: number,
  max: number,
  share = 1,
): DemoKpi => ({ kpi: name, direction, unit, baseline, target, targetDate, decimals, max, share });

/**
 * The demo's answers to the governance questions: some missions answer most, some none, and a
 * mission whose AI decides or triggers leaves some open (a finding in the brief).
 */
const GOVERNANCE_ANSWERS: Readonly<Record<string, Partial<Mission>>> = {
  "onboarding-time": {
    dataSources: "CRM contract records and the billing system (nightly export), customer-uploaded documents",
    accountableHuman: "Priya Raman, Head of Customer Onboarding",
    monitoring:
      "Weekly review of kick-off plans the team lead rejected; auto-approval only above 0.9 confidence",
    fallback: "Switch to manual onboarding checklists; the agent is paused by the team lead",
  },
  "invoice-processing": {
    dataSources: "ERP purchase orders and goods receipts, supplier invoices from the AP mailbox (OCR)",
    dataQuality: "OCR confidence checked per line item; invoices under 0.8 go to a clerk",
    accountableHuman: "AP supervisor on duty",
  },
  "support-triage": {
    dataSources: "Ticket text and customer tier from the help desk",
    dataQuality: "Monthly sample of 200 routed tickets re-labelled by supervisors",
    accountableHuman: "Support duty manager",
    monitoring: "Misrouting rate per queue, alert above 5 % in a day",
    driftResponse: "Retrain the router when the monthly sample's accuracy drops below 90 %",
    fallback: "Round-robin routing by queue, switched on by the duty manager",
  },
};

const mission = (
  missionId: string,
  name: string,
  description: string,
  businessOwner: string | undefined,
  aiRole: AiRole,
  escalationPath: string | undefined,
): Mission => ({
  missionId,
  name,
  description,
  ...(businessOwner ? { businessOwner } : {}),
  aiRole,
  ...(escalationPath ? { escalationPath } : {}),
  ...GOVERNANCE_ANSWERS[missionId],
});

const DEMO: readonly DemoMission[] = [
  {
    mission: mission(
      "onboarding-time",
      "Customer onboarding time-to-value",
      "Agents take newly signed B2B customers from contract to first value: documents, account checks, workspace, integrations and kick-off.",
      "Priya Raman, Head of Customer Onboarding",
      "decide",
      "Onboarding team lead, then VP Customer Success",
    ),
    domain: "onboarding",
    story: "improving_autonomous",
    runs: 36,
    startOffsetDays: 0,
    kpis: [
      kpi("onboarding_days", "lower_is_better", "days", 14, 5, "2026-09-30", 1, 60),
      kpi("activation_rate_pct", "higher_is_better", "%", 62, 80, "2026-12-31", 1, 100, 0.7),
    ],
    tasks: [
      ["collect-documents", "Collect contract and tax documents", 20, false, []],
      ["verify-account", "Verify account and billing details", 15, false, ["collect-documents"]],
      ["provision-workspace", "Provision workspace and SSO", 30, false, ["verify-account"]],
      ["configure-integrations", "Configure CRM and data integrations", 45, false, ["verify-account"]],
      [
        "approve-kickoff",
        "Approve kick-off plan",
        10,
        true,
        ["provision-workspace", "configure-integrations"],
      ],
      ["send-welcome", "Send welcome pack and training invites", 10, false, ["approve-kickoff"]],
    ],
    riskTypes: [
      { type: "misconfiguration", label: "Workspace configured against the contract" },
      { type: "data_quality", label: "Inconsistent customer master data" },
    ],
  },
  {
    mission: mission(
      "sales-pipeline",
      "Sales pipeline acceleration",
      "Agents enrich and score inbound leads, draft personalised outreach and book discovery calls so qualified leads become opportunities faster.",
      "Marcus Levin, VP Sales",
      "recommend",
      "Sales operations manager on duty",
    ),
    domain: "sales",
    story: "improving_dependent",
    runs: 40,
    startOffsetDays: 1,
    kpis: [kpi("lead_to_opportunity_days", "lower_is_better", "days", 21, 9, "2026-12-31", 1, 90)],
    tasks: [
      ["enrich-leads", "Enrich inbound leads", 10, false, []],
      ["score-leads", "Score and prioritise leads", 5, false, ["enrich-leads"]],
      ["draft-outreach", "Draft personalised outreach", 20, true, ["score-leads"]],
      ["book-discovery", "Book discovery call", 10, false, ["draft-outreach"]],
      ["update-crm", "Update CRM and forecast", 5, false, ["book-discovery"]],
    ],
    riskTypes: [
      { type: "hallucinated_output", label: "Unsupported claim in outreach draft" },
      { type: "pii_exposure", label: "Personal data sent to the wrong contact" },
    ],
  },
  {
    mission: mission(
      "support-resolution",
      "Support ticket resolution",
      'Agents resolve billing and product tickets end to end with knowledge-base answers; goodwill credits over 50 EUR need a team lead\'s "OK".',
      "Dana Okafor, Director of Customer Support",
      "assist",
      "Tier-2 support on-call",
    ),
    domain: "support",
    story: "plateau",
    runs: 30,
    startOffsetDays: 2,
    kpis: [
      kpi("median_resolution_hours", "lower_is_better", "hours", 18, 6, "2026-06-30", 1, 200),
      kpi("csat_score", "higher_is_better", "score 1-5", 4.1, 4.5, "2026-06-30", 2, 5, 0.5),
    ],
    tasks: [
      ["classify-ticket", "Classify and prioritise ticket", 3, false, []],
      ["retrieve-history", "Retrieve customer history", 5, false, ["classify-ticket"]],
      ["draft-answer", "Draft answer from knowledge base", 12, false, ["retrieve-history"]],
      ["approve-credit", "Approve goodwill credit", 5, true, ["draft-answer"]],
      ["send-reply", "Send reply and close ticket", 3, false, ["approve-credit"]],
    ],
    bottleneck: { taskId: "approve-credit", kind: "approval", level: { start: 180, end: 300 } },
    riskTypes: [
      { type: "unapproved_credit", label: "Credit promised before approval" },
      { type: "pii_exposure", label: "Personal data in an outbound message" },
    ],
  },
  {
    mission: mission(
      "invoice-processing",
      "Accounts-payable invoice processing",
      "Agents capture supplier invoices, extract header and line fields, match them to purchase orders and goods receipts, and post them for payment.",
      "Finance Operations (AP team)",
      "decide",
      undefined,
    ),
    domain: "finance",
    story: "worsening",
    runs: 28,
    startOffsetDays: 0,
    kpis: [kpi("first_pass_match_rate_pct", "higher_is_better", "%", 72, 92, "2026-10-31", 1, 100)],
    tasks: [
      ["capture-invoice", "Capture invoice", 3, false, []],
      ["extract-fields", "Extract header and line fields", 6, false, ["capture-invoice"]],
      ["match-po", "Three-way match to PO and receipt", 40, false, ["extract-fields"]],
      ["approve-payment", "Approve payment", 15, true, ["match-po"]],
      ["post-ledger", "Post to ledger", 3, false, ["approve-payment"]],
    ],
    bottleneck: { taskId: "match-po", kind: "overrun", level: { start: 1.8, end: 3 } },
    riskTypes: [
      { type: "duplicate_payment", label: "Possible duplicate payment" },
      { type: "data_quality", label: "Line items do not match the receipt" },
    ],
  },
  {
    mission: mission(
      "kyc-review",
      "KYC review for new business accounts",
      "Agents collect registry extracts and ownership documents, screen owners against sanctions and PEP lists, and draft a risk rating for an analyst to sign off.",
      undefined,
      "recommend",
      "Compliance officer on duty",
    ),
    domain: "compliance",
    story: "too_little_history",
    runs: 2,
    startOffsetDays: 52,
    kpis: [kpi("review_minutes", "lower_is_better", "minutes", 95, 40, "2027-03-31", 0, 600)],
    tasks: [
      ["collect-registry", "Collect registry extract and ownership documents", 15, false, []],
      ["screen-lists", "Screen owners against sanctions and PEP lists", 5, false, ["collect-registry"]],
      ["rate-risk", "Draft risk rating", 15, false, ["screen-lists"]],
      ["sign-off", "Compliance analyst sign-off", 10, true, ["rate-risk"]],
    ],
    riskTypes: [{ type: "missed_match", label: "Potential sanctions match not escalated" }],
  },
  {
    mission: mission(
      "support-triage",
      "Support ticket triage and routing",
      "Agents detect language and urgency of incoming e-mails and chats, route each ticket to the right queue and suggest a first response.",
      "Dana Okafor, Director of Customer Support",
      "trigger",
      "Support duty manager",
    ),
    domain: "support",
    story: "on_track",
    runs: 24,
    startOffsetDays: 3,
    kpis: [kpi("first_response_minutes", "lower_is_better", "minutes", 240, 30, "2026-04-30", 0, 2000)],
    tasks: [
      ["detect-language", "Detect language and intent", 2, false, []],
      ["classify-urgency", "Classify urgency", 2, false, ["detect-language"]],
      ["route-ticket", "Route to queue", 1, false, ["classify-urgency"]],
      ["suggest-response", "Suggest first response", 4, false, ["classify-urgency"]],
      ["spot-check", "Supervisor spot check", 5, true, ["route-ticket", "suggest-response"]],
    ],
    riskTypes: [
      { type: "misrouting", label: "Urgent ticket routed to a low-priority queue" },
      { type: "hallucinated_output", label: "Unsupported statement in suggested response" },
    ],
  },
];

function toPlan(d: DemoMission): MissionPlan {
  const missionId = d.mission.missionId;
  const kpis: KpiPlan[] = d.kpis.map((k, i) => ({
    spec: {
      missionId,
      kpi: k.kpi,
      direction: k.direction,
      unit: k.unit,
      baseline: k.baseline,
      target: k.target,
      targetDate: k.targetDate,
      primary: i === 0,
    },
    decimals: k.decimals,
    min: 0,
    max: k.max,
    progressShare: k.share,
  }));
  const tasks: TaskPlan[] = d.tasks.map(
    ([taskId, name, estimatedMinutes, requiresApproval, dependsOn], i) => ({
      definition: {
        missionId,
        taskId,
        name,
        order: i + 1,
        dependsOn: [...dependsOn],
        estimatedMinutes,
        requiresApproval,
      },
      agents: [`${taskId}-agent-a`, `${taskId}-agent-b`],
    }),
  );
  return {
    mission: d.mission,
    domain: d.domain,
    story: d.story,
    profile: STORY_PROFILES[d.story],
    kpis,
    tasks,
    ...(d.bottleneck ? { bottleneck: d.bottleneck } : {}),
    riskTypes: d.riskTypes,
    runCount: d.runs,
    startOffsetDays: d.startOffsetDays,
  };
}

/**
 * Plans of the demo portfolio, in a stable order (a fresh array of fresh plans on every call; the
 * nested definitions are shared and read-only).
 *
 * @example demoMissionPlans().map((p) => p.story)
 *   // → ["improving_autonomous", "improving_dependent", "plateau", "worsening", "too_little_history", "on_track"]
 */
export function demoMissionPlans(): MissionPlan[] {
  return DEMO.map(toPlan);
}
