// Package compliance checks calls against rule packs per jurisdiction: what
// a collector must say, must never say, and must do when the customer is
// vulnerable, under the Dutch Wki and Burgerlijk Wetboek, the UK's FCA CONC 7,
// Consumer Duty, FG21/1 and Breathing Space rules, and the US FDCPA and
// Regulation F, plus the crisis rule that holds everywhere.
//
// The rules are data: YAML files embedded in the binary (packs/), with Dutch
// and English patterns side by side, each rule with its law and article, a
// severity and what to say instead, so that a compliance officer can read
// them and a team can add its own packs without changing code. [Load] reads
// and validates them at start-up; a broken pack stops the start with the
// file, the rule and what is wrong.
//
// Patterns are read with the shared tokenizer and phrase patterns of package
// language, and the crisis and hardship cues come from package
// vulnerability, so that a crisis is a crisis here exactly when it is one for
// the phrasing and arrangement engines.
//
// The checks support a compliance officer; they are not legal advice.
package compliance
