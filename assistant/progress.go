package assistant

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"time"
)

// Bucket is the period progress figures are counted per.
type Bucket string

// Buckets of progress. Weeks are ISO weeks, starting on Monday; all
// buckets are cut in UTC.
const (
	BucketDay   Bucket = "day"
	BucketWeek  Bucket = "week"
	BucketMonth Bucket = "month"
)

// Valid reports whether b is day, week or month.
func (b Bucket) Valid() bool { return b == BucketDay || b == BucketWeek || b == BucketMonth }

// Start returns the start of the bucket t falls in.
func (b Bucket) Start(t time.Time) time.Time {
	d := DateOf(t).Time
	switch b {
	case BucketWeek:
		// Monday starts the week, as Postgres's date_trunc('week') has it.
		return d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7))
	case BucketMonth:
		return time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, time.UTC)
	}
	return d
}

// Next returns the start of the bucket after the one starting at start.
func (b Bucket) Next(start time.Time) time.Time {
	switch b {
	case BucketWeek:
		return start.AddDate(0, 0, 7)
	case BucketMonth:
		return start.AddDate(0, 1, 0)
	}
	return start.AddDate(0, 0, 1)
}

// MaxBuckets bounds the buckets of one progress request: a year and a bit
// of days, so that a request for ten years by day is refused with advice
// rather than answered slowly.
const MaxBuckets = 400

// DefaultProgressPeriod is the period of a progress request that gives no
// from: twelve weeks, a quarter of coaching.
const DefaultProgressPeriod = 12 * 7 * 24 * time.Hour

// ProgressFilter is the period and bucket of a progress request.
type ProgressFilter struct {
	// From is inclusive, To exclusive.
	From, To time.Time
	Bucket   Bucket
}

// NewProgressFilter reads the query of a progress request: from and to as
// dates (YYYY-MM-DD; a date for to includes that day) or RFC 3339 times,
// and bucket day, week or month. Without to the period ends with today
// (now's day); without from it spans [DefaultProgressPeriod] before to;
// without bucket it is week. Wrong input is an EInvalid error naming the
// parameter.
func NewProgressFilter(from, to, bucket string, now time.Time) (ProgressFilter, error) {
	f := ProgressFilter{Bucket: Bucket(bucket)}
	if bucket == "" {
		f.Bucket = BucketWeek
	}
	if !f.Bucket.Valid() {
		return f, Worded(EInvalid, "bucket", map[string]any{"Bucket": bucket}, "bucket %q is not known; use day, week or month.", bucket)
	}
	var err error
	if to == "" {
		f.To = DateOf(now).AddDate(0, 0, 1)
	} else if f.To, err = parseMoment("to", to); err != nil {
		return f, err
	} else if len(to) == len(time.DateOnly) {
		// A lead asking up to the 30th means the 30th too.
		f.To = f.To.AddDate(0, 0, 1)
	}
	if from == "" {
		f.From = f.To.Add(-DefaultProgressPeriod)
	} else if f.From, err = parseMoment("from", from); err != nil {
		return f, err
	}
	if from != "" && !f.From.Before(f.To) {
		// Name the values as the caller wrote them: a date for to has had
		// its day added, which would only confuse in the message.
		today := DateOf(now).Format(time.DateOnly)
		return f, Worded(EInvalid, "progress.order", map[string]any{"To": to, "Today": today, "From": from},
			"to %s does not come after from %s; give a period that ends after it starts.", cmp.Or(to, "(today, "+today+")"), from)
	}
	return f, f.Validate()
}

func parseMoment(field, v string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return t.UTC(), nil
	}
	if t, err := time.Parse(time.DateOnly, v); err == nil {
		return t, nil
	}
	return time.Time{}, Worded(EInvalid, "moment", map[string]any{"Field": field, "Value": v, "Plus": SpaceForPlus(v)},
		"%s %q is not a date or time; use 2026-11-01 or RFC 3339 such as 2026-11-01T09:00:00Z.%s", field, v, PlusHint(v))
}

// ParseMoment reads the value v of field, a date (midnight UTC) or an RFC
// 3339 time, as the progress and list filters take them; what it cannot
// read is refused with an invalid-coded error naming field and v.
func ParseMoment(field, v string) (time.Time, error) { return parseMoment(field, v) }

