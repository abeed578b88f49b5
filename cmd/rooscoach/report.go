package main

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/prompts"
)

// writeReport prints an analysis as a trainer reads it: the call turn by
// turn, then the summary, the closing and the arrangement.
func writeReport(out io.Writer, an *assistant.Analysis) error {
	w := bufio.NewWriter(out)
	fmt.Fprintf(w, "Call in %s (%s), speakers mapped by %s", an.Language, an.Format, an.Mapping.Method)
	if an.Mapping.Method == assistant.MappingInferred {
		fmt.Fprintf(w, " (confidence %s: %s)", prompts.Number(assistant.English, an.Mapping.Confidence, 2), an.Mapping.Reason)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w)
	for _, t := range an.Turns {
		fmt.Fprintf(w, "%3d %-8s %-12s %-15s %s\n", t.Index, t.Speaker, t.Stance.Octant, "("+string(t.Stance.Quadrant)+")", t.Text)
		if t.Response != nil && t.Response.Effect != assistant.Neutral {
			fmt.Fprintf(w, "      answers turn %d (%s): %s\n", t.Response.ToTurn, t.Response.Customer, t.Response.Effect)
		}
		if x := t.Exchange; x != nil && x.Clear {
			as := "as the rose predicts"
			if !x.AsExpected {
				as = "the rose predicts " + string(x.Expected)
			}
			fmt.Fprintf(w, "      customer answers in turn %d from %s (%s)", x.CustomerTurn, x.Customer, as)
			switch x.Pull {
			case assistant.PullTogether:
				fmt.Fprint(w, "; drew the customer toward together")
			case assistant.PullOpposition:
				fmt.Fprint(w, "; drew the customer toward opposition")
			}
			if x.IntoOpposition {
				fmt.Fprint(w, ", INTO OPPOSITION")
			}
			fmt.Fprintln(w)
		}
		if h := t.Hardship; h != nil {
			var moved []string
			if h.MoreDominant {
				moved = append(moved, "more dominant")
			}
			if h.MoreOpposed {
				moved = append(moved, "more opposed")
			}
			driver := string(h.Driver)
			if h.Topic != "" {
				driver += ": " + h.Topic
			}
			fmt.Fprintf(w, "      ! HARDSHIP: %s right after the customer named hardship in turn %d (%s %q)\n",
				strings.Join(moved, " and "), h.CustomerTurn, driver, h.Cue)
		}
		if p := t.Phrasing; p != nil {
			for _, f := range p.Findings {
				fmt.Fprintf(w, "      ! %s %q: %s\n", f.Kind, f.Text, f.Reason)
			}
			if p.Suggested != "" {
				fmt.Fprintf(w, "      → %s\n", p.Suggested)
			}
			if p.Tip.Text != "" && p.Tip.Kind != "ok" {
				fmt.Fprintf(w, "      tip: %s\n", p.Tip.Text)
			}
		}
	}
	s := an.Summary
	// The figures round as the pages do (halves away from zero), not as
	// fmt does (halves to even), so the report and the page agree.
	fmt.Fprintf(w, "\nAgent turns: %d, in %s: %s\n", s.AgentTurns, assistant.TargetQuadrant, prompts.Percent(s.TargetShare))
	for _, q := range assistant.Quadrants {
		fmt.Fprintf(w, "  %-15s %4s\n", q, prompts.Percent(s.QuadrantShare[q]))
	}
	fmt.Fprintf(w, "Escalations: %d, de-escalations: %d\n", s.Escalations, s.Deescalations)
	d := an.Dynamics
	fmt.Fprintf(w, "Dynamics: %d agent turns answered by the customer", d.Exchanges)
	if d.Exchanges > 0 {
		fmt.Fprintf(w, ", %d (%s) answered together, %d as the rose predicts",
			d.Together, prompts.Percent(float64(d.Together)/float64(d.Exchanges)), d.AsExpected)
	}
	fmt.Fprintf(w, "; pushed into opposition: %d; hardship flags: %d\n", d.PushedIntoOpposition, d.HardshipFlags)
	if tp := d.Tipping; tp != nil {
		if tp.AgentTurn >= 0 {
			fmt.Fprintf(w, "  the call tipped into %s at turn %d (the customer's answer, turn %d)\n", tp.Into, tp.AgentTurn, tp.CustomerTurn)
		} else {
			fmt.Fprintf(w, "  the call tipped into %s at the customer's turn %d\n", tp.Into, tp.CustomerTurn)
		}
	} else {
		fmt.Fprintln(w, "  the customer never changed sides")
	}
	fmt.Fprintf(w, "Closing turns %v: %s (%s in target)\n", s.Closing.Turns, s.Closing.Quadrant, prompts.Percent(s.Closing.TargetShare))
	fmt.Fprintf(w, "Readability (%s): %s, %s words per sentence; jargon: %d\n", an.Readability.Scale,
		prompts.Number(assistant.English, an.Readability.Score, 0), prompts.Number(assistant.English, an.Readability.MeanSentenceLength, 1), an.JargonCount)
	c := an.Closing
	fmt.Fprintf(w, "Ending: next step %s, summary %s, warm close %s\n", yes(c.NextStep), yes(c.Summary), yes(c.WarmClose))
	if c.Tip != "" {
		fmt.Fprintf(w, "  tip: %s\n", c.Tip)
	}
	arr := an.Arrangement
	if len(arr.Facts) > 0 {
		fmt.Fprintln(w, "\nFacts:")
		for _, f := range arr.Facts {
			val := f.Text
			if f.Amount != nil {
				val = prompts.Money(an.Language, *f.Amount)
			}
			amb := ""
			if f.Ambiguous {
				amb = " (ambiguous: " + f.Note + ")"
			}
			fmt.Fprintf(w, "  %-13s %s, turn %d %q%s\n", f.Kind, val, f.TurnIndex, f.Text, amb)
		}
	}
	for i, o := range arr.Options {
		if i == 0 {
			fmt.Fprintln(w, "\nArrangement options:")
		}
		fmt.Fprintf(w, "  %d. %s: %s a month for %d months (total %s), fits policy %s\n     %s\n     say: %s\n",
			i+1, o.Kind, prompts.Money(an.Language, o.Monthly), o.Months, prompts.Money(an.Language, o.Total), yes(o.FitsPolicy), o.Why, o.Script)
	}
	if a := arr.Agreement; a != nil && a.Outcome == assistant.OutcomeReferral && a.Fact < len(arr.Facts) {
		fmt.Fprintf(w, "\nAgreed in the call: a referral to debt help (%s), promised %s\n", arr.Facts[a.Fact].Text, yes(a.Promise))
		for _, f := range a.Findings {
			fmt.Fprintf(w, "  - %s\n", f.Text)
		}
	} else if a != nil {
		fmt.Fprintf(w, "\nAgreed in the call: %s a %s (%s a month), promised %s\n",
			prompts.Money(an.Language, a.Amount), a.Frequency, prompts.Money(an.Language, a.Monthly), yes(a.Promise))
		for _, f := range a.Findings {
			fmt.Fprintf(w, "  - %s\n", f.Text)
		}
	}
	if arr.Referral != nil {
		fmt.Fprintf(w, "\nReferral (%s): %s\n  %s\n", arr.Referral.Jurisdiction, arr.Referral.Reason, arr.Referral.Text)
	}
	if c := an.Compliance; c != nil {
		writeCompliance(w, c)
	}
	if an.Flagged {
		fmt.Fprintln(w, "\nFLAGGED for a trainer: vulnerability, a crisis, no affordable payment, or an agreement the customer cannot afford or policy does not allow.")
	}
	if s := an.AfterCallSummary; s != nil {
		fmt.Fprintf(w, "\nAfter-call summary (%s, %s):\n  %s\n", s.Engine, s.Model, s.Text)
	}
	if r := an.DraftReview; r != nil {
		fmt.Fprintf(w, "\nDraft review for a trainer (%s, %s; not published):\n", r.Engine, r.Model)
		for _, p := range r.Strengths {
			fmt.Fprintf(w, "  + %s (turns %v)\n", p.Text, p.Turns)
		}
		for _, p := range r.FocusPoints {
			fmt.Fprintf(w, "  - %s (turns %v)\n", p.Text, p.Turns)
		}
	}
	for _, r := range an.Engines {
		if r.FallbackReason != "" {
			fmt.Fprintf(w, "\n%s by %s: %s", r.Part, r.Engine, r.FallbackReason)
		}
	}
	if u := an.LLMUsage; u != nil {
		fmt.Fprintf(w, "\nLLM %s: %d requests, %d prompt and %d completion tokens, %d ms\n", u.Model, u.Requests, u.PromptTokens, u.CompletionTokens, u.LatencyMS)
	}
	return w.Flush()
}

