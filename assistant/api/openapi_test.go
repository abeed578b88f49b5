package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"

	"github.com/rooscoach/rooscoach/assistant/api"
)

// specOnce loads the embedded description once for every test.
var specOnce = sync.OnceValues(func() (routers.Router, error) {
	doc, err := openapi3.NewLoader().LoadFromData(api.OpenAPI())
	if err != nil {
		return nil, err
	}
	if err := doc.Validate(context.Background()); err != nil {
		return nil, err
	}
	// The tests' servers listen on any port: match paths only.
	doc.Servers = nil
	return legacy.NewRouter(doc)
})

func spec(t testing.TB) routers.Router {
	t.Helper()
	r, err := specOnce()
	if err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	return r
}

// checkAnswer validates an answer of the API against openapi.json: its
// status must be one the route describes (or a problem), and its body must
// match that status's schema. doAs calls it for every request the tests
// send, so the whole suite's answers are checked.
func checkAnswer(t testing.TB, req *http.Request, res *http.Response, body []byte) {
	t.Helper()
	route, params, err := spec(t).FindRoute(req)
	if err != nil {
		// Echo's own 404 and 405 for paths no route has are problems too.
		if res.StatusCode != http.StatusNotFound && res.StatusCode != http.StatusMethodNotAllowed {
			t.Errorf("%s %s: not in openapi.json: %v", req.Method, req.URL.Path, err)
		}
		return
	}
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route},
		Status:                 res.StatusCode,
		Header:                 res.Header,
		Options:                &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	}
	in.SetBodyBytes(body)
	if err := openapi3filter.ValidateResponse(context.Background(), in); err != nil {
		t.Errorf("%s %s: answer %d does not match openapi.json: %v\n%s", req.Method, req.URL.Path, res.StatusCode, err, trim(body))
	}
}

func trim(b []byte) []byte {
	if len(b) > 600 {
		return append(b[:600:600], "…"...)
	}
	return b
}

var echoParam = regexp.MustCompile(`:(\w+)`)

// TestOpenAPICoversRoutes fails when a route is registered without a
// description, or the description names a route the server does not have.
func TestOpenAPICoversRoutes(t *testing.T) {
	e := newEnv(t, api.Config{})
	spec(t)
	doc, err := openapi3.NewLoader().LoadFromData(api.OpenAPI())
	if err != nil {
		t.Fatal(err)
	}
	described := map[string]bool{}
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			described[method+" "+path] = true
		}
	}
	registered := map[string]bool{}
	for _, r := range e.srv.EchoRoutes() {
		key := r.Method + " " + echoParam.ReplaceAllString(r.Path, "{$1}")
		registered[key] = true
		if !described[key] {
			t.Errorf("route %s is not described in assistant/api/openapi.json", key)
		}
	}
	for key := range described {
		if !registered[key] {
			t.Errorf("openapi.json describes %s, which the server does not serve", key)
		}
	}
	if len(registered) < 50 {
		t.Errorf("only %d routes registered; the walk did not see them", len(registered))
	}
}

// TestOpenAPIServed checks GET /openapi.json serves the kept file, and that
// answers are checked for real: a body that breaks the schema is caught.
func TestOpenAPIServed(t *testing.T) {
	e := newEnv(t, api.Config{})
	res, err := http.Get(e.url + "/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	got, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK || !bytes.Equal(got, api.OpenAPI()) || !strings.Contains(string(got), `"openapi": "3.1.0"`) {
		t.Fatalf("GET /openapi.json: %d, %d bytes", res.StatusCode, len(got))
	}
	// The checker itself must be able to fail.
	req, _ := http.NewRequest("GET", e.url+"/v1/teams/t1", nil)
	for _, bad := range []struct {
		status int
		ctype  string
		body   string
	}{
		{200, "application/json", `{"id":"t1"}`},
		{404, "application/problem+json", `{"title":"Not Found"}`},
		{299, "application/json", `{}`},
	} {
		rec := &recorder{}
		checkAnswer(rec, req, &http.Response{StatusCode: bad.status, Header: http.Header{"Content-Type": {bad.ctype}}}, []byte(bad.body))
		if !rec.failed {
			t.Errorf("an answer %d %s passed the schema", bad.status, bad.body)
		}
	}
}

// recorder is a testing.TB that notes a failure instead of failing.
type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Helper()               {}
func (r *recorder) Errorf(string, ...any) { r.failed = true }
func (r *recorder) Fatalf(string, ...any) { r.failed = true }