// SpaceForPlus reports whether v is an RFC 3339 time whose zone's "+" was
// read as a space, as a URL's query reads a bare "+". Such a value is
// refused with the advice to send "+" as %2B rather than read back: the
// space may as well be a typing error, and a time quietly taken in
// another zone than meant is worse than a clear refusal.
func SpaceForPlus(v string) bool {
	if !strings.Contains(v, " ") {
		return false
	}
	_, err := time.Parse(time.RFC3339, strings.ReplaceAll(v, " ", "+"))
	return err == nil
}

// PlusHint is the advice, in English (the templates of package prompts
// word it in every language for an error whose Plus argument is set), appended to the message refusing v
// when [SpaceForPlus] holds for it; "" otherwise.
func PlusHint(v string) string {
	if !SpaceForPlus(v) {
		return ""
	}
	return ` A "+" in a time zone must be sent as %2B in a URL: a bare "+" arrives as a space.`
}

// Validate checks that the period ends after it starts, lies in the years
// calls can have, and holds at most MaxBuckets buckets.
func (f ProgressFilter) Validate() error {
	if !f.Bucket.Valid() {
		return Worded(EInvalid, "bucket", map[string]any{"Bucket": string(f.Bucket)}, "bucket %q is not known; use day, week or month.", f.Bucket)
	}
	if !f.From.Before(f.To) {
		return Worded(EInvalid, "period.order", map[string]any{"To": f.To.Format(time.RFC3339), "From": f.From.Format(time.RFC3339)},
			"to %s is not after from %s; give a period that ends after it starts.", f.To.Format(time.RFC3339), f.From.Format(time.RFC3339))
	}
	if f.From.Before(EarliestCall) || f.To.Year() > 9999 {
		from, to, earliest := f.From.Format(time.DateOnly), f.To.Format(time.DateOnly), EarliestCall.Format(time.DateOnly)
		return Worded(EInvalid, "period.years", map[string]any{"From": from, "To": to, "Earliest": earliest},
			"the period %s to %s lies outside the years calls can have (from %s).", from, to, earliest)
	}
	n := 0
	for s := f.Bucket.Start(f.From); s.Before(f.To); s = f.Bucket.Next(s) {
		if n++; n > MaxBuckets {
			return Worded(EInvalid, "period.buckets", map[string]any{"Max": MaxBuckets, "Bucket": string(f.Bucket)},
				"the period holds more than %d %ss; choose a shorter period or a longer bucket (week or month).", MaxBuckets, f.Bucket)
		}
	}
	return nil
}

// Mid is the middle of the period, which the team view splits at to tell
// falling and rising figures.
func (f ProgressFilter) Mid() time.Time { return f.From.Add(f.To.Sub(f.From) / 2) }

// ProgressCounts are the sums behind progress figures, as the store counts
// them from the calls of a bucket. They add up, so buckets, agents and
// halves of a period are sums of rows.
type ProgressCounts struct {
	Calls      int
	AgentTurns int
	// Octants counts agent turns per octant.
	Octants       map[Octant]int
	Escalations   int
	Deescalations int
	Jargon        int
	Threats       int
	// TimedCalls have turn times; EarlyJargonFree are those of them without
	// jargon in the first two minutes.
	TimedCalls      int
	EarlyJargonFree int
	ThreatFree      int
	NextStep        int
	Summary         int
	WarmClose       int
	// CompleteClosings end with both a next step and a summary.
	CompleteClosings int
	// OfferCalls are calls where the customer stated what they can pay;
	// Offered are those of them with an arrangement proposed.
	OfferCalls       int
	Offered          int
	ArrangementCalls int
	Referred         int
	// CheckedCalls are the calls whose compliance was checked; calls
	// stored before the checks existed are not among them, nor in the
	// three counts after it. Breaches counts their broken rules,
	// BreachCalls the calls that broke at least one, SevereCalls those
	// whose worst broken rule is high or critical.
	CheckedCalls int
	Breaches     int
	BreachCalls  int
	SevereCalls  int
	// Readability holds the readability counts of agent turns per
	// language, since Dutch and English are scored on different scales.
	Readability map[Language]Readability
}

