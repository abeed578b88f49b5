package compliance

import (
	"context"
	"os"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/transcript"
)

// BenchmarkCheckCompliance checks the 16-turn Dutch sample call against the
// nl pack and the rules for all, as the analyser does for every call.
func BenchmarkCheckCompliance(b *testing.B) {
	data, err := os.ReadFile("../../testdata/calls/nl-betalingsregeling.txt")
	if err != nil {
		b.Fatal(err)
	}
	tr, err := transcript.Parse(data, "text/plain", transcript.Options{})
	if err != nil {
		b.Fatal(err)
	}
	tr.Jurisdiction = "nl"
	c := Builtin()
	in := assistant.ComplianceInputOf(tr, nil)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.CheckCompliance(context.Background(), in); err != nil {
			b.Fatal(err)
		}
	}
}
