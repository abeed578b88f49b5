// Package llmtest is an OpenAI-compatible HTTP server for tests: chat
// completions and the model list, answering the way a test says, so that
// the real go-openai client code runs without a network. Its default
// answers are valid JSON for each task of the LLM engine, derived from the
// prompt (an oracle); a test scripts errors, 429s with Retry-After, slow,
// truncated, malformed or schema-breaking answers, and reads every request
// the server got, to see exactly what left.
package llmtest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	openai "github.com/sashabaranov/go-openai"
)

// Reply is one answer of the server.
type Reply struct {
	// Status is the HTTP status; 0 means 200.
	Status int
	// Header is added to the answer, such as Retry-After.
	Header map[string]string
	// Body, when set, is sent as it is instead of a chat completion.
	Body string
	// Content is the message content of a chat completion; empty means the
	// oracle's answer.
	Content string
	// FinishReason defaults to "stop".
	FinishReason string
	// Delay holds the answer back, for timeouts.
	Delay time.Duration
}

// Request is a request the server got.
type Request struct {
	Path   string
	Header http.Header
	// Body is the raw body, exactly as it left the client.
	Body []byte
	Chat openai.ChatCompletionRequest
}

// Server is the test server.
type Server struct {
	*httptest.Server
	// APIKey is the bearer token it accepts; empty accepts any.
	APIKey string
	// Models are the models it offers.
	Models []string
	// NoJSONSchema makes it refuse response_format json_schema with a 400,
	// as servers without structured output do.
	NoJSONSchema bool

	mu       sync.Mutex
	down     bool
	script   []Reply
	respond  func(Request) Reply
	requests []Request
}

// New starts a server offering models (default "test-model") for key; it
// stops when tb ends.
func New(tb testing.TB, key string, models ...string) *Server {
	if len(models) == 0 {
		models = []string{"test-model"}
	}
	s := &Server{APIKey: key, Models: models}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	tb.Cleanup(s.Close)
	return s
}

// BaseURL is the address to give the client, with /v1.
func (s *Server) BaseURL() string { return s.URL + "/v1" }

// Script queues replies for the next chat completions, in order; after them
// the server answers with Respond's function or the oracle.
func (s *Server) Script(replies ...Reply) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.script = append(s.script, replies...)
}

// Respond sets the function that answers every chat completion after the
// script; nil means the oracle.
func (s *Server) Respond(f func(Request) Reply) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.respond = f
}

// Requests returns the chat completion requests the server got, in order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// SetDown makes the server seem down while down is true: it drops every
// connection without an answer, as a model server that is not up yet
// would. It still records the chat completions sent to it, so that a test
// sees whether the client asked at all.
func (s *Server) SetDown(down bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.down = down
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	down := s.down
	s.mu.Unlock()
	if down {
		s.drop(w, r)
		return
	}
	if s.APIKey != "" && r.Header.Get("Authorization") != "Bearer "+s.APIKey && r.Header.Get("api-key") != s.APIKey {
		writeError(w, http.StatusUnauthorized, "Incorrect API key provided.", "invalid_api_key")
		return
	}
	switch {
	case r.Method == http.MethodGet && r.URL.Path == "/v1/models":
		var list openai.ModelsList
		for _, m := range s.Models {
			list.Models = append(list.Models, openai.Model{ID: m, Object: "model", OwnedBy: "llmtest"})
		}
		writeJSON(w, http.StatusOK, list)
	case r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/chat/completions"):
		s.chat(w, r)
	default:
		writeError(w, http.StatusNotFound, "no route "+r.URL.Path, "not_found")
	}
}

// drop records a chat completion and closes the connection unanswered.
func (s *Server) drop(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/chat/completions") {
		body, _ := io.ReadAll(r.Body)
		req := Request{Path: r.URL.Path, Header: r.Header.Clone(), Body: body}
		_ = json.Unmarshal(body, &req.Chat)
		s.mu.Lock()
		s.requests = append(s.requests, req)
		s.mu.Unlock()
	}
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	conn.Close()
}

