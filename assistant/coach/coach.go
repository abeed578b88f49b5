// Package coach holds the use cases of rooscoach that span packages: reading
// a transcript, analysing it and storing the coaching record. The HTTP API,
// the command line and the batch importer all call these, so that what a call
// goes through does not depend on the door it came in by.
//
// The package knows the engines through the analyser and the database
// through the small interface it declares; it knows nothing of HTTP.
package coach

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/arrangement"
	"github.com/rooscoach/rooscoach/assistant/redact"
	"github.com/rooscoach/rooscoach/assistant/transcript"
)

// Store is what the use cases need of the database; *store.DB implements
// it. Reads take the caller's scope, so that another agent's or team's
// record reads as not found; changes take the principal, who is written to
// the audit trail in the change's own transaction.
type Store interface {
	// CreateCall stores c in one transaction. When c's agent stored its
	// ExternalID before, nothing is written and the stored record is loaded
	// into *c with created false. A call outside by's scope is EForbidden.
	CreateCall(ctx context.Context, by assistant.Principal, c *assistant.Call) (created bool, err error)
	FindCallByID(ctx context.Context, scope assistant.Scope, id int64) (*assistant.Call, error)
	FindCalls(ctx context.Context, scope assistant.Scope, f assistant.CallFilter) (assistant.CallPage, error)
	// Audit records a read.
	Audit(ctx context.Context, by assistant.Principal, e assistant.AuditEntry) error

	ReviewStore
	FindTeamByID(ctx context.Context, scope assistant.Scope, id string) (*assistant.Team, error)
	// FindAgentByID returns the agent if scope may read them, ENotFound
	// otherwise; a live session asks it for the agent's team.
	FindAgentByID(ctx context.Context, scope assistant.Scope, id string) (*assistant.AgentProfile, error)
	FindTrainerLabels(ctx context.Context, scope assistant.Scope, f assistant.CalibrationFilter) ([]assistant.TrainerLabel, error)
}

// ReviewStore keeps reviews. Each change runs the review workflow's rules
// ([assistant.Review.Permit]) on the locked review and records itself in
// the audit trail, in one transaction.
type ReviewStore interface {
	CreateReview(ctx context.Context, by assistant.Principal, callID int64, in assistant.ReviewInput) (*assistant.Review, error)
	UpdateReview(ctx context.Context, by assistant.Principal, id int64, in assistant.ReviewInput) (*assistant.Review, error)
	// SaveReview creates or edits a draft and, when asked, publishes it,
	// in one transaction: all of it is stored or none.
	SaveReview(ctx context.Context, by assistant.Principal, s assistant.ReviewSave) (*assistant.Review, error)
	PublishReview(ctx context.Context, by assistant.Principal, id int64) (*assistant.Review, error)
	AcknowledgeReview(ctx context.Context, by assistant.Principal, id int64) (*assistant.Review, error)
	DisputeReview(ctx context.Context, by assistant.Principal, id int64, in assistant.DisputeInput) (*assistant.Review, error)
	ResolveDispute(ctx context.Context, by assistant.Principal, id, disputeID int64, in assistant.ResolveInput) (*assistant.Review, error)
	FindReview(ctx context.Context, by assistant.Principal, id int64) (*assistant.Review, error)
	FindReviews(ctx context.Context, by assistant.Principal, callID int64) ([]*assistant.Review, error)
}

// Accounts reads the stored calls of an account, for the compliance rules
// that count calls about one debt; *store.DB implements it.
type Accounts interface {
	// FindAccountHistory returns how many stored calls account ref has
	// before at, and those in [from, at], oldest first.
	FindAccountHistory(ctx context.Context, ref string, from, at time.Time) (assistant.AccountHistory, error)
}

// AccountRules checks the compliance rules that need an account's stored
// calls (the first communication, seven calls in seven days);
// *compliance.Checker implements it.
type AccountRules interface {
	// HistoryWindow is how far before a call the rules look.
	HistoryWindow() time.Duration
	// NeedsHistory reports whether a rule of c needs the account's calls.
	NeedsHistory(c *assistant.Compliance) bool
	// CheckAccount checks those rules of c again with history h.
	CheckAccount(ctx context.Context, c *assistant.Compliance, in assistant.ComplianceInput, h assistant.AccountHistory) error
}

