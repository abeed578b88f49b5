// Package session holds live calls. Utterances stream in while the call goes
// on (partial ones replaced by later ones, as streaming speech-to-text
// services send them), events stream out (the stance of each turn, tips,
// alerts when the call tips, a closing reminder, arrangement and referral
// cards), and when the session ends the call is analysed as a whole and
// stored as the same coaching record POST /v1/calls makes.
//
// A session is one call's state in memory, on the instance that holds the
// client's connection; the [Registry] bounds how many there are and ends
// idle ones. The package knows no socket and no HTTP: the api package reads
// frames and writes events, and a subscriber that reads too slowly loses
// its subscription rather than hold up the analysis.
package session

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"golang.org/x/time/rate"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/coach"
	"github.com/rooscoach/rooscoach/assistant/language"
)

// Coach is what a session asks of the use cases; *coach.Service implements
// it. engine is the engine the session asked for.
type Coach interface {
	Tip(ctx context.Context, req assistant.TipRequest, engine assistant.EngineChoice) (*assistant.TipResult, error)
	Stances(ctx context.Context, turns []assistant.Turn, lang assistant.Language, engine assistant.EngineChoice) ([]assistant.Stance, error)
	CheckClosing(ctx context.Context, turns []assistant.Turn, lang assistant.Language, engine assistant.EngineChoice) (assistant.ClosingCheck, error)
	ReadFacts(ctx context.Context, turns []assistant.Turn, lang assistant.Language, engine assistant.EngineChoice) ([]assistant.Fact, error)
	// Advise plans under the creditor policy of teamID, as the stored
	// record will be.
	Advise(ctx context.Context, turns []assistant.Turn, lang assistant.Language, engine assistant.EngineChoice, teamID string) (assistant.ArrangementAdvice, error)
	// LiveTeam is the team whose trainers and lead may follow a session
	// of agentID that names teamID (or none), opened by by; EForbidden
	// when by may not open it in teamID.
	LiveTeam(ctx context.Context, by assistant.Principal, agentID, teamID string) (string, error)
	// CheckExternalID fails with EConflict when a stored call of agentID
	// has externalID already, and with the store's error when the store
	// cannot say. A teammate's call under it (a transferred call's other
	// leg) does not count.
	CheckExternalID(ctx context.Context, agentID, externalID string) error
	// IngestTurns stores the call on behalf of by.
	IngestTurns(ctx context.Context, by assistant.Principal, in coach.TurnsInput) (*assistant.Call, bool, error)
}

// Utterance is one piece of speech as a streaming transcriber sends it.
type Utterance struct {
	Speaker assistant.Speaker `json:"speaker"`
	Text    string            `json:"text"`
	// StartMS and EndMS are milliseconds from the start of the call; when
	// left out, the session takes them from its own clock.
	StartMS *int64 `json:"start_ms,omitempty"`
	EndMS   *int64 `json:"end_ms,omitempty"`
	// Final is false for a partial result, which the speaker's next
	// utterance replaces; final utterances make turns, and so does a
	// partial still pending when the session ends.
	Final bool `json:"final"`
}

// Event is what a session shows: the stored [assistant.LiveEvent] with
// what the client needs to show it in full.
type Event struct {
	assistant.LiveEvent
	Stance   *assistant.Stance             `json:"stance,omitempty"`
	Tip      *assistant.TipResult          `json:"tip,omitempty"`
	Closing  *assistant.ClosingCheck       `json:"closing,omitempty"`
	Options  []assistant.ArrangementOption `json:"options,omitempty"`
	Referral *assistant.Referral           `json:"referral,omitempty"`
	// CallID is the stored record's id, on the ended event.
	CallID int64 `json:"call_id,omitempty"`
	// Code is the error code of an error event, as in problem+json.
	Code string `json:"code,omitempty"`
}

// state is where a session is in its life.
type state int

const (
	open state = iota
	ending
	ended
)

// partial is a speaker's pending partial utterance.
type partial struct {
	text string
	// atMS is when the first partial of the utterance came, from the
	// start of the session: the utterance's start when the client sends
	// no times; lastMS is when the latest came, its end.
	atMS, lastMS int64
	// startMS and endMS are the times the latest partial carried, if
	// any: a session that ends before the final utterance comes keeps
	// them as a final one would.
	startMS, endMS *int64
}

// times returns the start and end of p as a final utterance would have
// them.
func (p partial) times() (start, end int64) {
	if p.startMS == nil && p.endMS == nil {
		return p.atMS, p.lastMS
	}
	return ptrMS(p.startMS), ptrMS(p.endMS)
}

