package web_test

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
)

// postFiles posts the upload form in lang with fields and files (name,
// bytes, in order) and returns the answer's status, Location and body.
func postFiles(t *testing.T, s *site, lang, field string, fields map[string]string, files [][2]string, cookies ...*http.Cookie) (int, string, string) {
	t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	fields["_csrf"] = field
	for k, v := range fields {
		if err := w.WriteField(k, v); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range files {
		fw, err := w.CreateFormFile("files", f[0])
		if err != nil {
			t.Fatal(err)
		}
		fw.Write([]byte(f[1]))
	}
	w.Close()
	req, _ := http.NewRequest(http.MethodPost, s.url+"/upload", &b)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("Accept-Language", lang)
	for _, c := range cookies {
		req.AddCookie(&http.Cookie{Name: c.Name, Value: c.Value})
	}
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	return res.StatusCode, res.Header.Get("Location"), readAll(t, res.Body)
}

// A file that fails its import is shown with its reason in the page's
// language: a Dutch trainer reads why in Dutch, an English one in English,
// and the API keeps the English sentence beside the reason's code.
func TestImportReasonsInThePageLanguage(t *testing.T) {
	s := newSite(t)
	session, csrf, field := signedIn(t, s, s.trainer)
	good := string(mustRead(t, "en-formal.txt"))
	for lang, want := range map[string][]string{
		"nl": {"Het bestand is leeg (0 bytes).", "Het bestand is geen transcript in een formaat dat rooscoach leest."},
		"en": {"The file is empty (0 bytes).", "is not a transcript format rooscoach reads."},
	} {
		status, loc, body := postFiles(t, s, lang, field, map[string]string{"agent_id": "anna", "team_id": s.team},
			[][2]string{{"call.txt", good}, {"empty.txt", ""}, {"notes.json", `{"hello": "world"}`}}, session, csrf)
		if status != http.StatusSeeOther || !strings.HasPrefix(loc, "/imports/") {
			t.Fatalf("POST /upload in %s: %d to %q, want 303 to the import; %.300s", lang, status, loc, body)
		}
		status, page := get(t, s, loc, lang, session)
		if status != http.StatusOK {
			t.Fatalf("GET %s in %s: %d", loc, lang, status)
		}
		for _, w := range want {
			if !strings.Contains(page, w) {
				t.Errorf("the %s import page does not say %q; %s", lang, w, between(page, `id="import-failures"`, "</table>"))
			}
		}
		if lang == "nl" && strings.Contains(page, "The file is empty") {
			t.Errorf("the Dutch import page shows the English reason")
		}

		// The API answers in English, with the code and its parameters.
		req, _ := http.NewRequest(http.MethodGet, s.url+"/v1"+loc, nil)
		req.Header.Set("Authorization", "Bearer "+s.trainer)
		res, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var imp assistant.Import
		if err := json.NewDecoder(res.Body).Decode(&imp); err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if len(imp.Failures) != 2 || imp.Failures[0].Reason != "The file is empty (0 bytes)." || imp.Failures[0].Cause == nil || imp.Failures[0].Cause.Code != assistant.ReasonEmpty ||
			imp.Failures[1].Cause == nil || imp.Failures[1].Cause.Code != assistant.ReasonUnknownFormat || !strings.Contains(imp.Failures[1].Reason, "Accepted formats: text, json") {
			t.Errorf("GET /v1%s failures: %+v", loc, imp.Failures)
		}
	}
}

// The upload form offers the formats the import reads, detection first;
// a file that is not in the chosen format fails naming the format and
// what the file reads as, in the page's language.
func TestUploadFormatChoice(t *testing.T) {
	s := newSite(t)
	session, csrf, field := signedIn(t, s, s.trainer)
	for lang, want := range map[string][2]string{
		"nl": {`<option value="" selected>Herkennen</option>`, "Het bestand is niet in het formaat webvtt dat bij het uploaden is gekozen; het lijkt text te zijn."},
		"en": {`<option value="" selected>Detect</option>`, "The file is not in format webvtt, chosen for the upload; it reads as text."},
	} {
		_, form := get(t, s, "/upload", lang, session)
		if !strings.Contains(form, `<select id="format" name="format">`) || !strings.Contains(form, want[0]) || !strings.Contains(form, `<option value="webvtt">`) || !strings.Contains(form, `<option value="elevenlabs">`) {
			t.Errorf("the %s upload form offers no format choice with %q first; %s", lang, want[0], between(form, "<form", "</form>"))
		}

		// A text file uploaded as WebVTT alone: nothing to import, the
		// answer names the format.
		status, _, body := postFiles(t, s, lang, field, map[string]string{"agent_id": "anna", "team_id": s.team, "format": "webvtt"},
			[][2]string{{"call.txt", string(mustRead(t, "en-formal.txt"))}}, session, csrf)
		if status != http.StatusBadRequest || !strings.Contains(body, want[1]) || !strings.Contains(body, "call.txt") {
			t.Errorf("POST /upload in %s with format=webvtt and a text file: %d, want 400 saying %q; %.2000s", lang, status, want[1], body)
		}

		// With another file that is WebVTT, the text file fails alone.
		status, loc, body := postFiles(t, s, lang, field, map[string]string{"agent_id": "anna", "team_id": s.team, "format": "webvtt"},
			[][2]string{{"call.vtt", string(mustRead(t, "en-call.vtt"))}, {"call.txt", string(mustRead(t, "en-formal.txt"))}}, session, csrf)
		if status != http.StatusSeeOther {
			t.Fatalf("POST /upload in %s with format=webvtt: %d; %.500s", lang, status, body)
		}
		if _, page := get(t, s, loc, lang, session); !strings.Contains(page, want[1]) {
			t.Errorf("the %s import page does not say %q; %s", lang, want[1], between(page, `id="import-failures"`, "</table>"))
		}
	}

	// A format rooscoach does not know is refused before anything is stored.
	status, _, body := postFiles(t, s, "en", field, map[string]string{"agent_id": "anna", "team_id": s.team, "format": "mp3"},
		[][2]string{{"call.txt", string(mustRead(t, "en-formal.txt"))}}, session, csrf)
	if status != http.StatusBadRequest || !strings.Contains(body, `format &#34;mp3&#34; is not known`) {
		t.Errorf("POST /upload with format=mp3: %d; %.1000s", status, body)
	}
}

// between returns the part of s from the first from up to the next to.
func between(s, from, to string) string {
	i := strings.Index(s, from)
	if i < 0 {
		return ""
	}
	s = s[i:]
	if j := strings.Index(s, to); j >= 0 {
		return s[:j+len(to)]
	}
	return s
}