// Service runs the use cases. Analyzer is required; Store is needed only by
// the use cases that store, Progress by progress and goals, Imports by
// imports. Accounts and AccountRules, when both are set, check the
// compliance rules that count an account's stored calls; without them
// those rules are reported as not checked. With Arrangements and
// Policies, calls are planned under the creditor policy they or their team
// name, or the stored default of their country.
type Service struct {
	// Analyzer runs the built-in engine; the use cases give it the LLM
	// engine as its primary when a request asks for it.
	Analyzer *assistant.Analyzer
	Store    Store
	Progress ProgressStore
	Imports  ImportStore
	// FileLimit is the largest file an import takes, in bytes; 0 means
	// DefaultImportFileLimit.
	FileLimit int64
	// LLM is the language-model engine, nil when none is configured.
	LLM *assistant.Engine
	// DefaultEngine is the engine of a request that names none; ""
	// means the built-in engine.
	DefaultEngine assistant.EngineChoice
	// LLMSetting names what configures the LLM engine, for the error of a
	// request for it on a server without one; "" means OPENAI_API_KEY.
	LLMSetting string
	// Accounts and AccountRules check the compliance rules that count an
	// account's stored calls.
	Accounts     Accounts
	AccountRules AccountRules
	// Arrangements is the arrangement engine, for explicit figures and for
	// planning a call under a creditor's policy.
	Arrangements *arrangement.Engine
	// Policies keeps the creditor policies; nil means rooscoach's own
	// defaults for every call.
	Policies PolicyStore
	// Now is the clock, replaced in tests; nil means time.Now.
	Now func() time.Time
	// Observer hears of every analysis, for the metrics; nil hears none.
	Observer Observer
	// Erasure erases calls; nil refuses erasure as unavailable.
	Erasure EraseStore
	// RedactAll stores every transcript with its personal data (IBANs,
	// phone numbers, e-mail addresses, …) replaced by placeholders
	// (ROOSCOACH_REDACT_TRANSCRIPTS); Redaction says which teams chose so
	// themselves.
	RedactAll bool
	Redaction RedactionSettings
}

// RedactionSettings says whether a team stores its transcripts redacted;
// *store.DB implements it.
type RedactionSettings interface {
	RedactsTranscripts(ctx context.Context, teamID string) (bool, error)
}

// teamJurisdiction gives t its team's default jurisdiction, which the
// compliance checks use when the call names none. A team that is not
// stored (a call may name a team first) has none.
func (s *Service) teamJurisdiction(ctx context.Context, t *assistant.Transcript) error {
	if t.Jurisdiction != "" {
		return nil
	}
	j, err := s.teamDefault(ctx, t.TeamID)
	if err != nil {
		return err
	}
	t.TeamJurisdiction = j
	return nil
}

// teamDefault returns the default jurisdiction of team teamID; "" for no
// team, a team that is not stored, or a service without a store.
func (s *Service) teamDefault(ctx context.Context, teamID string) (string, error) {
	if teamID == "" || s.Store == nil {
		return "", nil
	}
	team, err := s.Store.FindTeamByID(ctx, assistant.System().Scope(), teamID)
	switch {
	case assistant.ErrorCode(err) == assistant.ENotFound:
		return "", nil
	case err != nil:
		return "", fmt.Errorf("read the team's jurisdiction: %w", err)
	}
	return team.Jurisdiction, nil
}

// Jurisdictions lists the rule packs a call or a team may name; nil when
// the analyser checks no compliance or cannot say.
func (s *Service) Jurisdictions() []string {
	if s.Analyzer == nil {
		return nil
	}
	if k, ok := s.Analyzer.Compliance.(interface{ Jurisdictions() []string }); ok {
		return k.Jurisdictions()
	}
	return nil
}

// CheckTeamJurisdiction refuses a team default that names no loaded rule
// pack, when it is set rather than at every call of the team.
func (s *Service) CheckTeamJurisdiction(j string) error {
	known := s.Jurisdictions()
	if j == "" || known == nil || slices.Contains(known, j) {
		return nil
	}
	return assistant.Errorf(assistant.EInvalid, "jurisdiction %q has no rule pack; rooscoach has packs for %s (a team's own pack goes in ROOSCOACH_RULES_DIR).", j, strings.Join(known, ", "))
}