// Add adds o to c.
func (c *ProgressCounts) Add(o ProgressCounts) {
	c.Calls += o.Calls
	c.AgentTurns += o.AgentTurns
	for k, v := range o.Octants {
		if c.Octants == nil {
			c.Octants = map[Octant]int{}
		}
		c.Octants[k] += v
	}
	c.Escalations += o.Escalations
	c.Deescalations += o.Deescalations
	c.Jargon += o.Jargon
	c.Threats += o.Threats
	c.TimedCalls += o.TimedCalls
	c.EarlyJargonFree += o.EarlyJargonFree
	c.ThreatFree += o.ThreatFree
	c.NextStep += o.NextStep
	c.Summary += o.Summary
	c.WarmClose += o.WarmClose
	c.CompleteClosings += o.CompleteClosings
	c.OfferCalls += o.OfferCalls
	c.Offered += o.Offered
	c.ArrangementCalls += o.ArrangementCalls
	c.Referred += o.Referred
	c.CheckedCalls += o.CheckedCalls
	c.Breaches += o.Breaches
	c.BreachCalls += o.BreachCalls
	c.SevereCalls += o.SevereCalls
	for l, r := range o.Readability {
		if c.Readability == nil {
			c.Readability = map[Language]Readability{}
		}
		s := c.Readability[l]
		s.Sentences += r.Sentences
		s.Words += r.Words
		s.Syllables += r.Syllables
		s.LongWords += r.LongWords
		c.Readability[l] = s
	}
}

// ClosingFigures are shares of calls whose end has each part of a good
// close; each is nil when there were no calls.
type ClosingFigures struct {
	NextStep  *float64 `json:"next_step"`
	Summary   *float64 `json:"summary"`
	WarmClose *float64 `json:"warm_close"`
	// Complete is the share with both a next step and a summary.
	Complete *float64 `json:"complete"`
}

// ComplianceFigures are the compliance rules broken in a bucket's calls.
// A call stored before compliance was checked is counted as not checked
// and left out of the rest: counted as a call without breaches, a period
// of old calls would look spotless, and breaches per call would fall
// wherever old and new calls mix.
type ComplianceFigures struct {
	CheckedCalls    int `json:"checked_calls"`
	NotCheckedCalls int `json:"not_checked_calls"`
	// Breaches counts the rules broken in the checked calls.
	Breaches int `json:"breaches"`
	// BreachesPerCall is breaches per checked call; nil when no call was
	// checked, since no call checked is not no breaches.
	BreachesPerCall *float64 `json:"breaches_per_call"`
	// CallsWithBreach broke at least one rule; CallsHighOrCritical are
	// those whose worst broken rule is of high or critical severity.
	CallsWithBreach     int `json:"calls_with_breach"`
	CallsHighOrCritical int `json:"calls_high_or_critical"`
}

// Compliance returns the compliance figures of the counts.
func (c ProgressCounts) Compliance() ComplianceFigures {
	f := ComplianceFigures{
		CheckedCalls:        c.CheckedCalls,
		NotCheckedCalls:     c.Calls - c.CheckedCalls,
		Breaches:            c.Breaches,
		CallsWithBreach:     c.BreachCalls,
		CallsHighOrCritical: c.SevereCalls,
	}
	f.BreachesPerCall = share(c.Breaches, c.CheckedCalls)
	return f
}

// LanguageReadability is the readability of agent turns in one language.
type LanguageReadability struct {
	Language Language `json:"language"`
	Readability
}

// Figures are the progress figures of a bucket or a whole period. Every
// share and figure per call is nil (null in JSON) when there is nothing to
// divide by: a week without calls is no week at 0%, and a chart or trend
// must be able to tell the two apart. Counts are always there, 0 when
// empty.
type Figures struct {
	Calls      int `json:"calls"`
	AgentTurns int `json:"agent_turns"`
	// QuadrantShare and OctantShare are shares of agent turns; every
	// quadrant and octant is listed, nil while there were no agent turns.
	QuadrantShare map[Quadrant]*float64 `json:"quadrant_share"`
	OctantShare   map[Octant]*float64   `json:"octant_share"`
	// TargetShare is the share of agent turns in the target quadrant.
	TargetShare        *float64 `json:"target_share"`
	Escalations        int      `json:"escalations"`
	Deescalations      int      `json:"deescalations"`
	EscalationsPerCall *float64 `json:"escalations_per_call"`
	JargonPerCall      *float64 `json:"jargon_per_call"`
	// Readability has one entry per language spoken in the bucket.
	Readability []LanguageReadability `json:"readability"`
	Closing     ClosingFigures        `json:"closing"`
	// ArrangementsProposed counts calls with an arrangement proposed;
	// CustomersReferred calls where the customer was pointed to debt help.
	ArrangementsProposed int `json:"arrangements_proposed"`
	CustomersReferred    int `json:"customers_referred"`
	// Compliance counts the rules of the compliance packs broken.
	Compliance ComplianceFigures `json:"compliance"`
}

