package api_test

import (
	"archive/zip"
	"bytes"
	"net/http"
	"testing"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/api"
)

// waitImport follows import imp until no file is left.
func waitImport(t *testing.T, e *env, imp *assistant.Import) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); !imp.Finished; time.Sleep(100 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("import not finished: %+v", imp)
		}
		e.do("GET", "/v1/imports/"+itoa(imp.ID), "", nil, imp)
	}
}

// An import takes the agent's speaker label as POST /v1/calls does: a
// platform export labelled spk_0, spk_1 fails without it, with a reason
// that names the setting the route takes, and is stored with it. The
// label is kept with the import, so whichever instance works the file
// reads it.
func TestImportAgentSpeaker(t *testing.T) {
	e := newCoachingEnv(t)
	file := testdata(t, "platforms/transcribe/aws-docs-diarization-en.json")
	ct, body := multipartBody(t, map[string][]byte{"aws.json": file})
	var p api.Problem
	res := e.do("POST", "/v1/imports?agent_id=agent-plat&team_id=team-noord", ct, body, &p)
	checkProblem(t, res, p, http.StatusBadRequest, `agent=spk_0 (rooscoach import --agent spk_0)`)

	for i, q := range []string{"agent=spk_0", "agent_speaker=spk_0"} {
		ct, body := multipartBody(t, map[string][]byte{"aws-" + itoa(int64(i)) + ".json": file})
		var imp assistant.Import
		if res := e.do("POST", "/v1/imports?agent_id=agent-plat&team_id=team-noord&"+q, ct, body, &imp); res.StatusCode != http.StatusAccepted {
			t.Fatalf("POST /v1/imports?%s: %d", q, res.StatusCode)
		}
		if imp.Options.AgentSpeaker != "spk_0" {
			t.Errorf("%s: options %+v, want agent_speaker spk_0", q, imp.Options)
		}
		waitImport(t, e, &imp)
		if imp.Done != 1 || imp.Failed != 0 {
			t.Fatalf("%s: %+v, want the file done", q, imp)
		}
		var callID int64
		if err := e.sql.Get(&callID, `SELECT call_id FROM import_files WHERE import_id = $1`, imp.ID); err != nil {
			t.Fatal(err)
		}
		var call assistant.Call
		e.do("GET", "/v1/calls/"+itoa(callID), "", nil, &call)
		if len(call.Turns) == 0 || call.Turns[0].Speaker != assistant.Agent {
			t.Errorf("%s: call %d does not start with the agent (spk_0): %+v", q, callID, call.Turns)
		}
	}
}