func ptrMS(v *int64) int64 {
	if v == nil {
		return 0
	}
	return *v
}

// Session is one live call. Its methods are safe for concurrent use;
// utterances are analysed one at a time, in the order they arrive, since
// each turn is read with the ones before it.
type Session struct {
	id      string
	agentID string
	// teamID is the team the opener named, which the record is stored
	// under; followedBy is the team whose trainers and lead may follow
	// the session: teamID, or else the agent's team when it opened.
	teamID     string
	followedBy string
	// opener is who opened the session: the agent, or an admin on the
	// agent's behalf. The record is stored on the opener's behalf,
	// whoever ends the session and also when it ends by itself.
	opener     assistant.Principal
	externalID string
	declared   assistant.Language
	// endLang is the call's language when it ended, kept once the
	// evidence is let go.
	endLang  assistant.Language
	mode     assistant.LiveMode
	engine   assistant.EngineChoice
	openedAt time.Time
	coach    Coach
	limits   *Config
	limiter  *rate.Limiter
	// counted is true while the registry counts the session as open; the
	// registry's mutex guards it.
	counted bool

	// endMu makes ends one at a time, so a second end waits for the first
	// and finds the session ended.
	endMu sync.Mutex

	mu         sync.Mutex
	state      state
	turns      []assistant.Turn
	stances    []assistant.Stance
	evidence   [][2]int // Dutch and English function words per turn
	partials   map[assistant.Speaker]partial
	events     []Event
	finals     int
	nPartials  int
	lastActive time.Time
	subs       map[*Subscription]struct{}
	// shown keys what was shown once per turn or situation, so that a
	// turn that grows does not repeat its alert, nor an unchanged card
	// come again.
	shown map[string]bool
	// facts are the facts read from each turn, by index, for the
	// hardship the customer names in it.
	facts     map[int][]assistant.Fact
	lastCard  string
	lastRefer string
	lastClose string
	result    *Result
	endedAt   time.Time
}

// OpenRequest is what opening a session takes.
type OpenRequest struct {
	// AgentID is required, except from an agent, whose own it is; TeamID
	// and ExternalID are optional. Without an
	// ExternalID the record is filed under "live-" and the session id, so
	// it is stored once however often the session is ended.
	AgentID    string `json:"agent_id"`
	TeamID     string `json:"team_id,omitempty"`
	ExternalID string `json:"external_id,omitempty"`
	// Language is nl or en (with a region), or auto or "" to detect it
	// from what is said.
	Language string `json:"language,omitempty"`
	// Mode is full (the default) or quiet.
	Mode   assistant.LiveMode     `json:"mode,omitempty"`
	Engine assistant.EngineChoice `json:"-"`
}

// check validates r and fills its defaults.
func (r *OpenRequest) check() (assistant.Language, error) {
	if r.AgentID == "" {
		return "", assistant.Errorf(assistant.EInvalid, "agent_id is required: name the agent who makes the call.")
	}
	for _, f := range []struct{ name, v string }{{"agent_id", r.AgentID}, {"team_id", r.TeamID}, {"external_id", r.ExternalID}} {
		if err := assistant.CheckID(f.name, f.v); err != nil {
			return "", err
		}
	}
	lang, err := assistant.ParseLanguage(r.Language)
	if err != nil {
		return "", err
	}
	if r.Mode == "" {
		r.Mode = assistant.LiveFull
	}
	if !r.Mode.Valid() {
		return "", assistant.Errorf(assistant.EInvalid, "mode %q is not known; use full or quiet.", r.Mode)
	}
	return lang, nil
}

func newID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// ID returns the session's id: 32 hex digits, unguessable, since it
// addresses the session in every route.
func (s *Session) ID() string { return s.id }

// AgentID returns the agent the session was opened for, who owns it.
func (s *Session) AgentID() string { return s.agentID }

// Visible reports whether by may see the session at all: its own agent, an
// admin, or a trainer or lead of the team that follows it. The registry
// answers anyone else as if the session did not exist.
func (s *Session) Visible(by assistant.Principal) bool {
	return by.Via == assistant.ViaAuthOff || by.Scope().Allows(s.agentID, s.followedBy)
}

// CheckDriver reports whether by may take part in the session: send
// utterances and end it. Only its agent and admins may; a trainer or lead
// who follows it gets EForbidden, since they see it already.
func (s *Session) CheckDriver(by assistant.Principal) error {
	if by.Via == assistant.ViaAuthOff || by.Role == assistant.RoleAdmin || by.Is(s.agentID) {
		return nil
	}
	return refuse(assistant.EForbidden, "follower", sessionText{Session: s.id, Agent: s.agentID})
}

