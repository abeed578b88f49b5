// Package arrangement proposes payment arrangements a customer can keep, the
// way a debt adviser would: it reads the customer's situation from a call
// (Extract), and plans ranked options from explicit figures (Engine.Plan) or
// from a call (Engine.Advise), under the creditor's policy
// (Engine.WithPolicies).
//
// Reading a call, it takes what the customer says as the answer to the
// agent's question in the light of that question ("Wanneer komt uw loon
// binnen?" — "Altijd op de 24e."), keeps numbers that name a law article, an
// account, a policy, a phone number, a date or a time out of the money, puts
// costs in the budget categories of the UK Standard Financial Statement, and
// notes the arrangement agent and customer settled on as a fact of its own,
// which Advise then compares with what the customer said, what they have
// left, the policy and the options.
//
// Planning, it does not impose fixed terms. What the customer has left
// after essential costs (in the Netherlands, after the larger of those and
// the beslagvrije voet, computed from the household) bounds every plan: at
// most the policy's share of it, half by default (HMRC's Time to Pay
// practice). The customer's own amount comes first when it clears the debt
// within policy, and may be above that share, marked as a risk, never above
// what they have left. Beside the gentlest plan it offers the shortest
// realistic one, in round amounts; a temporary plan or a token payment until
// a review, a pause, an interest freeze or a settlement where the policy
// allows one. Where nothing affordable clears the debt within policy, or the
// customer shows vulnerability, the advice carries a referral to breathing
// space and the free debt help of the jurisdiction, as a field of its own,
// and flags the call; a mention of self-harm or suicide stops collection
// talk and gives the crisis line instead of options.
//
// Money is integer minor units with an ISO 4217 currency; schedules add up to
// the total exactly, the last payment absorbing the remainder; due dates move
// off weekends and public holidays when the policy says so. Wording (why an
// option is realistic, the agent's script, referral texts, notes) comes from
// the prompts package, in Dutch and English, with dates and money written
// the customer's country's way. docs/domain/arrangements.md gives the rules
// and figures and their sources; figures that change by date and could not
// be verified come from configuration (LoadFigures), never from constants.
package arrangement
