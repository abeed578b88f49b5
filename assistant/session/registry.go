package session

import (
	"cmp"
	"context"
	"log/slog"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/rooscoach/rooscoach/assistant"
)

// Config holds the limits of live sessions. Zero fields take the defaults
// given.
type Config struct {
	// MaxSessions bounds the open sessions of this instance (1000);
	// MaxPerAgent those of one agent (3: a call, a transfer, a stale one).
	MaxSessions int
	MaxPerAgent int
	// MaxUtterances bounds the final utterances of one session (2000,
	// some hours of talk).
	MaxUtterances int
	// Rate and Burst bound the utterances, partial ones included, that a
	// session takes per second (20, bursts of 40): a transcriber sends a
	// few partials a second per speaker.
	Rate  float64
	Burst int
	// IdleTimeout ends a session that no client follows and nothing came
	// for (2 minutes); MaxDuration ends any session (4 hours).
	IdleTimeout time.Duration
	MaxDuration time.Duration
	// Retain is how long an ended session is remembered, so that a late
	// utterance or a second end is answered with what happened (15
	// minutes).
	Retain time.Duration
	// StoreTimeout bounds storing a session that ends by itself (30 s).
	StoreTimeout time.Duration
	// CheckTimeout bounds the lookups in the database a session makes
	// when it opens (2 s): the call goes on without them rather than wait
	// for a database that hangs.
	CheckTimeout time.Duration
	// Now is the clock, replaced in tests; nil means time.Now.
	Now    func() time.Time
	Logger *slog.Logger
}

func (c *Config) defaults() {
	c.MaxSessions = cmp.Or(c.MaxSessions, 1000)
	c.MaxPerAgent = cmp.Or(c.MaxPerAgent, 3)
	c.MaxUtterances = cmp.Or(c.MaxUtterances, 2000)
	c.Rate = cmp.Or(c.Rate, 20)
	c.Burst = cmp.Or(c.Burst, 40)
	c.IdleTimeout = cmp.Or(c.IdleTimeout, 2*time.Minute)
	c.MaxDuration = cmp.Or(c.MaxDuration, 4*time.Hour)
	c.Retain = cmp.Or(c.Retain, 15*time.Minute)
	c.StoreTimeout = cmp.Or(c.StoreTimeout, 30*time.Second)
	c.CheckTimeout = cmp.Or(c.CheckTimeout, 2*time.Second)
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
}

func (c *Config) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

// Registry holds the live sessions of this instance. Sessions live in
// memory only: a crash loses the sessions that had not ended, never a
// stored record. Behind a load balancer, requests for a session must reach
// the instance that opened it (sticky routing by session id); any instance
// can store.
type Registry struct {
	cfg   Config
	coach Coach

	mu       sync.Mutex
	sessions map[string]*Session
	perAgent map[string]int
	closed   bool

	stop chan struct{}
	done chan struct{}
}

// NewRegistry returns a registry whose sessions use c, and starts the
// sweeper that ends idle sessions; Close stops it.
func NewRegistry(cfg Config, c Coach) *Registry {
	cfg.defaults()
	r := &Registry{cfg: cfg, coach: c, sessions: map[string]*Session{}, perAgent: map[string]int{},
		stop: make(chan struct{}), done: make(chan struct{})}
	go r.sweeper()
	return r
}

// Limits returns the limits in force, defaults filled in.
func (r *Registry) Limits() Config { return r.cfg }

