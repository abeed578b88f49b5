// Package arrangement proposes payment arrangements a customer can keep: it
// reads the customer's situation from a call (Extract), and plans ranked
// options from explicit figures (Engine.Plan) or from a call (Engine.Advise).
//
// The engine does not impose fixed terms. It starts from what the customer
// says they can pay, checks it against what their budget leaves and against
// the creditor's policy, and offers the nearest options when the customer's
// own amount does not clear the debt within policy. It never proposes a
// payment above what the customer can afford. Where nothing affordable fits
// the policy, or the customer shows vulnerability, it recommends breathing
// space and the free debt help of the jurisdiction, and flags the call; a
// mention of self-harm or suicide stops collection talk and gives the crisis
// line instead of options.
//
// Money is integer minor units with an ISO 4217 currency; schedules add up to
// the total exactly, the last payment absorbing the remainder. Wording (why an
// option is realistic, the agent's script, referral texts) comes from the
// prompts package, in Dutch and English.
package arrangement
