/**
 * Vocabulary for randomly generated missions: per business domain, plausible mission names, KPIs
 * (with units and value ranges), a process of eight tasks, owners, escalation paths and risk
 * types. Pure data.
 */
import type { AiRole, KpiDirection } from "../model/dataset";
import type { Domain, RiskType } from "./mission-plan";

/** A KPI a domain's missions may track; baselines are drawn from `baseline`, targets improve on it. */
export interface KpiTemplate {
  readonly kpi: string;
  readonly direction: KpiDirection;
  readonly unit: string;
  /** Range baselines are drawn from (KPI units). */
  readonly baseline: readonly [number, number];
  readonly decimals: number;
  /** Physical bounds of the KPI (e.g. 0–100 for a percentage). */
  readonly min: number;
  readonly max: number;
}

/** A step of a domain's process, with its typical duration and approval habit. */
export interface TaskTemplate {
  readonly name: string;
  /** Range of the planned duration, minutes. */
  readonly minutes: readonly [number, number];
  /** Probability that the task requires a human approval. */
  readonly approval: number;
}

/** Everything random missions of one domain are drawn from. */
export interface DomainTemplate {
  readonly domain: Domain;
  /** [name, description] pairs. */
  readonly missions: readonly (readonly [string, string])[];
  readonly kpis: readonly KpiTemplate[];
  /** In process order; exactly eight. */
  readonly tasks: readonly TaskTemplate[];
  readonly owners: readonly string[];
  readonly escalationPaths: readonly string[];
  readonly aiRoles: readonly AiRole[];
  readonly riskTypes: readonly RiskType[];
}

const lower = (
  kpi: string,
  unit: string,
  baseline: [number, number],
  decimals: number,
  max: number,
): KpiTemplate => ({ kpi, direction: "lower_is_better", unit, baseline, decimals, min: 0, max });
const higher = (
  kpi: string,
  unit: string,
  baseline: [number, number],
  decimals: number,
  max: number,
): KpiTemplate => ({ kpi, direction: "higher_is_better", unit, baseline, decimals, min: 0, max });
const task = (name: string, from: number, to: number, approval = 0): TaskTemplate => ({
  name,
  minutes: [from, to],
  approval,
});
const risk = (type: string, label: string): RiskType => ({ type, label });

const COMMON_RISKS: readonly RiskType[] = [
  risk("data_quality", "Inconsistent or missing source data"),
  risk("policy_violation", "Action outside the approved policy"),
  risk("hallucinated_output", "Unsupported statement in generated content"),
];