func (s *Server) chat(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error(), "bad_request")
		return
	}
	req := Request{Path: r.URL.Path, Header: r.Header.Clone(), Body: body}
	if err := json.Unmarshal(body, &req.Chat); err != nil {
		writeError(w, http.StatusBadRequest, "body is not a chat completion request: "+err.Error(), "bad_request")
		return
	}
	s.mu.Lock()
	s.requests = append(s.requests, req)
	var reply Reply
	switch {
	case len(s.script) > 0:
		reply, s.script = s.script[0], s.script[1:]
	case s.respond != nil:
		reply = s.respond(req)
	}
	noSchema := s.NoJSONSchema
	s.mu.Unlock()

	if !known(s.Models, req.Chat.Model) {
		writeError(w, http.StatusNotFound, fmt.Sprintf("The model `%s` does not exist or you do not have access to it.", req.Chat.Model), "model_not_found")
		return
	}
	if noSchema && req.Chat.ResponseFormat != nil && req.Chat.ResponseFormat.Type == openai.ChatCompletionResponseFormatTypeJSONSchema {
		writeError(w, http.StatusBadRequest, "response_format type json_schema is not supported by this server", "invalid_request_error")
		return
	}
	if reply.Delay > 0 {
		select {
		case <-time.After(reply.Delay):
		case <-r.Context().Done():
			return
		}
	}
	for k, v := range reply.Header {
		w.Header().Set(k, v)
	}
	if reply.Status != 0 && reply.Status != http.StatusOK {
		if reply.Body != "" {
			w.WriteHeader(reply.Status)
			io.WriteString(w, reply.Body)
			return
		}
		writeError(w, reply.Status, http.StatusText(reply.Status), "error")
		return
	}
	if reply.Body != "" {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, reply.Body)
		return
	}
	content := reply.Content
	if content == "" {
		content = Oracle(req.Chat)
	}
	finish := openai.FinishReason(reply.FinishReason)
	if finish == "" {
		finish = openai.FinishReasonStop
	}
	prompt := 0
	for _, m := range req.Chat.Messages {
		prompt += len(m.Content) / 4
	}
	writeJSON(w, http.StatusOK, openai.ChatCompletionResponse{
		ID: "chatcmpl-test", Object: "chat.completion", Created: time.Now().Unix(), Model: req.Chat.Model,
		Choices: []openai.ChatCompletionChoice{{Index: 0, Message: openai.ChatCompletionMessage{Role: openai.ChatMessageRoleAssistant, Content: content}, FinishReason: finish}},
		Usage:   openai.Usage{PromptTokens: prompt, CompletionTokens: len(content) / 4, TotalTokens: prompt + len(content)/4},
	})
}

func known(models []string, m string) bool {
	for _, x := range models {
		if x == m {
			return true
		}
	}
	return false
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, status int, msg, code string) {
	writeJSON(w, status, map[string]any{"error": map[string]any{"message": msg, "type": "invalid_request_error", "code": code}})
}

// Task returns the task a request asks for: the schema's name, or in JSON
// mode the shape of the answer the system prompt shows.
func Task(req openai.ChatCompletionRequest) string {
	if f := req.ResponseFormat; f != nil && f.JSONSchema != nil {
		return f.JSONSchema.Name
	}
	sys := ""
	if len(req.Messages) > 0 {
		sys = req.Messages[0].Content
	}
	for task, shape := range map[string]string{"stance": `{"turns"`, "rewrite": `{"findings"`, "summary": `{"situation"`, "review": `{"strengths"`} {
		if strings.Contains(sys, shape) {
			return task
		}
	}
	return ""
}

// Dutch reports whether the request is for a Dutch call: its system prompt
// is in Dutch.
func Dutch(req openai.ChatCompletionRequest) bool {
	return len(req.Messages) > 0 && strings.HasPrefix(req.Messages[0].Content, "Je ")
}

// Turn is a turn as the prompts send it.
type Turn struct {
	ID      string `json:"id"`
	Speaker string `json:"speaker"`
	Text    string `json:"text"`
	Context bool   `json:"context"`
	Octant  string `json:"octant"`
}

// Data returns the JSON between the transcript markers of the user prompt.
func Data(req openai.ChatCompletionRequest) string {
	if len(req.Messages) < 2 {
		return ""
	}
	_, after, _ := strings.Cut(req.Messages[len(req.Messages)-1].Content, "<<<TRANSCRIPT\n")
	data, _, _ := strings.Cut(after, "\nTRANSCRIPT>>>")
	return data
}

