package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/api"
)

// Plain text without speaker labels is a transcript the server reads
// (text/plain is supported) with the labels missing: 400 naming them and
// how to give them, not 415.
func TestCallPlainTextWithoutLabels(t *testing.T) {
	t.Parallel()
	e := newEnv(t, api.Config{})
	for lang, body := range map[string]string{
		"nl": "Goedemiddag, u spreekt met Sanne van Incasso Noord.\nIk kan deze maand niet betalen.\n",
		"en": "Good afternoon, this is Emma from North Collections.\nI can't pay this month.\n",
	} {
		var p api.Problem
		res := e.do("POST", "/v1/calls?agent_id=agent-sanne&external_id=nolabels-"+lang, "text/plain", []byte(body), &p)
		checkProblem(t, res, p, http.StatusBadRequest, "no speaker labels")
		for _, want := range []string{`"Agent: `, `"Klant: `, "Customer", "format="} {
			if !strings.Contains(p.Detail, want) {
				t.Errorf("%s: detail %q does not say %q", lang, p.Detail, want)
			}
		}
		if p.Code != assistant.EInvalid {
			t.Errorf("%s: code %q, want %q", lang, p.Code, assistant.EInvalid)
		}
	}
}

// A body cut short is reported where the decoder stopped, in line and
// column counted in characters (é is one), like every malformed JSON.
func TestTruncatedJSONLineColumn(t *testing.T) {
	t.Parallel()
	e := newEnv(t, api.Config{})
	for _, c := range []struct{ body, want string }{
		{"{\n  \"text\": \"Graag één moment", "ends too early, at line 2, column 28."},
		{"{\n  \"text\": \"Just one moment, please\",\n  \"language\": \"en\"", "ends too early, at line 3, column 19."},
		{`{"text": "Één moment"`, "ends too early, at line 1, column 22."},
	} {
		var p api.Problem
		res := e.do("POST", "/v1/tips", "application/json", []byte(c.body), &p)
		checkProblem(t, res, p, http.StatusBadRequest, c.want)
	}
}

// The hint for names as speaker labels suggests the two labels found, in
// their order: the first as the agent, the second as the customer.
func TestSpeakerLabelHint(t *testing.T) {
	t.Parallel()
	e := newEnv(t, api.Config{})
	for lang, c := range map[string]struct{ body, want, fix string }{
		"nl": {"Sanne: Goedemiddag, u spreekt met Sanne van Incasso Noord.\nJan: Ik kan deze maand niet betalen.\nSanne: Dat begrijp ik.\n",
			"agent=Sanne (or agent_speaker=Sanne) and customer=Jan", "agent=Sanne&customer=Jan"},
		"en": {"Emma: Good afternoon, this is Emma from North Collections.\nTom: I can't pay this month.\nEmma: I understand.\n",
			"agent=Emma (or agent_speaker=Emma) and customer=Tom", "agent=Emma&customer=Tom"},
	} {
		var p api.Problem
		res := e.do("POST", "/v1/calls?agent_id=agent-sanne&external_id=names-"+lang, "text/plain", []byte(c.body), &p)
		if res.StatusCode < 400 || !strings.Contains(p.Detail, c.want) || strings.Contains(p.Detail, "customer=Sanne") || strings.Contains(p.Detail, "customer=Emma") {
			t.Errorf("%s: %d %q; want a problem suggesting %q", lang, res.StatusCode, p.Detail, c.want)
		}
		// What it suggests works.
		var call assistant.Call
		if res := e.do("POST", "/v1/calls?agent_id=agent-sanne&external_id=names-"+lang+"&"+c.fix, "text/plain", []byte(c.body), &call); res.StatusCode != http.StatusCreated || call.Turns[0].Speaker != assistant.Agent {
			t.Errorf("%s with %s: %d, turns %+v", lang, c.fix, res.StatusCode, call.Turns)
		}
	}
}

// A tip is only given in a language rooscoach coaches in: text clearly in
// another language, with none declared, is refused with 422 naming nl and
// en, rather than coached with English advice; Dutch and English text, and
// text with no telling words, are coached as before.
func TestTipForeignLanguage(t *testing.T) {
	t.Parallel()
	e := newEnv(t, api.Config{})
	for _, text := range []string{
		"Sie müssen sofort den vollen Betrag bezahlen, sonst kommt der Gerichtsvollzieher.",
		"Vous devez payer le montant total tout de suite, sinon nous allons au tribunal.",
		"Usted tiene que pagar la cantidad completa hoy, o vamos a los tribunales.",
	} {
		var p api.Problem
		res := e.do("POST", "/v1/tips", "application/json", []byte(`{"text": "`+text+`"}`), &p)
		checkProblem(t, res, p, http.StatusUnprocessableEntity, "rooscoach coaches in nl and en")
		if p.Code != assistant.EUnprocessable {
			t.Errorf("%q: code %q", text, p.Code)
		}
	}
	for text, lang := range map[string]assistant.Language{
		"U moet het volledige bedrag vandaag nog betalen.": assistant.Dutch,
		"You must pay the full amount today.":              assistant.English,
		"Ok.":                                              assistant.English,
		// Declared, the language stands: the agent said what it is.
		`Sie müssen sofort bezahlen.", "language": "nl`: assistant.Dutch,
	} {
		var tip assistant.TipResult
		if res := e.do("POST", "/v1/tips", "application/json", []byte(`{"text": "`+text+`"}`), &tip); res.StatusCode != http.StatusOK || tip.Language != lang {
			t.Errorf("%q: %d %s; want 200 in %s", text, res.StatusCode, tip.Language, lang)
		}
	}
}
