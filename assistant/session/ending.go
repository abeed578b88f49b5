package session

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/coach"
)

// Ending a session: what a client may say at the end, the call as a whole
// with the partials still pending, and the one record it is stored as.

// EndRequest is what a client may say when it ends a session. The body of
// POST /v1/sessions/{id}/end is optional: without one, the record is filed
// under the external id the session was opened with.
type EndRequest struct {
	// ExternalID, when given, files the record under this external id
	// instead; "" files it under the session's own ("live-" and the
	// session id), which no other call has. It is how a client answers an
	// end refused because the session's external id belongs to a stored
	// call.
	ExternalID *string `json:"external_id"`
}

// check validates r.
func (r EndRequest) check() error {
	if r.ExternalID == nil {
		return nil
	}
	return assistant.CheckID("external_id", *r.ExternalID)
}

// Result is what ending a session gives.
type Result struct {
	SessionID string `json:"session_id"`
	// Call is the stored record; nil when nothing was stored, because the
	// agent never spoke (Reason says so).
	Call *assistant.Call `json:"call"`
	// Created is false when an earlier end of this session stored the
	// record.
	Created bool   `json:"created"`
	Reason  string `json:"reason,omitempty"`
}

// end analyses the call as a whole and stores it, once: a second end
// returns the first one's record with Created false. reason is one of the
// assistant.Ended* constants; externalID, when not nil, is the external id
// to file the record under instead of the session's ("" for the session's
// own). When storing fails the session stays open, so that the end can be
// tried again.
//
// The external id may belong to a call stored before, posted or from
// another session. Storing is idempotent on it, so that call would come
// back and this session's turns would be lost without a word. A client's
// end is refused instead (EConflict naming the external id and the call),
// and the client chooses another; an end of the server's own (idle,
// shutdown), which has nobody to ask, files the record under the
// session's own id.
func (s *Session) end(ctx context.Context, reason string, externalID *string) (Result, error) {
	s.endMu.Lock()
	defer s.endMu.Unlock()
	s.mu.Lock()
	if s.state == ended {
		r := *s.result
		s.mu.Unlock()
		r.Created = false
		return r, nil
	}
	s.state = ending
	turns, kept := s.withPending()
	live := &assistant.LiveSession{SessionID: s.id, Mode: s.mode, OpenedAt: s.openedAt, EndedAt: s.now(), EndReason: reason,
		Utterances: s.finals + kept, Partials: s.nPartials, Events: []assistant.LiveEvent{}}
	for _, e := range s.events {
		if e.Type != assistant.EventStance && e.Type != assistant.EventWarning {
			live.Events = append(live.Events, e.LiveEvent)
		}
	}
	lang := s.declared
	s.mu.Unlock()

	res := Result{SessionID: s.id}
	agent := false
	for _, t := range turns {
		agent = agent || t.Speaker == assistant.Agent
	}
	if agent {
		ext := s.externalID
		if externalID != nil {
			ext = cmp.Or(*externalID, s.ownExternalID())
		}
		store := func(ext string) (*assistant.Call, bool, error) {
			call, created, err := s.coach.IngestTurns(ctx, s.opener, coach.TurnsInput{AgentID: s.agentID, TeamID: s.teamID, ExternalID: ext,
				Language: lang, OccurredAt: s.openedAt, Turns: turns, Engine: s.engine, Live: live})
			if err == nil && !created && (call.Live == nil || call.Live.SessionID != s.id) {
				// Not this session's record (one of its earlier ends
				// would have its id): the external id was taken.
				err = assistant.EndExternalIDTaken(ext, call.ID, len(turns))
			}
			return call, created, err
		}
		call, created, err := store(ext)
		if assistant.ErrorCode(err) == assistant.EConflict && reason != assistant.EndedByClient && ext != s.ownExternalID() {
			s.limits.Logger.Warn("live session's external id is taken by a stored call; its record is stored under the session's own id", "session", s.id, "reason", reason)
			call, created, err = store(s.ownExternalID())
		}
		if err != nil {
			s.mu.Lock()
			s.state = open
			if reason == assistant.EndedByClient {
				// The client has the whole idle time to answer.
				s.lastActive = s.now()
			}
			s.mu.Unlock()
			return Result{}, fmt.Errorf("end session %s: %w", s.id, err)
		}
		res.Call, res.Created = call, created
	} else {
		res.Reason = "The agent never spoke, so there is nothing to coach and nothing was stored."
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	s.state, s.result, s.endedAt = ended, &res, live.EndedAt
	e := Event{LiveEvent: assistant.LiveEvent{Type: assistant.EventEnded, Turn: -1,
		Text: s.text("live.ended", endedText{Stored: res.Call != nil, CallID: callID(res.Call)})}, CallID: callID(res.Call)}
	s.publish(e)
	for sub := range s.subs {
		s.drop(sub, errEnded)
	}
	// What an ended session keeps is what answers a late request, in the
	// call's language, which the evidence no longer tells.
	s.endLang = s.language()
	s.turns, s.stances, s.evidence, s.partials, s.events, s.shown, s.facts = nil, nil, nil, nil, nil, nil, nil
	return res, nil
}

func callID(c *assistant.Call) int64 {
	if c == nil {
		return 0
	}
	return c.ID
}

// withPending returns the final turns with the pending partials kept as
// their speakers' last words, the earlier begun first, and how many were
// kept. The platform may end the session at hang-up before the
// transcriber's final result comes, and the customer's last words ("Yes,
// I can pay fifty pounds a month") are often what the call came to. s.mu
// is held; s.turns is left as it was, since a refused end leaves the
// session open and the partials pending.
func (s *Session) withPending() ([]assistant.Turn, int) {
	turns := append([]assistant.Turn(nil), s.turns...)
	pending := make([]assistant.Speaker, 0, len(s.partials))
	for sp := range s.partials {
		pending = append(pending, sp)
	}
	slices.SortFunc(pending, func(a, b assistant.Speaker) int {
		sa, _ := s.partials[a].times()
		sb, _ := s.partials[b].times()
		return cmp.Or(cmp.Compare(sa, sb), cmp.Compare(a, b))
	})
	kept := 0
	for _, sp := range pending {
		p := s.partials[sp]
		start, end := p.times()
		next, _, err := appendUtterance(turns, sp, p.text, start, end)
		if err != nil && (p.startMS != nil || p.endMS != nil) {
			// Times of the client's that go back are no reason to lose
			// the words: the session's clock has times of its own.
			next, _, err = appendUtterance(turns, sp, p.text, p.atMS, p.lastMS)
		}
		if err != nil {
			s.limits.Logger.Warn("live session's pending partial is not kept: it does not fit the speaker's turn", "session", s.id, "speaker", sp, "err_code", assistant.ErrorCode(err))
			continue
		}
		turns = next
		kept++
	}
	return turns, kept
}

// forget ends s without storing anything: its agent is being erased, and
// a record stored now would bring them back. It waits for an end in
// progress, so that none stores after it.
func (s *Session) forget() bool {
	s.endMu.Lock()
	defer s.endMu.Unlock()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.state == ended {
		return false
	}
	s.state, s.result, s.endedAt = ended, &Result{SessionID: s.id, Reason: "The agent was erased, so nothing was stored."}, s.now()
	for sub := range s.subs {
		s.drop(sub, errEnded)
	}
	s.endLang = s.language()
	s.turns, s.stances, s.evidence, s.partials, s.events, s.shown, s.facts = nil, nil, nil, nil, nil, nil, nil
	return true
}