// redact replaces the personal data in t's turns with placeholders when
// the instance or t's team asks for it. It runs before the analysis, so
// that the stored findings' offsets point into the stored text; the
// redactor keeps amounts and dates, which the arrangement engine reads.
func (s *Service) redact(ctx context.Context, t *assistant.Transcript) error {
	on := s.RedactAll
	if !on && s.Redaction != nil && t.TeamID != "" {
		var err error
		if on, err = s.Redaction.RedactsTranscripts(ctx, t.TeamID); err != nil {
			return fmt.Errorf("read the team's redaction setting: %w", err)
		}
	}
	if !on {
		return nil
	}
	sess := redact.NewSession()
	for i := range t.Turns {
		t.Turns[i].Text = sess.Redact(t.Turns[i].Text)
	}
	return nil
}

// EraseStore erases calls with everything derived from them, keeping the
// anonymous figures of progress; *store.DB implements it.
type EraseStore interface {
	EraseCalls(ctx context.Context, by assistant.Principal, s assistant.Scope, f assistant.EraseFilter) (int, error)
	EraseAgent(ctx context.Context, by assistant.Principal, id string) (assistant.AgentErasure, error)
}

// LiveSessions drops the live sessions an agent has open, without storing
// them; *session.Registry implements it.
type LiveSessions interface {
	Forget(agentID string) int
}

// EraseAgent erases agent id with everything that identifies them (see
// the store's EraseAgent), on behalf of by, an admin (the route decides
// who may). The agent's live sessions on this instance are dropped,
// unstored, before the erasure and again after it: ending one afterwards
// would store a call and bring the agent back, and a session opened while
// the erasure ran would do the same. Unknown agent: ENotFound.
func (s *Service) EraseAgent(ctx context.Context, by assistant.Principal, live LiveSessions, id string) (assistant.AgentErasure, error) {
	if s.Erasure == nil {
		return assistant.AgentErasure{}, assistant.Errorf(assistant.EUnavailable, "Erasure is not set up on this server.")
	}
	if err := assistant.CheckID("agent id", id); err != nil {
		return assistant.AgentErasure{}, err
	}
	dropped := 0
	if live != nil {
		dropped = live.Forget(id)
	}
	out, err := s.Erasure.EraseAgent(ctx, by, id)
	if err != nil {
		// The store's error names the agent already.
		return out, err
	}
	if live != nil {
		dropped += live.Forget(id)
	}
	out.LiveSessions = dropped
	return out, nil
}

// EraseAccount erases every call about customer account ref, each with
// everything derived from it, as `rooscoach erase --account` does; by must
// read everything (an admin). An account no call names is ENotFound.
func (s *Service) EraseAccount(ctx context.Context, by assistant.Principal, ref string) (assistant.AccountErasure, error) {
	out := assistant.AccountErasure{AccountRef: ref}
	if s.Erasure == nil {
		return out, assistant.Errorf(assistant.EUnavailable, "Erasure is not set up on this server.")
	}
	if ref == "" {
		return out, assistant.Errorf(assistant.EInvalid, "Name the account to erase.")
	}
	n, err := s.Erasure.EraseCalls(ctx, by, by.Scope(), assistant.EraseFilter{AccountRef: ref, Reason: "request"})
	out.Calls = n
	if err != nil {
		return out, fmt.Errorf("erase account: %w", err)
	}
	if n == 0 {
		return out, assistant.Errorf(assistant.ENotFound, "No call names account %s.", ref)
	}
	return out, nil
}

// EraseCall erases call id on behalf of by, who must be able to see it:
// a lead the calls of their team, an admin any (the route decides who may
// erase at all). Erasing a call nobody may see is ENotFound.
func (s *Service) EraseCall(ctx context.Context, by assistant.Principal, id int64) error {
	if s.Erasure == nil {
		return assistant.Errorf(assistant.EUnavailable, "Erasure is not set up on this server.")
	}
	if _, err := s.Erasure.EraseCalls(ctx, by, by.Scope(), assistant.EraseFilter{CallID: id, Reason: "request"}); err != nil {
		return fmt.Errorf("erase call %d: %w", id, err)
	}
	return nil
}

// Observer hears of every analysis a use case runs: its language and which
// engine produced each part (and why one fell back). It must not block.
type Observer interface {
	Analysed(lang assistant.Language, runs []assistant.EngineRun)
}