// Turns returns the turns the request sends (none for a rewrite).
func Turns(req openai.ChatCompletionRequest) []Turn {
	var turns []Turn
	_ = json.Unmarshal([]byte(Data(req)), &turns)
	return turns
}

var placeholderRE = regexp.MustCompile(`\[[A-Z]+-\d+\]`)

// Oracle answers a request with valid JSON for its task, derived from the
// prompt: agents lead (leading), customers follow (dependent); a rewrite
// thanks the customer and keeps the turn; a summary and a review in the
// call's language, the summary naming the first placeholder it was sent so
// that tests see originals come back.
func Oracle(req openai.ChatCompletionRequest) string {
	nl := Dutch(req)
	pick := func(dutch, english string) string {
		if nl {
			return dutch
		}
		return english
	}
	var out any
	switch Task(req) {
	case "stance":
		type cue struct {
			Kind  string `json:"kind"`
			Quote string `json:"quote"`
		}
		type turn struct {
			ID          string  `json:"id"`
			Octant      string  `json:"octant"`
			Dominance   float64 `json:"dominance"`
			Affiliation float64 `json:"affiliation"`
			Confidence  float64 `json:"confidence"`
			Cues        []cue   `json:"cues"`
		}
		ans := struct {
			Turns []turn `json:"turns"`
		}{Turns: []turn{}}
		for _, t := range Turns(req) {
			if t.Context {
				continue
			}
			a := turn{ID: t.ID, Octant: "leading", Dominance: 0.6, Affiliation: 0.4, Confidence: 0.9, Cues: []cue{}}
			if t.Speaker == "customer" {
				a.Octant, a.Dominance, a.Affiliation = "dependent", -0.6, 0.2
			}
			if w := strings.Fields(t.Text); len(w) > 0 {
				a.Cues = append(a.Cues, cue{Kind: "information", Quote: w[0]})
			}
			ans.Turns = append(ans.Turns, a)
		}
		out = ans
	case "rewrite":
		var in struct {
			Utterance string `json:"utterance"`
		}
		_ = json.Unmarshal([]byte(Data(req)), &in)
		findings := []map[string]string{}
		for _, w := range []string{"moet", "must"} {
			if strings.Contains(in.Utterance, w) {
				findings = append(findings, map[string]string{"kind": "command", "quote": w,
					"reason": pick("Een opdracht zet de klant onder druk; een vraag nodigt uit.", "An order puts the customer under pressure; a question invites them in.")})
			}
		}
		out = map[string]any{
			"findings":  findings,
			"suggested": pick("Dank u dat u het zegt. ", "Thank you for telling me. ") + in.Utterance,
			"tip":       map[string]string{"kind": "ok", "text": pick("Goed zo, ga zo door.", "Well done, keep it up.")},
		}
	case "summary":
		ph := placeholderRE.FindString(Data(req))
		agreement := pick("Er is een betalingsregeling besproken", "A payment arrangement was discussed")
		if ph != "" {
			agreement += pick(", over te maken naar ", ", to be paid to ") + ph
		}
		out = map[string]string{
			"situation": pick("De klant heeft een achterstand en vertelt over de eigen situatie.", "The customer is behind on payments and told us about their situation."),
			"agreement": agreement + ".",
			"next_step": pick("De medewerker stuurt de afspraak op.", "The collector will send the arrangement in writing."),
		}
	case "review":
		var agent []string
		for _, t := range Turns(req) {
			if t.Speaker == "agent" {
				agent = append(agent, t.ID)
			}
		}
		if len(agent) == 0 {
			agent = []string{"T0"}
		}
		first, last := agent[0], agent[len(agent)-1]
		point := func(text, id string) map[string]any { return map[string]any{"text": text, "turn_ids": []string{id}} }
		out = map[string]any{
			"strengths": []any{
				point(pick("U stelt zich duidelijk voor en leidt het gesprek.", "You introduce yourself clearly and lead the call."), first),
				point(pick("U blijft rustig en vriendelijk tegen de klant.", "You stay calm and friendly with the customer."), last),
			},
			"focus_points": []any{
				point(pick("Vraag door naar wat de klant wel kan betalen.", "Ask further about what the customer can pay."), first),
				point(pick("Vat de afspraak aan het eind samen voor de klant.", "Summarise the arrangement for the customer at the end."), last),
			},
		}
	default:
		return `{}`
	}
	b, _ := json.Marshal(out)
	return string(b)
}