// TestOpenAPIEnumsMatchTheCode fails when the code can answer a value that
// an enum of openapi.json does not list, or the enum lists a value the code
// no longer has. The code's values are read from the constants of package
// assistant themselves, by type or by name, so a constant added there and
// forgotten here fails too.
func TestOpenAPIEnumsMatchTheCode(t *testing.T) {
	consts := assistantConstants(t)
	var doc map[string]any
	if err := json.Unmarshal(api.OpenAPI(), &doc); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		path string // under components/schemas
		of   string // a type of package assistant, or the name prefix of untyped constants
	}{
		{"ArrangementResponse/properties/policy_source", "PolicyFrom"},
		{"ArrangementResponse/properties/options/items/properties/kind", "OptionKind"},
		{"Turn/properties/speaker", "Speaker"},
		{"Turn/properties/language", "Language"},
		{"Turn/properties/stance/properties/octant", "Octant"},
		{"Turn/properties/stance/properties/quadrant", "Quadrant"},
		{"Call/properties/language", "Language"},
		{"Progress/properties/bucket", "Bucket"},
		{"ProgressBucket/properties/quadrant_share/propertyNames", "Quadrant"},
		{"ProgressBucket/properties/octant_share/propertyNames", "Octant"},
		{"AgentStanding/properties/reasons/items", "Reason"},
		{"GoalResult/properties/kind", "GoalKind"},
		{"GoalResult/properties/status", "GoalStatus"},
		{"Role", "Role"},
	} {
		code := consts[tt.of]
		if len(code) == 0 {
			t.Errorf("%s: package assistant has no constants of %s", tt.path, tt.of)
			continue
		}
		var node any = doc["components"].(map[string]any)["schemas"]
		for _, key := range strings.Split(tt.path, "/") {
			m, _ := node.(map[string]any)
			node = m[key]
		}
		schema, _ := node.(map[string]any)
		var spec []string
		enum, _ := schema["enum"].([]any)
		for _, v := range enum {
			spec = append(spec, fmt.Sprint(v))
		}
		for _, v := range code {
			if !slices.Contains(spec, v) {
				t.Errorf("%s: the code answers %q (a %s), which the enum %q does not list", tt.path, v, tt.of, spec)
			}
		}
		for _, v := range spec {
			if !slices.Contains(code, v) {
				t.Errorf("%s: the enum lists %q, which no %s of the code is", tt.path, v, tt.of)
			}
		}
	}
}

// assistantConstants returns the string constants of package assistant by
// their type, and the untyped ones also by the first word of their name
// (PolicyFrom of PolicyFromTeam, Reason of ReasonGoalNotMet).
func assistantConstants(t *testing.T) map[string][]string {
	t.Helper()
	fset := token.NewFileSet()
	files, err := filepath.Glob("../*.go")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	firstWords := regexp.MustCompile(`^(PolicyFrom|Reason)[A-Z]`)
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			g, ok := decl.(*ast.GenDecl)
			if !ok || g.Tok != token.CONST {
				continue
			}
			for _, spec := range g.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, n := range vs.Names {
					if i >= len(vs.Values) {
						continue
					}
					lit, ok := vs.Values[i].(*ast.BasicLit)
					if !ok || lit.Kind != token.STRING {
						continue
					}
					v, err := strconv.Unquote(lit.Value)
					if err != nil {
						t.Fatal(err)
					}
					switch typ, _ := vs.Type.(*ast.Ident); {
					case typ != nil:
						out[typ.Name] = append(out[typ.Name], v)
					case firstWords.MatchString(n.Name):
						w := firstWords.FindStringSubmatch(n.Name)[1]
						out[w] = append(out[w], v)
					}
				}
			}
		}
	}
	return out
}

// TestOpenAPIAcceptLanguageWhereWorded fails when a route whose problems
// answer in the request's language does not document Accept-Language.
func TestOpenAPIAcceptLanguageWhereWorded(t *testing.T) {
	doc, err := openapi3.NewLoader().LoadFromData(api.OpenAPI())
	if err != nil {
		t.Fatal(err)
	}
	for _, route := range []string{
		"POST /v1/calls/{id}/reviews", "PUT /v1/reviews/{id}", "POST /v1/reviews/{id}/acknowledge",
		"POST /v1/agents/{id}/goals", "GET /v1/agents/{id}/goals", "POST /v1/goals/{id}/end",
		"GET /v1/agents/{id}/progress", "GET /v1/teams/{id}/progress", "GET /v1/audit", "GET /v1/calls",
		"POST /v1/teams", "POST /v1/agents", "PUT /v1/policies/{id}", "DELETE /v1/tokens/{id}", "POST /v1/sessions",
		"POST /v1/sessions/{id}/end", "POST /v1/sessions/{id}/utterances", "POST /v1/calls",
	} {
		method, path, _ := strings.Cut(route, " ")
		item := doc.Paths.Find(path)
		if item == nil || item.GetOperation(method) == nil {
			t.Errorf("%s is not described", route)
			continue
		}
		if p := item.GetOperation(method).Parameters.GetByInAndName("header", "Accept-Language"); p == nil {
			t.Errorf("%s answers problems in the request's language but does not document Accept-Language", route)
		}
	}
}