// Open opens a session for req on behalf of by: an agent opens their own
// sessions (agent_id left out or their own; another agent's is
// EForbidden), an admin opens one for any agent, such as a contact-centre
// platform's connector does; nobody else opens one. When the agent has an
// open session with the same external id, that one is returned with
// created false, so that a client may retry. It fails with EInvalid for
// bad input, EConflict when the external id belongs to a stored call of
// the agent or the session's team, EUnavailable when this instance holds
// as many sessions as it may or is shutting down, and ERateLimited when the
// agent holds as many as one agent may. When the database cannot say
// whether the external id is taken, the session opens all the same and
// its first event is a warning that says so.
func (r *Registry) Open(ctx context.Context, by assistant.Principal, req OpenRequest) (s *Session, created bool, err error) {
	switch {
	case by.Via == assistant.ViaAuthOff || by.Role == assistant.RoleAdmin:
	case by.Role == assistant.RoleAgent:
		if req.AgentID == "" {
			req.AgentID = by.AgentID
		}
		if req.AgentID != by.AgentID {
			return nil, false, assistant.Errorf(assistant.EForbidden, "You may open live sessions only for your own calls: agent_id names %s, and your token is agent %s's.", req.AgentID, by.AgentID)
		}
	default:
		return nil, false, assistant.Errorf(assistant.EForbidden, "Only the agent who makes the call, or an admin, opens a live session; a %s follows the sessions of their teams.", by.Role)
	}
	lang, err := req.check()
	if err != nil {
		return nil, false, err
	}
	// Who may follow the session is settled when it opens. The call in
	// progress matters more than a trainer watching it: when the directory
	// cannot say, the session opens for its agent and admins alone.
	checkCtx, cancel := context.WithTimeout(ctx, r.cfg.CheckTimeout)
	defer cancel()
	team, err := r.coach.LiveTeam(checkCtx, by, req.AgentID, req.TeamID)
	if assistant.ErrorCode(err) == assistant.EForbidden {
		return nil, false, err
	}
	if err != nil {
		r.cfg.Logger.Warn("live session opens without its team: trainers and leads cannot follow it", "err", err)
	}
	// A call is coached once per agent, so a session is not opened under
	// the id of the agent's stored call, which its end could not file its
	// record under (a teammate's leg of a transferred call is theirs); but
	// the call matters more than the check, and a database that cannot
	// say leaves the session open with a warning.
	var taken, unchecked error
	if err := r.coach.CheckExternalID(checkCtx, req.AgentID, req.ExternalID); assistant.ErrorCode(err) == assistant.EConflict {
		taken = err
	} else if err != nil {
		unchecked = err
		r.cfg.Logger.Warn("live session opens without checking its external id", "err", err)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return nil, false, assistant.Errorf(assistant.EUnavailable, "This instance is shutting down; open the session again.")
	}
	if req.ExternalID != "" {
		for _, s := range r.sessions {
			if s.agentID == req.AgentID && s.externalID == req.ExternalID && !s.Ended() {
				return s, false, nil
			}
		}
	}
	if taken != nil {
		return nil, false, taken
	}
	if r.open() >= r.cfg.MaxSessions {
		return nil, false, assistant.Errorf(assistant.EUnavailable, "This instance holds %d live sessions, the most it may; try again shortly, or on another instance.", r.cfg.MaxSessions)
	}
	if n := r.perAgent[req.AgentID]; n >= r.cfg.MaxPerAgent {
		return nil, false, assistant.Errorf(assistant.ERateLimited, "Agent %s has %d live sessions open, the most one agent may; end one first.", req.AgentID, n)
	}
	now := r.cfg.now()
	s = &Session{
		id: newID(), agentID: req.AgentID, teamID: req.TeamID, followedBy: team, opener: by, externalID: req.ExternalID, declared: lang,
		mode: req.Mode, engine: req.Engine, openedAt: now, coach: r.coach, limits: &r.cfg,
		limiter:  rate.NewLimiter(rate.Limit(r.cfg.Rate), r.cfg.Burst),
		partials: map[assistant.Speaker]partial{}, subs: map[*Subscription]struct{}{}, shown: map[string]bool{}, facts: map[int][]assistant.Fact{},
		lastActive: now, counted: true,
	}
	if s.externalID == "" {
		s.externalID = "live-" + s.id
	}
	if unchecked != nil {
		s.mu.Lock()
		s.publish(Event{LiveEvent: assistant.LiveEvent{Type: assistant.EventWarning, Turn: -1, Kind: assistant.WarningExternalIDUnchecked,
			Text: s.text("live.warning."+assistant.WarningExternalIDUnchecked, warningText{ExternalID: req.ExternalID})}})
		s.mu.Unlock()
	}
	r.sessions[s.id] = s
	r.perAgent[s.agentID]++
	return s, true, nil
}

// OpenCount counts the sessions that have not ended, for the metrics.
func (r *Registry) OpenCount() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.open()
}

// open counts the sessions that have not ended; r.mu is held.
func (r *Registry) open() int {
	n := 0
	for _, c := range r.perAgent {
		n += c
	}
	return n
}

// Get returns the session with id if by may see it ([Session.Visible]),
// also one that ended a short while ago (its methods then answer
// EConflict). An unknown id is ENotFound, and so is another agent's or
// team's session, with the same words: nobody learns that it exists.
func (r *Registry) Get(by assistant.Principal, id string) (*Session, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	s, ok := r.sessions[id]
	if !ok || !s.Visible(by) {
		return nil, assistant.Errorf(assistant.ENotFound, "No live session %q on this instance: it never existed, ended more than %s ago, or was opened on another instance (route by session id).", id, r.cfg.Retain)
	}
	return s, nil
}