// observe tells the observer of an analysis.
func (s *Service) observe(an *assistant.Analysis) {
	if s.Observer != nil && an != nil {
		s.Observer.Analysed(an.Language, an.Engines)
	}
}

// analyzer returns the analyser for a request's engine choice: the
// built-in engine alone, or the LLM engine first with the built-in one
// answering what it cannot. Asking for the LLM on a server without one is
// EInvalid, naming the setting to configure; auto then means the built-in
// engine.
func (s *Service) analyzer(choice assistant.EngineChoice) (*assistant.Analyzer, error) {
	if choice == "" {
		choice = s.DefaultEngine
	}
	switch choice {
	case "", assistant.ChooseBuiltin:
		return s.Analyzer, nil
	case assistant.ChooseAuto:
		if s.LLM == nil {
			return s.Analyzer, nil
		}
		return s.Analyzer.Using(*s.LLM), nil
	case assistant.ChooseLLM:
		if s.LLM == nil {
			setting := s.LLMSetting
			if setting == "" {
				// Each kind of server a team may have, so nobody with
				// Azure or a local model is sent to OpenAI.
				setting = "OPENAI_API_KEY (OpenAI), AZURE_OPENAI_ENDPOINT with AZURE_OPENAI_API_KEY (Azure OpenAI) or OPENAI_BASE_URL (a local server such as Ollama or vLLM)"
			}
			return nil, assistant.Errorf(assistant.EInvalid, "engine=llm needs a language model, and this server has none configured: set %s (see the README, \"The LLM engine\") and restart, or ask for engine=builtin or engine=auto.", setting)
		}
		return s.Analyzer.Using(*s.LLM), nil
	}
	return nil, assistant.Errorf(assistant.EInvalid, "engine %q is not known; use builtin, llm or auto.", choice)
}

