package session

import (
	"context"
	"fmt"
	"slices"
	"unicode/utf8"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/vulnerability"
	"github.com/rooscoach/rooscoach/prompts"
)

// The data of the live templates in prompts/templates/live.tmpl.
type (
	stanceText struct {
		Speaker  assistant.Speaker
		Octant   assistant.Octant
		Quadrant assistant.Quadrant
	}
	tipText struct {
		Tip, Suggested string
	}
	alertText struct {
		// Cue is the customer's own words the alert is about.
		Cue string
	}
	closingText struct {
		// Tip is the closing check's advice, already in the call's
		// language.
		Tip string
	}
	arrangementText struct {
		Offer  assistant.Money
		Payday prompts.Payday
		// Fits is true when the first option fits the policy and the
		// customer's means; Script is what the agent can say.
		Fits   bool
		Script string
	}
	referralText struct {
		Reason string
	}
	endedText struct {
		Stored bool
		CallID int64
	}
	warningText struct {
		ExternalID string
	}
)

// text renders a live template in the call's language; s.mu is held. The
// data types are fixed here and the templates golden-tested, so an error
// is a bug.
func (s *Session) text(name string, data any) string {
	return prompts.MustRender(s.language(), name, data)
}

// redFlagTips are the tip kinds quiet mode still shows: a crisis, and
// threats and ultimatums in the agent's own words.
var redFlagTips = []assistant.TipKind{assistant.TipCrisis, assistant.TipOf(assistant.FindingThreat), assistant.TipOf(assistant.FindingUltimatum)}

// emit publishes e when the session's mode shows it, and appends it to out;
// s.mu is held.
func (s *Session) emit(out []Event, e Event) []Event {
	if s.mode == assistant.LiveQuiet && e.Type != assistant.EventAlert && !e.RedFlag {
		return out
	}
	return append(out, s.publish(e))
}

// once reports whether key is new, and remembers it; s.mu is held.
func (s *Session) once(key string) bool {
	if s.shown[key] {
		return false
	}
	s.shown[key] = true
	return true
}

// analyse makes the events of turn i, which just got the final utterance
// text; s.mu is held. Each event is sent as soon as it is made, so the
// agent's tip never waits for the arrangement card.
func (s *Session) analyse(ctx context.Context, i int, text string) ([]Event, error) {
	turn := s.turns[i]
	lang := s.language()
	var out []Event
	if turn.Speaker == assistant.Agent {
		tipped := turn.Text
		if utf8.RuneCountInString(tipped) > assistant.MaxTipRunes {
			tipped = text
		}
		res, err := s.coach.Tip(ctx, assistant.TipRequest{Text: tipped, Language: lang, Context: s.context(i)}, s.engine)
		if err != nil {
			return out, fmt.Errorf("tip on turn %d: %w", i, err)
		}
		s.stances[i] = res.Stance
		out = s.emit(out, s.stanceEvent(i))
		out = s.emit(out, Event{LiveEvent: assistant.LiveEvent{Type: assistant.EventTip, Turn: i, Kind: string(res.Tip.Kind),
			RedFlag: slices.Contains(redFlagTips, res.Tip.Kind),
			Text:    s.text("live.tip", tipText{Tip: res.Tip.Text, Suggested: res.Suggested})}, Tip: res})
		if cue, ok := s.hardshipAlert(i); ok && s.once(fmt.Sprint(assistant.AlertHardship, i)) {
			out = s.emit(out, s.alert(i, assistant.AlertHardship, cue))
		}
	} else {
		window := s.turns[max(0, i-assistant.MaxTipContext) : i+1]
		stances, err := s.coach.Stances(ctx, window, lang, s.engine)
		if err != nil {
			return out, fmt.Errorf("stance of turn %d: %w", i, err)
		}
		s.stances[i] = stances[len(stances)-1]
		out = s.emit(out, s.stanceEvent(i))
		if crisis, cue := crisisCue(turn.Text); crisis && s.once(fmt.Sprint(assistant.AlertCrisis, i)) {
			out = s.emit(out, s.alert(i, assistant.AlertCrisis, cue))
		}
		if s.oppositionAlert(i) && s.once(fmt.Sprint(assistant.AlertOpposition, i)) {
			out = s.emit(out, s.alert(i, assistant.AlertOpposition, ""))
		}
	}

	closing, err := s.closingReminder(ctx, i, lang)
	if err != nil {
		return out, err
	}
	if closing != nil {
		out = s.emit(out, *closing)
	}
	cards, err := s.cards(ctx, i, lang)
	if err != nil {
		return out, err
	}
	for _, c := range cards {
		out = s.emit(out, c)
	}
	return out, nil
}

