// Package builtin wires rooscoach's built-in engine: the stance classifier,
// the phrasing engine, the arrangement engine and the compliance rule packs,
// which need no network and answer the same way every time. The command and the tests of every layer
// build their analyser here, so that all of them run the same engine.
package builtin

import (
	"time"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/arrangement"
	"github.com/rooscoach/rooscoach/assistant/compliance"
	"github.com/rooscoach/rooscoach/assistant/phrasing"
	"github.com/rooscoach/rooscoach/assistant/stance"
	"github.com/rooscoach/rooscoach/assistant/vulnerability"
)

// Engine returns the built-in engine with today's date from now (nil means
// time.Now), and the arrangement engine it plans with, which also serves
// arrangements on explicit figures.
func Engine(now func() time.Time) (assistant.Engine, *arrangement.Engine) {
	arr := arrangement.New(now)
	ph := phrasing.New()
	return assistant.Engine{Name: assistant.Builtin, Stance: stance.New(), Phrasing: ph, Closing: ph, Facts: arr}, arr
}

// Analyzer returns an analyser on the built-in engine alone, with the
// built-in compliance packs, and its arrangement engine. A team's own packs
// and default jurisdiction are set by replacing Compliance with the checker
// of compliance.Load.
func Analyzer(now func() time.Time) (*assistant.Analyzer, *arrangement.Engine) {
	eng, arr := Engine(now)
	return &assistant.Analyzer{Engine: eng, Adviser: arr, Compliance: compliance.Builtin(), Hardship: vulnerability.ReadHardship}, arr
}