// End ends the session with id for by and stores its record (see
// [Session]): the call analysed as a whole, as POST /v1/calls would, with
// what was shown when, stored on behalf of whoever opened the session,
// under req's external id if it names one. Ending it again returns the
// same record with Created false. Only the session's agent and admins end
// it (EForbidden for a trainer or lead who follows it; ENotFound for
// whoever may not see it). When the external id belongs to a stored call
// other than this session's, End fails with EConflict naming the call,
// and the session stays open for an end with another external id.
func (r *Registry) End(ctx context.Context, by assistant.Principal, id string, req EndRequest) (Result, error) {
	s, err := r.Get(by, id)
	if err != nil {
		return Result{}, err
	}
	if err := s.CheckDriver(by); err != nil {
		return Result{}, err
	}
	if err := req.check(); err != nil {
		return Result{}, err
	}
	return r.end(ctx, s, assistant.EndedByClient, req.ExternalID)
}

func (r *Registry) end(ctx context.Context, s *Session, reason string, externalID *string) (Result, error) {
	res, err := s.end(ctx, reason, externalID)
	if err != nil {
		return res, err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if s.counted {
		s.counted = false
		if r.perAgent[s.agentID]--; r.perAgent[s.agentID] <= 0 {
			delete(r.perAgent, s.agentID)
		}
	}
	return res, nil
}

// Sweep ends the sessions that are idle (no client follows them and
// nothing came for the idle time) or older than the longest a session may
// last, storing their records, and forgets sessions that ended longer ago
// than Retain. The registry sweeps by itself; tests call it directly.
func (r *Registry) Sweep(ctx context.Context) {
	now := r.cfg.now()
	r.mu.Lock()
	var idle []*Session
	for id, s := range r.sessions {
		s.mu.Lock()
		switch {
		case s.state == ended && now.Sub(s.endedAt) >= r.cfg.Retain:
			delete(r.sessions, id)
		case s.state == open && (len(s.subs) == 0 && now.Sub(s.lastActive) >= r.cfg.IdleTimeout || now.Sub(s.openedAt) >= r.cfg.MaxDuration):
			idle = append(idle, s)
		}
		s.mu.Unlock()
	}
	r.mu.Unlock()
	for _, s := range idle {
		r.endQuietly(ctx, s, assistant.EndedIdle)
	}
}

// endQuietly ends s for a reason of the server's own, logging what fails:
// a failed store leaves the session open, and the next sweep tries again.
func (r *Registry) endQuietly(ctx context.Context, s *Session, reason string) {
	ctx, cancel := context.WithTimeout(ctx, r.cfg.StoreTimeout)
	defer cancel()
	res, err := r.end(ctx, s, reason, nil)
	if err != nil {
		r.cfg.Logger.Error("live session could not be stored; it stays open and is tried again", "session", s.id, "reason", reason, "err", err)
		return
	}
	r.cfg.Logger.Info("live session ended", "session", s.id, "reason", reason, "call", callID(res.Call))
}

func (r *Registry) sweeper() {
	defer close(r.done)
	every := min(max(r.cfg.IdleTimeout/4, 10*time.Millisecond), 15*time.Second)
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-r.stop:
			return
		case <-t.C:
			r.Sweep(context.Background())
		}
	}
}

// Close stops the sweeper, refuses new sessions and ends every open
// session, storing it, until ctx is done: a deploy stores the calls in
// progress rather than lose them.
func (r *Registry) Close(ctx context.Context) error {
	r.mu.Lock()
	if r.closed {
		r.mu.Unlock()
		return nil
	}
	r.closed = true
	var open []*Session
	for _, s := range r.sessions {
		if !s.Ended() {
			open = append(open, s)
		}
	}
	r.mu.Unlock()
	close(r.stop)
	<-r.done
	var wg sync.WaitGroup
	for _, s := range open {
		wg.Go(func() { r.endQuietly(ctx, s, assistant.EndedOnShutdown) })
	}
	wg.Wait()
	return ctx.Err()
}

// Forget drops every session agent agentID has on this instance, open or
// ended, storing none, and returns how many were open: erasing an agent
// must not leave their words in memory, nor let a later end store a call
// that brings them back.
func (r *Registry) Forget(agentID string) int {
	r.mu.Lock()
	var theirs []*Session
	for id, s := range r.sessions {
		if s.agentID == agentID {
			theirs = append(theirs, s)
			s.counted = false
			delete(r.sessions, id)
		}
	}
	delete(r.perAgent, agentID)
	r.mu.Unlock()
	n := 0
	for _, s := range theirs {
		if s.forget() {
			n++
		}
	}
	return n
}