// ExternalID returns the id the record is stored under, unless the end
// names another ([EndRequest]).
func (s *Session) ExternalID() string { return s.externalID }

// ownExternalID is the external id of a session opened without one, which
// no other call has.
func (s *Session) ownExternalID() string { return "live-" + s.id }

// Mode returns the session's mode.
func (s *Session) Mode() assistant.LiveMode { return s.mode }

// OpenedAt returns when the session was opened.
func (s *Session) OpenedAt() time.Time { return s.openedAt }

// Ended reports whether the session has ended.
func (s *Session) Ended() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.state == ended
}

// Language returns the call's language: the declared one, or the one
// detected from what was said so far.
func (s *Session) Language() assistant.Language {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.language()
}

func (s *Session) language() assistant.Language {
	if s.declared != "" {
		return s.declared
	}
	if s.endLang != "" {
		return s.endLang
	}
	var nl, en int
	for _, e := range s.evidence {
		nl, en = nl+e[0], en+e[1]
	}
	return language.Decide(nl, en)
}

func (s *Session) now() time.Time { return s.limits.now() }

// ErrorEvent is the event that tells one client why what it sent was
// refused: its code and message as in problem+json, at the session's
// clock like every event. It has no sequence number (seq is left out),
// since only that client sees it and it is neither replayed nor stored.
func (s *Session) ErrorEvent(err error) Event {
	lang := s.Language()
	return Event{LiveEvent: assistant.LiveEvent{Type: assistant.EventError, Turn: -1, Text: errorText(lang, err), At: s.now()},
		Code: assistant.ErrorCode(err)}
}

// Add takes one utterance. A partial one replaces the speaker's pending
// partial and shows nothing; a final one becomes a turn (or continues the
// speaker's turn) and is analysed at once. The events it gives are sent to
// every subscriber as they are made, and returned.
//
// A refused utterance leaves the session as it was: EInvalid for a speaker
// neither agent nor customer, empty text, text over the limit, times that
// go back; ERateLimited beyond the session's rate; ETooLarge past the
// number of utterances a session takes; EConflict once the session ended.
// An analysis failure returns the events made so far with the error; the
// turn stays. Who may add is the caller's check ([Session.CheckDriver]),
// made once per connection rather than once per utterance.
func (s *Session) Add(ctx context.Context, u Utterance) ([]Event, error) {
	text, err := checkUtterance(u)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.state != open {
		return nil, s.endedError()
	}
	now := s.now()
	if !s.limiter.AllowN(now, 1) {
		return nil, refuse(assistant.ERateLimited, "utterance-rate", rateText{Rate: s.limits.Rate, Burst: s.limits.Burst})
	}
	atMS := now.Sub(s.openedAt).Milliseconds()
	if !u.Final {
		p, ok := s.partials[u.Speaker]
		if !ok {
			p.atMS = atMS
		}
		p.text, p.lastMS, p.startMS, p.endMS = text, atMS, u.StartMS, u.EndMS
		s.partials[u.Speaker] = p
		s.nPartials++
		s.lastActive = now
		return nil, nil
	}
	if s.finals >= s.limits.MaxUtterances {
		return nil, refuse(assistant.ETooLarge, "utterance-count", countText{N: s.finals})
	}
	start, end := atMS, atMS
	if p, ok := s.partials[u.Speaker]; ok {
		start = p.atMS
	}
	if u.StartMS != nil || u.EndMS != nil {
		start, end = ptrMS(u.StartMS), ptrMS(u.EndMS)
	}
	i, err := s.addFinal(u.Speaker, text, start, end)
	if err != nil {
		return nil, err
	}
	delete(s.partials, u.Speaker)
	s.finals++
	s.lastActive = now
	return s.analyse(ctx, i, text)
}

// maxMS bounds times: a year of call, as the transcript reader allows.
const maxMS = 366 * 24 * 3600 * 1000