/** Templates of every {@link Domain}, in a stable order. */
export const DOMAIN_TEMPLATES: readonly DomainTemplate[] = [
  {
    domain: "sales",
    missions: [
      ["Lead qualification", "Qualify inbound leads and route them to the right account executive."],
      ["Renewal quote preparation", "Prepare renewal quotes, pricing and approvals ahead of term end."],
      ["Pipeline hygiene", "Keep opportunities, stages and next steps current in the CRM."],
    ],
    kpis: [
      lower("lead_response_hours", "hours", [20, 40], 1, 200),
      higher("win_rate_pct", "%", [15, 25], 1, 100),
      lower("quote_turnaround_hours", "hours", [30, 60], 1, 300),
    ],
    tasks: [
      task("Enrich account data", 10, 25),
      task("Score lead", 5, 15),
      task("Check pricing rules", 10, 20),
      task("Draft proposal", 30, 60, 0.6),
      task("Discount approval", 10, 20, 0.9),
      task("Schedule follow-up", 5, 15),
      task("Update CRM", 5, 10),
      task("Forecast roll-up", 10, 25),
    ],
    owners: ["Head of Sales Operations", "Regional Sales Director", "Revenue Operations Lead"],
    escalationPaths: ["Sales operations manager", "Deal desk on-call"],
    aiRoles: ["assist", "recommend", "trigger"],
    riskTypes: [...COMMON_RISKS, risk("unapproved_discount", "Discount beyond the approved band")],
  },
  {
    domain: "support",
    missions: [
      ["Ticket resolution", "Resolve customer tickets end to end with knowledge-base answers."],
      ["Ticket triage", "Classify, prioritise and route incoming tickets."],
      ["Refund handling", "Assess refund requests and issue goodwill credits."],
    ],
    kpis: [
      lower("resolution_hours", "hours", [12, 30], 1, 200),
      lower("first_response_minutes", "minutes", [60, 240], 0, 2000),
      higher("csat_score", "score 1-5", [3.6, 4.1], 2, 5),
    ],
    tasks: [
      task("Classify ticket", 2, 6),
      task("Retrieve customer history", 3, 8),
      task("Search knowledge base", 5, 12),
      task("Draft reply", 8, 20, 0.3),
      task("Goodwill credit approval", 5, 15, 0.9),
      task("Send reply", 1, 3),
      task("Update ticket", 2, 5),
      task("Quality sample review", 5, 15, 0.5),
    ],
    owners: ["Director of Support", "Support Operations Manager"],
    escalationPaths: ["Tier-2 support on-call", "Support duty manager"],
    aiRoles: ["assist", "recommend", "decide"],
    riskTypes: [...COMMON_RISKS, risk("pii_exposure", "Personal data in an outbound message")],
  },
  {
    domain: "onboarding",
    missions: [
      ["Customer onboarding", "Take new customers from signed contract to first value."],
      ["Partner onboarding", "Certify and activate new reseller partners."],
    ],
    kpis: [
      lower("time_to_value_days", "days", [10, 20], 1, 120),
      higher("activation_rate_pct", "%", [50, 70], 1, 100),
    ],
    tasks: [
      task("Collect documents", 10, 30),
      task("Verify account details", 10, 20, 0.4),
      task("Provision workspace", 15, 40),
      task("Configure integrations", 20, 60),
      task("Prepare training plan", 15, 30),
      task("Kick-off approval", 5, 15, 0.9),
      task("Send welcome pack", 5, 10),
      task("Health check", 10, 20),
    ],
    owners: ["Head of Customer Onboarding", "Customer Success Lead"],
    escalationPaths: ["Onboarding team lead", "Customer success manager on duty"],
    aiRoles: ["assist", "recommend", "decide"],
    riskTypes: [...COMMON_RISKS, risk("misconfiguration", "Workspace configured against the contract")],
  },
  {
    domain: "finance",
    missions: [
      ["Invoice processing", "Capture, match and post supplier invoices."],
      ["Expense audit", "Audit employee expense claims against policy."],
      ["Collections follow-up", "Chase overdue receivables with tailored reminders."],
    ],
    kpis: [
      lower("cycle_time_hours", "hours", [24, 72], 1, 500),
      higher("straight_through_rate_pct", "%", [45, 70], 1, 100),
      lower("days_sales_outstanding", "days", [40, 70], 1, 365),
    ],
    tasks: [
      task("Capture document", 3, 8),
      task("Extract fields", 5, 12),
      task("Match to purchase order", 10, 25),
      task("Check policy", 5, 15),
      task("Payment approval", 5, 15, 0.9),
      task("Post to ledger", 3, 8),
      task("Notify requester", 2, 5),
      task("Reconcile", 10, 30, 0.3),
    ],
    owners: ["Finance Operations Manager", "Accounts Payable Lead", "Controller"],
    escalationPaths: ["AP supervisor", "Finance duty controller"],
    aiRoles: ["assist", "recommend", "decide", "trigger"],
    riskTypes: [...COMMON_RISKS, risk("duplicate_payment", "Possible duplicate payment")],
  },
  {
    domain: "compliance",
    missions: [
      ["KYC review", "Review know-your-customer files for new business accounts."],
      ["Sanctions screening", "Screen counterparties and payments against sanctions lists."],
      ["Policy attestation", "Collect and check yearly policy attestations."],
    ],
    kpis: [
      lower("review_minutes", "minutes", [60, 120], 0, 1000),
      lower("false_positive_rate_pct", "%", [8, 20], 1, 100),
    ],
    tasks: [
      task("Collect evidence", 10, 25),
      task("Screen lists", 5, 10),
      task("Assess risk score", 10, 20),
      task("Draft finding", 15, 30, 0.4),
      task("Compliance sign-off", 10, 20, 1),
      task("Archive file", 2, 5),
      task("Notify business", 2, 5),
      task("Schedule re-review", 2, 5),
    ],
    owners: ["Chief Compliance Officer", "KYC Operations Lead"],
    escalationPaths: ["Compliance officer on duty", "Money-laundering reporting officer"],
    aiRoles: ["assist", "recommend"],
    riskTypes: [...COMMON_RISKS, risk("missed_match", "Potential sanctions match not escalated")],
  },
  {
    domain: "hr",
    missions: [
      ["Candidate screening", "Screen applications and schedule first interviews."],
      ["Employee onboarding", "Prepare accounts, equipment and first-week plans for new hires."],
    ],
    kpis: [
      lower("time_to_interview_days", "days", [8, 15], 1, 90),
      higher("offer_acceptance_pct", "%", [60, 80], 1, 100),
    ],
    tasks: [
      task("Parse application", 3, 8),
      task("Match requirements", 5, 12),
      task("Check references", 15, 30),
      task("Draft shortlist", 10, 20, 0.5),
      task("Hiring manager approval", 5, 15, 0.9),
      task("Schedule interview", 5, 10),
      task("Send confirmation", 2, 5),
      task("Update HR system", 3, 8),
    ],
    owners: ["Head of Talent Acquisition", "HR Operations Manager"],
    escalationPaths: ["HR business partner", "Recruiting lead"],
    aiRoles: ["assist", "recommend"],
    riskTypes: [...COMMON_RISKS, risk("bias_flag", "Possible bias in screening criteria")],
  },
  {
    domain: "it_operations",
    missions: [
      ["Incident response", "Detect, diagnose and remediate production incidents."],
      ["Access requests", "Grant and revoke application access on request."],
    ],
    kpis: [
      lower("mttr_minutes", "minutes", [90, 240], 0, 5000),
      lower("change_failure_rate_pct", "%", [10, 25], 1, 100),
    ],
    tasks: [
      task("Triage alert", 3, 8),
      task("Collect diagnostics", 5, 15),
      task("Identify root cause", 15, 40),
      task("Propose remediation", 10, 20, 0.4),
      task("Change approval", 5, 15, 0.9),
      task("Apply fix", 10, 30),
      task("Verify service", 5, 15),
      task("Write post-incident note", 10, 25),
    ],
    owners: ["Head of Platform Operations", "Site Reliability Lead"],
    escalationPaths: ["On-call SRE", "Incident commander rota"],
    aiRoles: ["assist", "recommend", "decide", "trigger"],
    riskTypes: [...COMMON_RISKS, risk("unauthorized_change", "Change applied without approval")],
  },
  {
    domain: "procurement",
    missions: [
      ["Supplier onboarding", "Vet and register new suppliers."],
      ["Purchase request handling", "Turn purchase requests into approved purchase orders."],
    ],
    kpis: [
      lower("request_to_po_days", "days", [5, 12], 1, 90),
      higher("contract_coverage_pct", "%", [55, 75], 1, 100),
    ],
    tasks: [
      task("Validate request", 5, 10),
      task("Check budget", 5, 15),
      task("Compare suppliers", 15, 40),
      task("Draft purchase order", 10, 20, 0.3),
      task("Budget holder approval", 5, 15, 0.9),
      task("Send order", 2, 5),
      task("Confirm delivery date", 5, 10),
      task("File documents", 2, 5),
    ],
    owners: ["Procurement Manager", "Category Lead"],
    escalationPaths: ["Procurement duty buyer", "Head of Procurement"],
    aiRoles: ["assist", "recommend", "trigger"],
    riskTypes: [...COMMON_RISKS, risk("supplier_risk", "Supplier on a watch list")],
  },
];

/** Regions appended to random mission names so they read as distinct teams. */
export const REGIONS: readonly string[] = ["EMEA", "North America", "APAC", "LATAM", "DACH", "Nordics"];