// context returns the turns before turn i that a tip reads, as the tip
// takes them.
func (s *Session) context(i int) []assistant.ContextTurn {
	before := s.turns[max(0, i-assistant.MaxTipContext):i]
	out := make([]assistant.ContextTurn, len(before))
	for k, t := range before {
		text := t.Text
		if n := utf8.RuneCountInString(text); n > assistant.MaxTipRunes {
			// The advice reads the end of a long turn, where it meets the
			// agent's.
			text = string([]rune(text)[n-assistant.MaxTipRunes:])
		}
		out[k] = assistant.ContextTurn{Speaker: t.Speaker, Text: text}
	}
	return out
}

func (s *Session) stanceEvent(i int) Event {
	st := s.stances[i]
	return Event{LiveEvent: assistant.LiveEvent{Type: assistant.EventStance, Turn: i, Kind: string(st.Quadrant),
		Text: s.text("live.stance", stanceText{Speaker: s.turns[i].Speaker, Octant: st.Octant, Quadrant: st.Quadrant})}, Stance: &st}
}

func (s *Session) alert(i int, kind, cue string) Event {
	return Event{LiveEvent: assistant.LiveEvent{Type: assistant.EventAlert, Turn: i, Kind: kind, RedFlag: true,
		Text: s.text("live.alert."+kind, alertText{Cue: cue})}}
}

// crisisCue reports whether text speaks of self-harm or suicide, with the
// words that do.
func crisisCue(text string) (bool, string) {
	for _, sig := range vulnerability.Find(text) {
		if sig.Crisis() {
			return true, sig.Text
		}
	}
	return false, ""
}

// hardshipAlert reports whether agent turn i grew more dominant or more
// opposed right after the customer named hardship, by the rule the call
// analysis flags it with ([assistant.FlagHardship]), on the facts read from
// the customer's turn; and the customer's words.
func (s *Session) hardshipAlert(i int) (string, bool) {
	if i < 1 || s.turns[i-1].Speaker != assistant.Customer {
		return "", false
	}
	agent := assistant.TurnAnalysis{Turn: s.turns[i], Stance: s.stances[i]}
	var prev *assistant.TurnAnalysis
	if i >= 2 {
		// Turns alternate speakers, so i-2 is the agent's turn before.
		prev = &assistant.TurnAnalysis{Turn: s.turns[i-2], Stance: s.stances[i-2]}
	}
	h := assistant.FlagHardship(&agent, prev, s.facts[i-1], vulnerability.ReadHardship)
	if h == nil {
		return "", false
	}
	return h.Cue, true
}

// oppositionAlert reports whether customer turn i moved into opposition
// right after an agent turn above-opposed: by Leary's rules, opposition
// invites opposition. A customer who was opposed already did not move.
func (s *Session) oppositionAlert(i int) bool {
	if i < 1 || s.turns[i-1].Speaker != assistant.Agent {
		return false
	}
	r := assistant.Respond(s.stances[i], s.stances[i-1])
	if r.Agent != assistant.AboveOpposed || r.Effect != assistant.Escalates || r.Customer.Together() {
		return false
	}
	if i >= 2 {
		before := s.stances[i-2]
		if before.Confident() && !before.Quadrant.Together() {
			return false
		}
	}
	return true
}

// closingTurns is how many turns a call has before its end can be near.
const closingTurns = 4