// Input is a transcript as it arrives: its bytes and what the request or
// the command line says about it.
type Input struct {
	Data []byte
	// MediaType is the Content-Type without parameters, or "" when unknown
	// (a file); the format is detected from the content either way.
	MediaType string
	Options   transcript.Options
	// Engine is the engine the request asks for; "" means the server's
	// default.
	Engine assistant.EngineChoice
	// PolicyID names the stored creditor policy the call is planned under;
	// empty means its team's policy, or the default of its country.
	PolicyID string
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// Read parses in and checks its metadata. Its errors are *assistant.Error
// as transcript.Parse returns them, or EInvalid for metadata out of range.
func (s *Service) Read(in Input) (*assistant.Transcript, error) {
	t, err := transcript.Parse(in.Data, in.MediaType, in.Options)
	if err != nil {
		return nil, fmt.Errorf("parse transcript: %w", err)
	}
	if err := t.Validate(s.now()); err != nil {
		return nil, err
	}
	return t, nil
}

// underPolicies returns a, with its arrangement advice planned under the
// call's creditor policies when the service keeps policies.
//
// An analysis goes on when the policies cannot be read, under rooscoach's
// defaults, and says so; one that names its policy does not, since it would
// not be planned as asked.
func (s *Service) underPolicies(ctx context.Context, a *assistant.Analyzer, policyID, teamID string) (*assistant.Analyzer, error) {
	pols, err := s.policiesFor(ctx, policyID, teamID)
	if err != nil && policyID == "" && assistant.ErrorCode(err) == assistant.EUnavailable {
		pols, err = arrangement.Policies{Unread: true}, nil
	}
	if err != nil {
		return nil, err
	}
	if s.Arrangements == nil || (pols.Chosen == nil && len(pols.Defaults) == 0 && !pols.Unread) {
		return a, nil
	}
	b := *a
	b.Adviser = s.Arrangements.WithPolicies(pols)
	return &b, nil
}

// Analyze reads and analyses a transcript without storing anything.
func (s *Service) Analyze(ctx context.Context, in Input) (*assistant.Transcript, *assistant.Analysis, error) {
	a, err := s.analyzer(in.Engine)
	if err != nil {
		return nil, nil, err
	}
	t, err := s.Read(in)
	if err != nil {
		return nil, nil, err
	}
	if a, err = s.underPolicies(ctx, a, in.PolicyID, t.TeamID); err != nil {
		return nil, nil, err
	}
	if err := s.teamJurisdiction(ctx, t); err != nil {
		return nil, nil, err
	}
	an, err := a.Analyze(ctx, t)
	if err != nil {
		return nil, nil, fmt.Errorf("analyze: %w", err)
	}
	s.observe(an)
	if err := s.checkAccount(ctx, t, an); err != nil {
		return nil, nil, err
	}
	return t, an, nil
}

// checkAccount checks the compliance rules of an that count the account's
// stored calls: the calls stored before this one, whoever made them.
func (s *Service) checkAccount(ctx context.Context, t *assistant.Transcript, an *assistant.Analysis) error {
	c := an.Compliance
	if c == nil || s.Accounts == nil || s.AccountRules == nil || t.AccountRef == "" || t.OccurredAt.IsZero() || !s.AccountRules.NeedsHistory(c) {
		return nil
	}
	h, err := s.Accounts.FindAccountHistory(ctx, t.AccountRef, t.OccurredAt.Add(-s.AccountRules.HistoryWindow()), t.OccurredAt)
	if err != nil {
		return fmt.Errorf("read the account's calls: %w", err)
	}
	if err := s.AccountRules.CheckAccount(ctx, c, assistant.ComplianceInputOf(t, an.Arrangement.Facts), h); err != nil {
		return fmt.Errorf("check the account's calls: %w", err)
	}
	an.Flagged = an.Flagged || c.Flagged
	return nil
}

// Ingest reads, analyses and stores a call on behalf of by. created is
// false when the agent had stored a call with the same external id before:
// the stored record stands and is returned, so a client may safely post
// again after a timeout. A call without an agent id is EInvalid: nobody
// could find it. An agent stores only their own calls: one that names no
// agent is theirs, one that names another is EForbidden. A trainer stores
// calls in their own teams only (the store checks, once the team is known).
func (s *Service) Ingest(ctx context.Context, by assistant.Principal, in Input) (*assistant.Call, bool, error) {
	return s.ingest(ctx, by, in, storing{policyID: in.PolicyID})
}

// storing is how a call is stored: under which policy, with which live
// session's note, and the last steps a use case may give — prepare may
// complete or refuse the transcript read (an import names a call after its
// file, and checks it against the uploader's scope), create stores the call
// (nil: the store's CreateCall).
type storing struct {
	policyID string
	live     *assistant.LiveSession
	prepare  func(*assistant.Transcript) error
	create   func(context.Context, *assistant.Call) (bool, error)
}

// ingest reads in and stores it the way how says.
func (s *Service) ingest(ctx context.Context, by assistant.Principal, in Input, how storing) (*assistant.Call, bool, error) {
	a, err := s.analyzer(in.Engine)
	if err != nil {
		return nil, false, err
	}
	t, err := s.Read(in)
	if err != nil {
		return nil, false, err
	}
	return s.store(ctx, by, a, t, how)
}

// store analyses t with a and stores the record on behalf of by, under
// how.policyID (or the policy of t's team or country), with the live note
// when t came from a live session.
func (s *Service) store(ctx context.Context, by assistant.Principal, a *assistant.Analyzer, t *assistant.Transcript, how storing) (*assistant.Call, bool, error) {
	if by.Role == assistant.RoleAgent && by.Via != assistant.ViaAuthOff {
		switch t.AgentID {
		case "":
			t.AgentID = by.AgentID
		case by.AgentID:
		default:
			return nil, false, assistant.Errorf(assistant.EForbidden, "You may store only your own calls: this one names agent_id %s, and your token is agent %s's.", t.AgentID, by.AgentID)
		}
	}
	if t.AgentID == "" {
		return nil, false, assistant.Errorf(assistant.EInvalid, "agent_id is required to store a call: name the agent who made it.")
	}
	if how.prepare != nil {
		if err := how.prepare(t); err != nil {
			return nil, false, err
		}
	}
	a, err := s.underPolicies(ctx, a, how.policyID, t.TeamID)
	if err != nil {
		return nil, false, err
	}
	if err := s.teamJurisdiction(ctx, t); err != nil {
		return nil, false, err
	}
	if err := s.redact(ctx, t); err != nil {
		return nil, false, err
	}
	an, err := a.Analyze(ctx, t)
	if err != nil {
		return nil, false, fmt.Errorf("analyze: %w", err)
	}
	s.observe(an)
	if err := s.checkAccount(ctx, t, an); err != nil {
		return nil, false, err
	}
	if how.live != nil {
		an.Format = "live"
	}
	call := &assistant.Call{
		ExternalID: t.ExternalID,
		AgentID:    t.AgentID,
		TeamID:     t.TeamID,
		AccountRef: t.AccountRef,
		TimeZone:   t.TimeZone,
		OccurredAt: t.OccurredAt,
		Analysis:   *an,
		Live:       how.live,
	}
	create := how.create
	if create == nil {
		create = func(ctx context.Context, c *assistant.Call) (bool, error) { return s.Store.CreateCall(ctx, by, c) }
	}
	created, err := create(ctx, call)
	if err != nil {
		return nil, false, fmt.Errorf("store call: %w", err)
	}
	return call, created, nil
}

// Call returns call id if by may read it (ENotFound otherwise, also when it
// exists but is another agent's or team's), and records the read.
func (s *Service) Call(ctx context.Context, by assistant.Principal, id int64) (*assistant.Call, error) {
	c, err := s.Store.FindCallByID(ctx, by.Scope(), id)
	if err != nil {
		return nil, err
	}
	if err := s.Store.Audit(ctx, by, assistant.AuditEntry{Action: assistant.ActionCallRead, Target: assistant.TargetCall, TargetID: strconv.FormatInt(id, 10), CallID: id}); err != nil {
		return nil, err
	}
	if err := s.linkLegs(ctx, by, c); err != nil {
		return nil, err
	}
	forReader(by, c)
	return c, nil
}

// linkLegs sets c.Transfer when c is one leg of a transferred call that by
// may read another leg of. The legs are the calls of c's team under c's
// external id: one id of the telephony system, one agent each (the store
// keeps an external id once per agent). Another team's call under the same
// id is no leg of it, since an id means one call only within one telephony
// system, and the lookup then meets the index on (team_id, external_id).
func (s *Service) linkLegs(ctx context.Context, by assistant.Principal, c *assistant.Call) error {
	if c.ExternalID == "" || c.TeamID == "" {
		return nil
	}
	page, err := s.Store.FindCalls(ctx, by.Scope(), assistant.CallFilter{TeamID: c.TeamID, ExternalID: c.ExternalID, Limit: assistant.MaxLegs})
	if err != nil {
		return fmt.Errorf("find the other legs of call %d: %w", c.ID, err)
	}
	if len(page.Calls) < 2 {
		return nil
	}
	legs := make([]assistant.CallLeg, len(page.Calls))
	// The page is newest first; legs go in the order they were made.
	for i, l := range page.Calls {
		legs[len(legs)-1-i] = assistant.CallLeg{ID: l.ID, AgentID: l.AgentID, OccurredAt: l.OccurredAt}
	}
	c.Transfer = &assistant.Transfer{Legs: legs}
	return nil
}

// forReader takes out of c what by may not read: an agent never sees the
// review a language model drafted for the trainers, which is not a
// trainer's word until a trainer publishes a review of their own.
func forReader(by assistant.Principal, c *assistant.Call) {
	if by.Role == assistant.RoleAgent && by.Via != assistant.ViaAuthOff {
		c.DraftReview = nil
	}
}

// Calls returns a page of the calls by may read that f selects, and
// records the listing.
func (s *Service) Calls(ctx context.Context, by assistant.Principal, f assistant.CallFilter) (assistant.CallPage, error) {
	page, err := s.Store.FindCalls(ctx, by.Scope(), f)
	if err != nil {
		return assistant.CallPage{}, err
	}
	var filter []string
	for _, kv := range [][2]string{{"agent_id", f.AgentID}, {"team_id", f.TeamID}, {"external_id", f.ExternalID}, {"review_status", string(f.ReviewStatus)}} {
		if kv[1] != "" {
			filter = append(filter, kv[0]+" "+kv[1])
		}
	}
	if err := s.Store.Audit(ctx, by, assistant.AuditEntry{Action: assistant.ActionCallList, Target: assistant.TargetCall, Detail: strings.Join(filter, "; ")}); err != nil {
		return assistant.CallPage{}, err
	}
	for _, c := range page.Calls {
		forReader(by, c)
	}
	return page, nil
}