// checkUtterance checks what an utterance holds by itself and returns its
// trimmed text.
func checkUtterance(u Utterance) (string, error) {
	if !u.Speaker.Valid() {
		if u.Speaker == "" {
			return "", refuse(assistant.EInvalid, "speaker-missing", nil)
		}
		return "", refuse(assistant.EInvalid, "speaker-unknown", speakerText{Speaker: u.Speaker})
	}
	text := strings.TrimSpace(u.Text)
	if text == "" {
		return "", refuse(assistant.EInvalid, "text-empty", nil)
	}
	if n := utf8.RuneCountInString(text); n > assistant.MaxTipRunes {
		return "", refuse(assistant.EInvalid, "text-long", countText{N: n, Max: assistant.MaxTipRunes})
	}
	if i, ok := assistant.ControlAt(text); ok {
		return "", refuse(assistant.EInvalid, "text-control", posText{Pos: i + 1})
	}
	for _, f := range []struct {
		name string
		v    *int64
	}{{"start_ms", u.StartMS}, {"end_ms", u.EndMS}} {
		if f.v != nil && (*f.v < 0 || *f.v > maxMS) {
			return "", refuse(assistant.EInvalid, "time-range", timeText{Field: f.name, MS: *f.v})
		}
	}
	if u.StartMS != nil && u.EndMS != nil && *u.EndMS != 0 && *u.EndMS < *u.StartMS {
		return "", refuse(assistant.EInvalid, "time-order", timeText{End: *u.EndMS, Start: *u.StartMS})
	}
	return text, nil
}

// addFinal makes a final utterance a turn, or the continuation of the
// speaker's turn when the speaker spoke last, the way the transcript reader
// joins consecutive segments of one speaker. It returns the turn's index.
func (s *Session) addFinal(sp assistant.Speaker, text string, start, end int64) (int, error) {
	turns, i, err := appendUtterance(s.turns, sp, text, start, end)
	if err != nil {
		return 0, err
	}
	if i == len(s.turns) {
		s.stances = append(s.stances, assistant.Stance{})
		s.evidence = append(s.evidence, [2]int{})
	}
	s.turns = turns
	nl, en := language.Evidence(turns[i].Text)
	s.evidence[i] = [2]int{nl, en}
	return i, nil
}

// appendUtterance adds a final utterance to turns: a new turn, or the
// continuation of the last one when its speaker spoke last. It returns
// the turns and the index of the turn the utterance went to. The last
// turn is changed in place, so a caller that must keep turns as they were
// passes a copy.
func appendUtterance(turns []assistant.Turn, sp assistant.Speaker, text string, start, end int64) ([]assistant.Turn, int, error) {
	if n := len(turns); n > 0 && turns[n-1].Speaker == sp {
		last := &turns[n-1]
		if end != 0 && end < last.StartMS {
			return turns, 0, refuse(assistant.EInvalid, "time-back", timeText{End: end, Start: last.StartMS})
		}
		if n := utf8.RuneCountInString(last.Text) + 1 + utf8.RuneCountInString(text); n > assistant.MaxTurnRunes {
			return turns, 0, refuse(assistant.EInvalid, "turn-long", speakerText{Speaker: sp, N: n, Max: assistant.MaxTurnRunes})
		}
		last.Text += " " + text
		last.EndMS = max(last.EndMS, end)
		return turns, n - 1, nil
	}
	return append(turns, assistant.Turn{Index: len(turns), Speaker: sp, Text: text, StartMS: start, EndMS: end}), len(turns), nil
}

// endedError is the error of a request to a session that ended or is
// ending.
func (s *Session) endedError() error {
	if s.state == ending {
		return assistant.SessionEnding(s.id)
	}
	if s.result != nil {
		return assistant.SessionEnded(s.id, callID(s.result.Call))
	}
	return assistant.SessionEnded(s.id, 0)
}

// Subscription delivers a session's events to one client. C is closed
// when the session ends, when the subscriber falls behind (Err is then
// [ErrSlow]) or on Close.
type Subscription struct {
	C   <-chan Event
	ch  chan Event
	s   *Session
	err error
}

// ErrSlow is why a subscription closes when its client does not keep up:
// events are never held back for one client.
var ErrSlow = errors.New("the client did not read its events fast enough")

// MaxCloseReason is the most bytes the reason of a WebSocket close frame
// holds; [Session.EndedReason] and [Session.SlowReason] fit in it.
const MaxCloseReason = 123

// closeText is the data of the live.close templates.
type closeText struct {
	CallID int64
	After  int
}

// EndedReason is why a client's connection closes when the session ended,
// in the call's language, naming its record callID (0 when nothing was
// stored).
func (s *Session) EndedReason(callID int64) string {
	return s.closeReason("live.close.ended", closeText{CallID: callID})
}

// SlowReason is why a client's connection closes when the client did not
// read its events fast enough, in the call's language; after is the
// sequence number of the last event it was sent, from which it reconnects.
func (s *Session) SlowReason(after int) string {
	return s.closeReason("live.close.slow", closeText{After: after})
}