// closingReminder reminds the agent of a good end when the call is ending
// without a summary, a next step or a warm close. It is shown once for each
// set of what is missing.
func (s *Session) closingReminder(ctx context.Context, i int, lang assistant.Language) (*Event, error) {
	if len(s.turns) < closingTurns {
		return nil, nil
	}
	turn := s.turns[i]
	greets, thanks := farewell(s.stances[i])
	if !greets && (turn.Speaker == assistant.Agent || !thanks) {
		return nil, nil
	}
	cc, err := s.coach.CheckClosing(ctx, s.turns, lang, s.engine)
	if err != nil {
		return nil, fmt.Errorf("closing check at turn %d: %w", i, err)
	}
	// The end is near when either says goodbye, or when the customer
	// thanks an agent who has begun to close (a summary, a next step) or
	// after an arrangement was offered. Thanks in mid-call ("thank you for
	// telling me") are no end.
	if cc.Tip == "" || !greets && !cc.Summary && !cc.NextStep && s.lastCard == "" {
		return nil, nil
	}
	key := fmt.Sprint(cc.NextStep, cc.Summary, cc.WarmClose)
	if key == s.lastClose {
		return nil, nil
	}
	s.lastClose = key
	return &Event{LiveEvent: assistant.LiveEvent{Type: assistant.EventClosing, Turn: i, Kind: string(assistant.TipClosing),
		Text: s.text("live.closing", closingText{Tip: cc.Tip})}, Closing: &cc}, nil
}

// farewell reports whether a turn says goodbye or thanks.
func farewell(st assistant.Stance) (greets, thanks bool) {
	for _, c := range st.Cues {
		greets = greets || c.Kind == assistant.CueGreeting
		thanks = thanks || c.Kind == assistant.CueThanks
	}
	return greets, thanks
}

// cards reads the facts of the call so far and makes the arrangement card,
// once the customer has said what they can pay and when they are paid,
// and the referral card, once vulnerability is heard. Each comes again
// only when what it says changes.
func (s *Session) cards(ctx context.Context, i int, lang assistant.Language) ([]Event, error) {
	// Planning on the whole call costs milliseconds, reading one turn
	// tens of microseconds: only a turn that says something about money
	// or hardship can change a card.
	own, err := s.coach.ReadFacts(ctx, s.turns[i:i+1], lang, s.engine)
	if err != nil {
		return nil, fmt.Errorf("facts of turn %d: %w", i, err)
	}
	s.facts[i] = own
	if len(own) == 0 {
		return nil, nil
	}
	adv, err := s.coach.Advise(ctx, s.turns, lang, s.engine, s.teamID)
	if err != nil {
		return nil, fmt.Errorf("arrangement at turn %d: %w", i, err)
	}
	var out []Event
	var offer, payday *assistant.Fact
	for k := range adv.Facts {
		f := &adv.Facts[k]
		switch {
		case f.Ambiguous:
		case f.Kind == assistant.FactOffer && f.Amount != nil:
			offer = f
		case f.Kind == assistant.FactPayday:
			payday = f
		}
	}
	if offer != nil && payday != nil && len(adv.Options) > 0 {
		first := adv.Options[0]
		when := prompts.PaydayOf(*payday)
		key := fmt.Sprint(*offer.Amount, when, first.Kind, first.Monthly, first.Months)
		if key != s.lastCard {
			s.lastCard = key
			out = append(out, Event{LiveEvent: assistant.LiveEvent{Type: assistant.EventArrangement, Turn: i, Kind: string(first.Kind),
				Text: s.text("live.arrangement", arrangementText{Offer: *offer.Amount, Payday: when,
					Fits: first.FitsPolicy && first.Realistic, Script: first.Script})}, Options: adv.Options})
		}
	}
	if r := adv.Referral; r != nil && r.Reason != s.lastRefer {
		s.lastRefer = r.Reason
		out = append(out, Event{LiveEvent: assistant.LiveEvent{Type: assistant.EventReferral, Turn: i, Kind: r.Jurisdiction, RedFlag: true,
			Text: s.text("live.referral", referralText{Reason: r.Reason})}, Referral: r})
	}
	return out, nil
}