// FigurePlaces is the decimals every figure is rounded to (progress, a
// call's summary, readability, calibration): a hundredth of a percent for
// shares, which no lead reads closer, and no float noise such as
// 0.5502500000000001 in the JSON.
const FigurePlaces = 4

// roundFigure is the one place figures are rounded, as they are produced;
// comparisons with goals and thresholds use the exact counts.
func roundFigure(v float64) float64 {
	const scale = 1e4 // 10^FigurePlaces
	return math.Round(v*scale) / scale
}

// share is n out of d, rounded; nil when d is 0, since nothing measured is
// not a share of 0.
func share(n, d int) *float64 {
	if d == 0 {
		return nil
	}
	v := roundFigure(float64(n) / float64(d))
	return &v
}

// Figures turns the sums into figures.
func (c ProgressCounts) Figures() Figures {
	f := Figures{
		Calls:                c.Calls,
		AgentTurns:           c.AgentTurns,
		QuadrantShare:        make(map[Quadrant]*float64, len(Quadrants)),
		OctantShare:          make(map[Octant]*float64, len(Octants)),
		Escalations:          c.Escalations,
		Deescalations:        c.Deescalations,
		EscalationsPerCall:   share(c.Escalations, c.Calls),
		JargonPerCall:        share(c.Jargon, c.Calls),
		Readability:          []LanguageReadability{},
		ArrangementsProposed: c.ArrangementCalls,
		CustomersReferred:    c.Referred,
		Compliance:           c.Compliance(),
		Closing: ClosingFigures{
			NextStep:  share(c.NextStep, c.Calls),
			Summary:   share(c.Summary, c.Calls),
			WarmClose: share(c.WarmClose, c.Calls),
			Complete:  share(c.CompleteClosings, c.Calls),
		},
	}
	quadrants := make(map[Quadrant]int, len(Quadrants))
	for _, o := range Octants {
		f.OctantShare[o] = share(c.Octants[o], c.AgentTurns)
		quadrants[o.Quadrant()] += c.Octants[o]
	}
	for _, q := range Quadrants {
		f.QuadrantShare[q] = share(quadrants[q], c.AgentTurns)
	}
	f.TargetShare = f.QuadrantShare[TargetQuadrant]
	for _, l := range Languages {
		if r, ok := c.Readability[l]; ok {
			r = ScoreReadability(l, r)
			f.Readability = append(f.Readability, LanguageReadability{Language: l, Readability: r})
		}
	}
	return f
}

// ProgressRow is what the store counts for one agent, one day and one
// language. Days rather than buckets, so that a goal that starts or ends
// within a week or month is measured on its own days only.
type ProgressRow struct {
	// Day is the day (UTC) the calls were made.
	Day      time.Time
	AgentID  string
	Language Language
	ProgressCounts
}

// ProgressBucket holds the figures of one bucket.
type ProgressBucket struct {
	// Start and End bound the bucket, cut to the period asked for.
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
	Figures
	// Goals are the results of the goals active in the bucket; in a team
	// view, of every agent's goals.
	Goals    []GoalResult `json:"goals"`
	GoalsMet int          `json:"goals_met"`
}

// Progress is an agent's or a team's progress over a period.
type Progress struct {
	AgentID string    `json:"agent_id,omitempty"`
	TeamID  string    `json:"team_id,omitempty"`
	From    time.Time `json:"from"`
	To      time.Time `json:"to"`
	Bucket  Bucket    `json:"bucket"`
	// Total holds the figures of the whole period, and the goals over it.
	Total   ProgressBucket   `json:"total"`
	Buckets []ProgressBucket `json:"buckets"`
	// Goals lists the goals measured in the period.
	Goals []Goal `json:"goals"`
	// Agents compares the team's agents, those who need attention first;
	// only in a team view.
	Agents []AgentStanding `json:"agents,omitempty"`
}

