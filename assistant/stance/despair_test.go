package stance

import (
	"context"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/vulnerability"
)

// A customer who no longer sees a way ("Ik zie het niet meer zitten", "I
// see no way out") gives up: withdrawn, below-opposed, not the dependent
// "help me" of an ordinary hardship, and never an acknowledgement ("I
// see"). That the words may be a crisis sign is assistant/vulnerability's
// knowledge, which must still flag them; the stance only places them on
// the rose.
func TestGivingUpIsWithdrawnAndACrisisForVulnerability(t *testing.T) {
	c := New()
	for _, tc := range []struct {
		lang assistant.Language
		text string
	}{
		{assistant.Dutch, "Ik zie het niet meer zitten."},
		{assistant.Dutch, "Ik zie het echt niet meer zitten."},
		{assistant.Dutch, "Ik zie geen uitweg meer."},
		{assistant.English, "I see no way out."},
		{assistant.English, "I can't see a way out."},
		{assistant.English, "I honestly can't see a way out any more."},
	} {
		st, err := c.ClassifyReply(context.Background(), tc.text, tc.lang, assistant.Customer, "")
		if err != nil {
			t.Fatal(err)
		}
		if st.Quadrant != assistant.BelowOpposed {
			t.Errorf("%s %q: %s (%s), want below-opposed: %+v", tc.lang, tc.text, st.Quadrant, st.Octant, st.Cues)
		}
		for _, cue := range st.Cues {
			switch cue.Kind {
			case assistant.CueHelplessness, assistant.CueAcknowledgment:
				t.Errorf("%s %q: cue %s %q reads giving up as %s", tc.lang, tc.text, cue.Kind, cue.Text, cue.Kind)
			}
		}
		if crisis, _, _ := vulnerability.Assess(vulnerability.Find(tc.text)); !crisis {
			t.Errorf("%s %q: vulnerability does not flag it as a crisis sign", tc.lang, tc.text)
		}
	}
}