// writeCompliance prints the compliance section: the jurisdiction and why,
// then every rule checked, broken ones with their evidence and what to say
// instead.
func writeCompliance(w io.Writer, c *assistant.Compliance) {
	j := c.Jurisdiction
	if j == "" {
		j = "none"
	}
	worst := string(c.Worst)
	if worst == "" {
		worst = "none"
	}
	fmt.Fprintf(w, "\nCompliance (%s): %d broken, worst severity %s. %s\n", j, c.Breaches, worst, c.JurisdictionReason)
	for _, r := range c.Rules {
		fmt.Fprintf(w, "  %-14s %-8s %s: %s\n", r.Status, r.Severity, r.RuleID, r.Title)
		fmt.Fprintf(w, "      %s\n", r.Reason)
		if r.Status != assistant.RuleBroken {
			continue
		}
		fmt.Fprintf(w, "      %s: %s\n", r.Law, r.Article)
		for _, b := range r.Breaches {
			fmt.Fprintf(w, "      ! turn %d, characters %d–%d: %q\n", b.TurnIndex, b.Start, b.End, b.Text)
		}
		if r.SayInstead != "" {
			fmt.Fprintf(w, "      say instead: %s\n", r.SayInstead)
		}
	}
	fmt.Fprintln(w, "  These checks support a compliance officer; they are not legal advice.")
}

func yes(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