// AgentStanding is one agent in a team view: the period's figures and how
// they moved from its earlier half to its later half.
type AgentStanding struct {
	AgentID string `json:"agent_id"`
	Calls   int    `json:"calls"`
	// TargetShare is nil when the agent's calls held no agent turns.
	TargetShare        *float64 `json:"target_share"`
	EscalationsPerCall *float64 `json:"escalations_per_call"`
	JargonPerCall      *float64 `json:"jargon_per_call"`
	// TargetShareChange and EscalationsChange are the later half's figure
	// minus the earlier half's; nil when a half has nothing to measure it
	// on (no agent turns, or no calls), rather than read as a fall.
	TargetShareChange *float64 `json:"target_share_change"`
	EscalationsChange *float64 `json:"escalations_per_call_change"`
	// Breaches, BreachesPerCall and CallsHighOrCritical are the period's
	// compliance figures (see [ComplianceFigures]); BreachesPerCall is nil
	// when none of the agent's calls was checked.
	Breaches            int      `json:"breaches"`
	BreachesPerCall     *float64 `json:"breaches_per_call"`
	CallsHighOrCritical int      `json:"calls_high_or_critical"`
	GoalsMet            int      `json:"goals_met"`
	Goals               int      `json:"goals"`
	NeedsAttention      bool     `json:"needs_attention"`
	// Reasons say why the agent needs attention: "target share fell",
	// "escalations rose", "goal not met".
	Reasons []string `json:"reasons"`
}

// Attention thresholds of the team view: a fall of five points of target
// share, or one more escalation every five calls, is a trend worth a
// conversation rather than noise.
const (
	AttentionTargetFall     = 0.05
	AttentionEscalationRise = 0.2
)

// Reasons an agent needs attention.
const (
	ReasonTargetFell      = "target share fell"
	ReasonEscalationsRose = "escalations rose"
	ReasonGoalNotMet      = "goal not met"
)

// NewProgress builds a progress report from the store's rows and the goals
// of the agents concerned: every bucket of the period (empty ones too, so a
// chart has no gaps), the total, the goals' results per bucket and over the
// period, and, when team is true, the agents compared.
func NewProgress(f ProgressFilter, rows []ProgressRow, goals []Goal, team bool) Progress {
	p := Progress{From: f.From, To: f.To, Bucket: f.Bucket, Goals: goals}
	if p.Goals == nil {
		p.Goals = []Goal{}
	}
	type key struct {
		bucket time.Time
		agent  string
	}
	cells := map[key]*ProgressCounts{}
	// days keeps each agent's rows per bucket too, for the goals, which
	// count only the days they ran.
	days := map[key][]ProgressRow{}
	agents := map[string]bool{}
	for _, r := range rows {
		r.Day = r.Day.UTC()
		if r.Readability != nil && r.Language != "" {
			// A row carries its language's readability counts alone.
			r.Readability = map[Language]Readability{r.Language: r.Readability[r.Language]}
		}
		k := key{f.Bucket.Start(r.Day), r.AgentID}
		c := cells[k]
		if c == nil {
			c = &ProgressCounts{}
			cells[k] = c
		}
		c.Add(r.ProgressCounts)
		days[k] = append(days[k], r)
		agents[r.AgentID] = true
	}
	goalsOf := map[string][]Goal{}
	for _, g := range goals {
		goalsOf[g.AgentID] = append(goalsOf[g.AgentID], g)
		agents[g.AgentID] = true
	}
	agentIDs := make([]string, 0, len(agents))
	for a := range agents {
		agentIDs = append(agentIDs, a)
	}
	slices.Sort(agentIDs)

	mid := f.Mid()
	perAgent := map[string]*[3]ProgressCounts{} // whole, earlier, later
	daysOf := map[string][]ProgressRow{}
	var total ProgressCounts
	for s := f.Bucket.Start(f.From); s.Before(f.To); s = f.Bucket.Next(s) {
		b := ProgressBucket{Start: maxTime(s, f.From), End: minTime(f.Bucket.Next(s), f.To), Goals: []GoalResult{}}
		var sum ProgressCounts
		for _, a := range agentIDs {
			k := key{s, a}
			c := cells[k]
			if c == nil {
				c = &ProgressCounts{}
			}
			sum.Add(*c)
			daysOf[a] = append(daysOf[a], days[k]...)
			pa := perAgent[a]
			if pa == nil {
				pa = new([3]ProgressCounts)
				perAgent[a] = pa
			}
			pa[0].Add(*c)
			if s.Before(mid) {
				pa[1].Add(*c)
			} else {
				pa[2].Add(*c)
			}
			for _, g := range goalsOf[a] {
				if g.ActiveIn(b.Start, b.End) {
					b.Goals = append(b.Goals, g.evaluateDays(days[k]))
				}
			}
		}
		b.Figures = sum.Figures()
		b.GoalsMet = countMet(b.Goals)
		total.Add(sum)
		p.Buckets = append(p.Buckets, b)
	}
	p.Total = ProgressBucket{Start: f.From, End: f.To, Figures: total.Figures(), Goals: []GoalResult{}}
	for _, a := range agentIDs {
		for _, g := range goalsOf[a] {
			if g.ActiveIn(f.From, f.To) {
				p.Total.Goals = append(p.Total.Goals, g.evaluateDays(daysOf[a]))
			}
		}
	}
	p.Total.GoalsMet = countMet(p.Total.Goals)
	if !team {
		return p
	}
	p.Agents = []AgentStanding{}
	for _, a := range agentIDs {
		pa := perAgent[a]
		if pa == nil || pa[0].Calls == 0 {
			// An agent with goals but no calls in the team's period made
			// no calls for this team then.
			continue
		}
		p.Agents = append(p.Agents, standing(a, pa, daysOf[a], goalsOf[a], f))
	}
	slices.SortStableFunc(p.Agents, func(x, y AgentStanding) int {
		if x.NeedsAttention != y.NeedsAttention {
			if x.NeedsAttention {
				return -1
			}
			return 1
		}
		if c := cmp.Compare(orZero(x.TargetShareChange), orZero(y.TargetShareChange)); c != 0 {
			return c
		}
		if c := cmp.Compare(orZero(y.EscalationsChange), orZero(x.EscalationsChange)); c != 0 {
			return c
		}
		return cmp.Compare(x.AgentID, y.AgentID)
	})
	return p
}

