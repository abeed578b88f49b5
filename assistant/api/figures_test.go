package api_test

import (
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/api"
)

// moreDecimals finds a JSON number with more decimals than figures carry.
var moreDecimals = regexp.MustCompile(`"([a-z_]+)":(-?\d+\.\d{` + strconv.Itoa(assistant.FigurePlaces+1) + `,})`)

// getRaw sends an admin GET and returns the answer's body as it came.
func (e *env) getRaw(path string) string {
	e.t.Helper()
	req, err := http.NewRequest("GET", e.url+path, nil)
	if err != nil {
		e.t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+e.token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil || res.StatusCode != http.StatusOK {
		e.t.Fatalf("GET %s: status %d, %v", path, res.StatusCode, err)
	}
	return string(b)
}

// A lead reads a call's figures as the progress figures are written:
// rounded once, to FigurePlaces, never 0.3333333333333333 or float noise.
// Three agent turns of which one leads make shares of thirds.
func TestCallFiguresAreRounded(t *testing.T) {
	e := newEnv(t, api.Config{})
	files := []string{"nl-betalingsregeling.txt", "en-arrears.txt", "en-formal.txt", "nl-ambtelijk.txt", "nl-loon-vraag.txt", "en-payday-question.txt"}
	var ids []int64
	for _, f := range files {
		var created assistant.Call
		if res := e.do("POST", "/v1/calls?agent_id=a-17", "text/plain", sample(t, f), &created); res.StatusCode != http.StatusCreated {
			t.Fatalf("POST %s: status %d", f, res.StatusCode)
		}
		ids = append(ids, created.ID)
	}
	paths := []string{"/v1/calls?limit=100"}
	for _, id := range ids {
		paths = append(paths, fmt.Sprintf("/v1/calls/%d", id))
	}
	fields := 0
	for _, p := range paths {
		body := e.getRaw(p)
		for _, m := range moreDecimals.FindAllStringSubmatch(body, -1) {
			t.Errorf("GET %s: %s is %s, not rounded to %d places", p, m[1], m[2], assistant.FigurePlaces)
		}
		// The answer does carry figures with decimals: the test looks at
		// something.
		fields += len(regexp.MustCompile(`"(target_share|score|long_word_share)":-?\d+\.\d+`).FindAllString(body, -1))
	}
	if fields == 0 {
		t.Fatal("no figure with decimals in the answers: the samples no longer test the rounding")
	}
}