// A zip's hidden files are left out as a folder's are: a file in a
// folder whose name starts with a dot is no call.
func TestImportZipHiddenFolder(t *testing.T) {
	e := newCoachingEnv(t)
	call := testdata(t, "calls/en-arrears.txt")
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range []string{"week1/call.txt", ".hidden/x.txt", "week1/.drafts/y.txt"} {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(call); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	var imp assistant.Import
	if res := e.do("POST", "/v1/imports?agent_id=agent-sanne&team_id=team-noord", "application/zip", buf.Bytes(), &imp); res.StatusCode != http.StatusAccepted {
		t.Fatalf("POST /v1/imports: %d", res.StatusCode)
	}
	waitImport(t, e, &imp)
	var names []string
	if err := e.sql.Select(&names, `SELECT name FROM import_files WHERE import_id = $1`, imp.ID); err != nil {
		t.Fatal(err)
	}
	if imp.Files != 1 || len(names) != 1 || names[0] != "week1/call.txt" {
		t.Errorf("import of a zip with hidden folders: %d files %q, want only week1/call.txt", imp.Files, names)
	}
}

// An identifier holds no control character, tab and line breaks included,
// nor an invisible format character or line separator, wherever it comes
// in: the query, a JSON body, an import, a session, a goal's agent, a team
// or an agent. Each is the same 400 naming the field, and nothing is
// stored.
func TestIDControlCharacters(t *testing.T) {
	e := newEnv(t, api.Config{})
	call := testdata(t, "calls/en-arrears.txt")
	ct, files := multipartBody(t, map[string][]byte{"call.txt": call})
	for _, c := range []struct {
		name, method, path, contentType string
		body                            []byte
		says                            string
	}{
		{"agent_id with a line feed", "POST", "/v1/calls?agent_id=a%0Ab", "text/plain", call, "agent_id holds a control character (U+000A) at position 2"},
		{"agent_id with a tab", "POST", "/v1/calls?agent_id=a%09b", "text/plain", call, "agent_id holds a control character (U+0009)"},
		{"external_id with a line feed", "POST", "/v1/calls?agent_id=a&external_id=e%0Ax", "text/plain", call, "external_id holds a control character"},
		{"team_id with a carriage return", "POST", "/v1/calls?agent_id=a&team_id=t%0Dx", "text/plain", call, "team_id holds a control character (U+000D)"},
		{"agent_id starting with a line feed", "POST", "/v1/calls?agent_id=%0Aagent", "text/plain", call, "agent_id holds a control character (U+000A) at position 1"},
		{"agent_id with a line separator", "POST", "/v1/calls?agent_id=a%E2%80%A8b", "text/plain", call, "agent_id holds a control character (U+2028)"},
		{"agent_id with a zero-width space", "POST", "/v1/calls?agent_id=a%E2%80%8Bb", "text/plain", call, "agent_id holds a control character (U+200B)"},
		{"agent_id in a JSON transcript", "POST", "/v1/calls", "application/json", []byte(`{"agent_id":"a\tb","turns":[{"speaker":"agent","text":"Goedemiddag."},{"speaker":"customer","text":"Ja?"}]}`), "agent_id holds a control character (U+0009)"},
		{"a listing's agent_id", "GET", "/v1/calls?agent_id=a%0Ab", "", nil, "agent_id holds a control character"},
		{"an import's agent_id", "POST", "/v1/imports?agent_id=a%0Ab", ct, files, "agent_id holds a control character"},
		{"a session's external_id", "POST", "/v1/sessions", "application/json", []byte(`{"agent_id":"agent-anna","external_id":"a\nb"}`), "external_id holds a control character (U+000A)"},
		{"a team's id", "POST", "/v1/teams", "application/json", []byte(`{"id":"team\tx","name":"X"}`), "id holds a control character (U+0009)"},
		{"an agent's id", "POST", "/v1/agents", "application/json", []byte(`{"id":"agent\rx","name":"X"}`), "id holds a control character (U+000D)"},
		{"a goal's agent", "POST", "/v1/agents/a%0Ab/goals", "application/json", []byte(`{"kind":"target_share","threshold":0.5,"starts_on":"2026-11-01"}`), "holds a control character (U+000A)"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var p api.Problem
			res := e.do(c.method, c.path, c.contentType, c.body, &p)
			checkProblem(t, res, p, http.StatusBadRequest, c.says)
		})
	}
	for _, table := range []string{"calls", "agents", "teams", "imports", "goals"} {
		if n := e.count(table); n != 0 {
			t.Errorf("%d rows in %s after refused ids", n, table)
		}
	}
}

// A JSON body with bytes that are not UTF-8 inside a string is a 400
// naming the field, on every JSON route (they decode alike), rather than
// text read with U+FFFD in its place.
func TestJSONInvalidUTF8(t *testing.T) {
	e := newEnv(t, api.Config{})
	for _, c := range []struct{ path, body, says string }{
		{"/v1/tips", "{\"text\":\"\xff\"}", "Field text is not valid UTF-8 (line 1, column 10)"},
		{"/v1/tips", "{\"text\":\"Wat kunt u betalen?\",\"context\":[{\"speaker\":\"customer\",\"text\":\"ik\xe9\"}]}", "Field context[0].text is not valid UTF-8"},
		{"/v1/teams", "{\"id\":\"team-x\",\"name\":\"Noord\xff\"}", "Field name is not valid UTF-8"},
	} {
		var p api.Problem
		res := e.do("POST", c.path, "application/json", []byte(c.body), &p)
		checkProblem(t, res, p, http.StatusBadRequest, c.says)
	}
	if n := e.count("teams"); n != 0 {
		t.Errorf("%d teams stored from a body that is not UTF-8", n)
	}
}