// change is the later half's n/d minus the earlier half's, rounded; nil
// when either half has nothing to divide by, so that a half without data
// is never read as a fall.
func change(earlierN, earlierD, laterN, laterD int) *float64 {
	if earlierD == 0 || laterD == 0 {
		return nil
	}
	v := roundFigure(float64(laterN)/float64(laterD) - float64(earlierN)/float64(earlierD))
	return &v
}

func targetTurns(c ProgressCounts) int { return c.Octants[Leading] + c.Octants[Helping] }

// standing compares an agent's earlier and later half of the period, and
// measures the agent's goals on the days each ran.
func standing(agent string, pa *[3]ProgressCounts, days []ProgressRow, goals []Goal, f ProgressFilter) AgentStanding {
	whole := pa[0].Figures()
	earlier, later := pa[1], pa[2]
	s := AgentStanding{
		AgentID:             agent,
		Calls:               whole.Calls,
		TargetShare:         whole.TargetShare,
		EscalationsPerCall:  whole.EscalationsPerCall,
		JargonPerCall:       whole.JargonPerCall,
		Breaches:            whole.Compliance.Breaches,
		BreachesPerCall:     whole.Compliance.BreachesPerCall,
		CallsHighOrCritical: whole.Compliance.CallsHighOrCritical,
		Reasons:             []string{},
		TargetShareChange:   change(targetTurns(earlier), earlier.AgentTurns, targetTurns(later), later.AgentTurns),
		EscalationsChange:   change(earlier.Escalations, earlier.Calls, later.Escalations, later.Calls),
	}
	// The thresholds are compared with the rounded change: a fall shown as
	// -0.05 is a fall of five points.
	if t := s.TargetShareChange; t != nil && *t <= -AttentionTargetFall {
		s.Reasons = append(s.Reasons, ReasonTargetFell)
	}
	if e := s.EscalationsChange; e != nil && *e >= AttentionEscalationRise {
		s.Reasons = append(s.Reasons, ReasonEscalationsRose)
	}
	unmet := false
	for _, g := range goals {
		if !g.ActiveIn(f.From, f.To) {
			continue
		}
		s.Goals++
		switch g.evaluateDays(days).Status {
		case GoalMet:
			s.GoalsMet++
		case GoalNotMet:
			unmet = true
		}
	}
	if unmet {
		s.Reasons = append(s.Reasons, ReasonGoalNotMet)
	}
	s.NeedsAttention = len(s.Reasons) > 0
	return s
}

func countMet(rs []GoalResult) int {
	n := 0
	for _, r := range rs {
		if r.Met {
			n++
		}
	}
	return n
}

func orZero(p *float64) float64 {
	if p == nil {
		return 0
	}
	return *p
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