// closeReason renders template name, cut to [MaxCloseReason] bytes at a
// character's start should a translation ever run longer: a close frame
// with a longer reason is not sent at all.
func (s *Session) closeReason(name string, data closeText) string {
	s.mu.Lock()
	text := s.text(name, data)
	s.mu.Unlock()
	if len(text) <= MaxCloseReason {
		return text
	}
	cut := MaxCloseReason
	for cut > 0 && !utf8.RuneStart(text[cut]) {
		cut--
	}
	return text[:cut]
}

// errEnded is why subscriptions close when their session ends.
var errEnded = errors.New("the session ended")

// Subscribe starts delivering events, first those with a sequence number
// above after that were shown already (a client that reconnects passes the
// last one it saw), then new ones. buffer is how many events may wait for
// the client; past that the subscription closes with ErrSlow. It fails
// with EConflict when the session has ended.
func (s *Session) Subscribe(after, buffer int) (*Subscription, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.state == ended {
		return nil, s.endedError()
	}
	var replay []Event
	for _, e := range s.events {
		if e.Seq > after {
			replay = append(replay, e)
		}
	}
	ch := make(chan Event, buffer+len(replay))
	for _, e := range replay {
		ch <- e
	}
	sub := &Subscription{C: ch, ch: ch, s: s}
	s.subs[sub] = struct{}{}
	s.lastActive = s.now()
	return sub, nil
}

// Close ends the subscription; the session goes on, and its idle time
// counts from now.
func (sub *Subscription) Close() {
	s := sub.s
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.subs[sub]; ok {
		s.drop(sub, nil)
		s.lastActive = s.now()
	}
}

// Err says why C was closed: ErrSlow when the client fell behind, nil
// otherwise.
func (sub *Subscription) Err() error {
	sub.s.mu.Lock()
	defer sub.s.mu.Unlock()
	if errors.Is(sub.err, errEnded) {
		return nil
	}
	return sub.err
}

// drop closes sub with reason err; s.mu is held.
func (s *Session) drop(sub *Subscription, err error) {
	delete(s.subs, sub)
	sub.err = err
	close(sub.ch)
}

// publish records e as shown and sends it to every subscriber without
// waiting; s.mu is held.
func (s *Session) publish(e Event) Event {
	e.Seq = len(s.events) + 1
	e.At = s.now()
	s.events = append(s.events, e)
	for sub := range s.subs {
		select {
		case sub.ch <- e:
		default:
			s.drop(sub, ErrSlow)
		}
	}
	return e
}

// TurnState is a final turn as the session has it.
type TurnState struct {
	assistant.Turn
	Stance assistant.Stance `json:"stance"`
}

// State is a session as a client may read it.
type State struct {
	ID         string             `json:"id"`
	AgentID    string             `json:"agent_id"`
	TeamID     string             `json:"team_id,omitempty"`
	ExternalID string             `json:"external_id"`
	Language   assistant.Language `json:"language"`
	// LanguageDetected is true when the language was not declared and
	// may still change as the call goes on.
	LanguageDetected bool               `json:"language_detected,omitempty"`
	Mode             assistant.LiveMode `json:"mode"`
	// Status is open, ending or ended.
	Status   string    `json:"status"`
	OpenedAt time.Time `json:"opened_at"`
	EndedAt  time.Time `json:"ended_at,omitzero"`
	// Turns are the final turns so far; Partial the pending partial
	// utterance of each speaker.
	Turns   []TurnState                  `json:"turns"`
	Partial map[assistant.Speaker]string `json:"partial,omitempty"`
	Events  []Event                      `json:"events"`
	// CallID is the stored record, once ended.
	CallID int64 `json:"call_id,omitempty"`
}

// State returns a copy of the session's state.
func (s *Session) State() State {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := State{ID: s.id, AgentID: s.agentID, TeamID: s.teamID, ExternalID: s.externalID, Language: s.language(),
		LanguageDetected: s.declared == "", Mode: s.mode, Status: [...]string{"open", "ending", "ended"}[s.state],
		OpenedAt: s.openedAt, EndedAt: s.endedAt, Turns: make([]TurnState, len(s.turns)), Events: append([]Event{}, s.events...)}
	for i, t := range s.turns {
		st.Turns[i] = TurnState{Turn: t, Stance: s.stances[i]}
	}
	if len(s.partials) > 0 {
		st.Partial = map[assistant.Speaker]string{}
		for sp, p := range s.partials {
			st.Partial[sp] = p.text
		}
	}
	if s.result != nil && s.result.Call != nil {
		st.CallID, st.ExternalID = s.result.Call.ID, s.result.Call.ExternalID
	}
	return st
}
