package web

import (
	"fmt"
	"html/template"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/prompts"
)

// funcs are the templates' helpers.
var funcs = template.FuncMap{
	"pct": func(v float64) string { return fmt.Sprintf("%.0f%%", 100*v) },
	// num writes a figure with one decimal the way the page's language
	// does: 2,2 on a Dutch page, 2.2 on an English one.
	"num":   func(v float64, lang assistant.Language) string { return prompts.Number(lang, v, 1) },
	"money": func(m assistant.Money, lang assistant.Language) string { return prompts.Money(lang, m) },
	// months counts months with the noun that goes with the number:
	// "1 maand", "6 maanden".
	"months": func(n int, lang assistant.Language) string { return prompts.Months(lang, n) },
	"label":  label,
	// explain is a finding's explanation in the page's language.
	"explain": explain,
	"code":    codeSpans,
	"octant": func(o assistant.Octant, lang assistant.Language) string {
		return octantName(o, lang)
	},
	"colour": func(o assistant.Octant) string { return octantColour[o] },
	"inc":    func(i int) int { return i + 1 },
	"date":   func(t time.Time) string { return t.Format("2006-01-02 15:04") },
	"day":    func(t time.Time) string { return t.Format("2006-01-02") },
	// pctp is pct of a figure that may be missing.
	"pctp": pctp,
	// missing stands for a figure that could not be measured.
	"missing": func() string { return prompts.Missing },
	"word": func(t map[string]string, key string) string {
		if s, ok := t[key]; ok {
			return s
		}
		return key
	},
	// importReason is why a file of an import failed, in the page's
	// language.
	"importReason": importReason,
}

// pctp writes share v as a whole percent, or prompts.Missing when nothing
// was measured.
func pctp(v *float64) string {
	if v == nil {
		return prompts.Missing
	}
	return fmt.Sprintf("%.0f%%", 100**v)
}

// label is the name in t of code, a value of the data of kind (a status,
// a finding kind, an option kind…), looked up as "kind.code". A code with
// no name is printed as it is rather than hidden.
func label(t map[string]string, kind string, code any) string {
	c := fmt.Sprint(code)
	if s, ok := t[kind+"."+c]; ok {
		return s
	}
	return c
}

// reasonData is what prompts' reason.* templates read; the analysis keeps
// only the finding's text and its explanation in the call's language, so
// the other fields are left empty (the rewrite beside it says the rest).
type reasonData struct {
	Text, Plain     string
	Asked           string // never filled here: the page cannot recover the repaired question
	Words, Max      int
	Kind            string
	Rewritten, Omit bool
}

var firstNumbers = regexp.MustCompile(`\b\d+\b`)

// explain returns the explanation of f in the page's language page. The
// analysis wrote it in the call's language; for a page in the other one it
// is written anew from the same prompts template with what the finding
// still holds (a long sentence's word count and limit are read back from
// the explanation itself), or left as it is when that fails.
func explain(f findingView, page, call assistant.Language) string {
	if page == call || !page.Valid() || f.Reason == "" {
		return f.Reason
	}
	d := reasonData{Text: f.Text}
	if f.Kind == assistant.FindingLongSentence {
		n := firstNumbers.FindAllString(f.Reason, 2)
		if len(n) < 2 {
			return f.Reason
		}
		d.Words, _ = strconv.Atoi(n[0])
		d.Max, _ = strconv.Atoi(n[1])
	}
	s, err := prompts.Render(page, "reason."+string(f.Kind), d)
	if err != nil {
		return f.Reason
	}
	return s
}

// importReason words why file f failed in the page's language lang; a
// file failed before reasons had codes keeps its English sentence.
func importReason(f assistant.ImportFile, lang assistant.Language) string {
	if f.Cause == nil {
		return f.Reason
	}
	return prompts.ImportReason(lang, *f.Cause)
}

// codeSpans escapes s and shows each `quoted` part as code, so a text can
// name a command without printing its backticks.
func codeSpans(s string) template.HTML {
	parts := strings.Split(template.HTMLEscapeString(s), "`")
	var b strings.Builder
	for i, p := range parts {
		if i%2 == 1 && i < len(parts)-1 {
			b.WriteString("<code>" + p + "</code>")
			continue
		}
		if i%2 == 1 {
			b.WriteString("`")
		}
		b.WriteString(p)
	}
	return template.HTML(b.String())
}

// text returns the interface text in lang; English for anything else.
func text(lang assistant.Language) map[string]string {
	if lang == assistant.Dutch {
		return dutch
	}
	return english
}

var english = map[string]string{
	"app":                "rooscoach",
	"skip":               "Skip to content",
	"nav":                "Main",
	"nav_calls":          "Calls",
	"nav_agent":          "My page",
	"nav_lead":           "Team",
	"nav_upload":         "Upload",
	"signed_in_as":       "Signed in as",
	"signout":            "Sign out",
	"language":           "Language",
	"switch":             "Switch",
	"signin":             "Sign in",
	"signin_intro":       "Sign in with your rooscoach token. An admin makes tokens; on a new installation, `make run` prints the first admin token once.",
	"token":              "Token",
	"signin_failed":      "This token does not work: it is unknown, revoked or mistyped.",
	"signin_needed":      "Sign in first: your session has ended.",
	"calls":              "Calls",
	"calls_intro":        "Recent calls you may read, newest first. Open one to review it.",
	"status":             "Review status",
	"all":                "All",
	"filter":             "Filter",
	"call":               "Call",
	"agent":              "Agent",
	"customer":           "Customer",
	"team":               "Team",
	"when":               "When",
	"language_of_call":   "Language",
	"turns":              "Turns",
	"target_share":       "Target quadrant (above-together)",
	"no_calls":           "No calls yet.",
	"open":               "Open",
	"review_of":          "Review of call",
	"transfer_legs":      "One leg of a transferred call (one telephony call id, an agent per leg); the legs in order:",
	"this_leg":           "this call",
	"transcript":         "Transcript",
	"turn":               "Turn",
	"octant":             "Octant",
	"findings":           "Findings",
	"rewrite":            "Rewrite",
	"closing_turn":       "closing turn",
	"rose":               "The call on the rose",
	"rose_title":         "Leary's rose of the call",
	"rose_desc":          "%d turns plotted by dominance (up) and affiliation (right), in order along a numbered path. Circles are the agent, squares the customer; ringed points are the closing turns.",
	"rose_key_agent":     "circle: agent",
	"rose_key_customer":  "square: customer",
	"rose_key_closing":   "ring: closing turn",
	"above":              "above",
	"below":              "below",
	"opposed":            "opposed",
	"together":           "together",
	"readability":        "Readability",
	"score":              "Score",
	"words_per_sentence": "Words per sentence",
	"closing":            "Closing check",
	"next_step":          "Next step agreed",
	"summary_given":      "Summary given",
	"warm_close":         "Warm close",
	"yes":                "yes",
	"no":                 "no",
	"arrangement":        "Arrangement",
	"options":            "Options offered",
	"monthly":            "per month",
	"fits_policy":        "fits policy",
	"referral":           "Referral",
	"no_referral":        "No referral needed.",
	"no_options":         "No arrangement was worked out in this call.",
	"after_call":         "After-call summary",
	"no_after_call":      "No after-call summary: none was written for this call.",
	"from_draft":         "Filled in from the language model's draft review. Read and change it: it becomes your review only when you save it, and the agent sees it only when you publish it.",
	"turns_lower":        "turns",
	"your_review":        "Your review",
	"note":               "Overall note",
	"rating":             "Rating (1 poor – 5 excellent)",
	"no_rating":          "no rating yet",
	"focus":              "Focus points (one per line)",
	"comment_on":         "Comment on turn",
	"your_octant":        "Your octant",
	"trainer_octant":     "Trainer's octant",
	"engine_octant":      "rooscoach",
	"none":               prompts.Missing,
	"save_draft":         "Save draft",
	"publish":            "Publish",
	"published_reviews":  "Published reviews",
	"by":                 "by",
	"done_draft":         "Draft saved.",
	"done_published":     "Review published: the agent can read it now.",
	"done_acknowledged":  "Review acknowledged.",
	"done_disputed":      "Dispute sent to the trainer.",
	"agent_page":         "My coaching",
	"agent_ask":          "Give an agent id to see that agent's page.",
	"my_calls":           "My recent calls",
	"reviews_to_answer":  "Reviews",
	"no_reviews":         "No published reviews yet.",
	"acknowledge":        "Acknowledge",
	"dispute":            "Dispute",
	"dispute_about":      "What do you dispute?",
	"label":              "The label",
	"comment":            "The comment",
	"why":                "Why do you see it differently?",
	"about_turn":         "Turn",
	"goals":              "Goals and progress",
	"no_goals":           "No goals set.",
	"goal":               "Goal",
	"threshold":          "Aim",
	"value":              "Now",
	"met":                "Met",
	"tip_box":            "Tip box",
	"tip_intro":          "Type what you are about to say; the stance, a plainer wording and the headline tip follow as you type.",
	"tip_label":          "What you are about to say",
	"stance":             "Stance",
	"plainer":            "Plainer wording",
	"headline_tip":       "Tip",
	"lead_page":          "Team progress",
	"lead_ask":           "Give a team id to see its progress.",
	"show":               "Show",
	"attention":          "Agents needing attention",
	"no_attention":       "No agent needs attention this period.",
	"reasons":            "Why",
	"calls_count":        "Calls",
	"escalations":        "Escalations per call",
	"jargon":             "Jargon per call",
	"charts":             "Over the weeks",
	"chart_target":       "Share of agent turns in the target quadrant",
	"chart_escalations":  "Escalations per call",
	"chart_jargon":       "Jargon per call",
	"chart_closing":      "Complete closings (next step and summary)",
	"chart_arrangements": "Arrangements proposed",
	"chart_referrals":    "Customers referred to debt help",
	"chart_breaches":     "Compliance rules broken per checked call",
	"breaches":           "Rules broken per call",
	"not_checked":        "not checked",
	"key":                "Key",
	"heat":               "Where the agents' turns fall on the rose",
	"last_month":         "last month",
	"no_calls_period":    "no calls in this period",
	"this_month":         "this month",
	"upload":             "Upload calls",
	"upload_intro":       "Choose one or more transcripts (text, WebVTT, JSON, platform exports, or a zip of them). A file's own metadata wins over what you fill in here.",
	"files":              "Transcript files",
	"agent_id":           "Agent id (for files that do not name one)",
	"team_id":            "Team id (optional)",
	"detect":             "Detect",
	"format":             "Format",
	"import_refused":     "No file of the upload can be imported; nothing was stored.",
	"start_upload":       "Upload",
	"import":             "Import",
	"progress":           "Progress",
	"files_done":         "done",
	"files_failed":       "failed",
	"files_left":         "left",
	"files_new":          "new calls",
	"finished":           "Finished.",
	"working":            "Working… this page refreshes itself.",
	"errors":             "Files that failed",
	"file":               "File",
	"reason":             "Reason",
	"see_calls":          "See the calls",
	"error":              "Something went wrong",
	"back":               "Back to the start",
	"role":               "Role",
	"page_forbidden":     "This page is not for your role (%s).",
	// Codes of the data, by kind: the "label" function looks them up as
	// KIND.CODE, so a page never prints a code as it is stored.
	"call_status.new":             "New",
	"call_status.in_review":       "Being reviewed",
	"call_status.reviewed":        "Review published",
	"call_status.acknowledged":    "Acknowledged",
	"call_status.disputed":        "Disputed",
	"review_status.draft":         "Draft",
	"review_status.published":     "Published",
	"review_status.acknowledged":  "Acknowledged",
	"review_status.disputed":      "Disputed",
	"finding.jargon":              "Jargon",
	"finding.policy-talk":         "Policy talk",
	"finding.command":             "Command",
	"finding.threat":              "Threat",
	"finding.ultimatum":           "Ultimatum",
	"finding.blame":               "Blame",
	"finding.stock-phrase":        "Stock phrase",
	"finding.passive-voice":       "Passive voice",
	"finding.long-sentence":       "Long sentence",
	"finding.closed-question":     "Closed question",
	"finding.officialese":         "Officialese",
	"finding.belittling":          "Belittling",
	"option.customer-proposal":    "The customer's own proposal",
	"option.instalment-plan":      "Instalment plan",
	"option.shortest-plan":        "Shortest plan",
	"option.stepped-plan":         "Stepped plan",
	"option.temporary-plan":       "Temporary plan",
	"option.token-payment":        "Token payment",
	"option.deferral-then-plan":   "Pause, then a plan",
	"option.settlement":           "Settlement",
	"referral.crisis":             "Crisis",
	"referral.vulnerable":         "Vulnerability",
	"referral.nothing":            "Nothing left to pay with",
	"referral.no-fit":             "No plan fits",
	"scale.flesch-douma":          "Flesch-Douma",
	"scale.flesch-reading-ease":   "Flesch Reading Ease",
	"goal.target-share":           "Share in the target quadrant",
	"goal.no-early-jargon":        "No jargon early in the call",
	"goal.closing":                "Complete closing",
	"goal.no-threats":             "No threats",
	"goal.arrangement-offered":    "Arrangement offered",
	"attention.target share fell": "target share fell",
	"attention.escalations rose":  "escalations rose",
	"attention.goal not met":      "goal not met",
	"goal_status.met":             "yes",
	"goal_status.not_met":         "no",
	"goal_status.not_measurable":  "not yet measurable: no calls since the goal started",
	"lang.nl":                     "Dutch",
	"lang.en":                     "English",
	"role.agent":                  "agent",
	"role.trainer":                "trainer",
	"role.lead":                   "team lead",
	"role.admin":                  "admin",
	"form_expired":                "This form had expired, so nothing was saved or sent. Go back to the form, copy what you typed, reload the page, paste it in and send it again.",
	"back_to_form":                "Back to the form",
	"error_detail":                "Technical detail (in English)",
	"http.400":                    "Bad request",
	"http.401":                    "Not signed in",
	"http.403":                    "Not allowed",
	"http.404":                    "Not found",
	"http.409":                    "Conflict",
	"http.413":                    "Too large",
	"http.415":                    "Unsupported format",
	"http.422":                    "Cannot be analysed",
	"http.429":                    "Too many requests",
	"http.500":                    "Internal error",
	"http.503":                    "Unavailable",
	"error.invalid":               "Something in what was sent is not right.",
	"error.unauthorized":          "Sign in first: your token is not valid (any more).",
	"error.forbidden":             "Your role may not do this.",
	"error.not_found":             "This does not exist, or it is not yours to see.",
	"error.conflict":              "This has already been done, or it is in another state now.",
	"error.unsupported":           "This file or format cannot be read.",
	"error.too_large":             "This is larger than the limit.",
	"error.unprocessable":         "This could not be analysed.",
	"error.unavailable":           "A service rooscoach needs cannot be reached; try again later.",
	"error.rate_limited":          "Too many requests; wait a moment and try again.",
	"error.internal":              "Something went wrong on our side.",
	// Review form, published reviews and disputes (fix-review).
	"review_is_published":   "Your review of this call is published, so it can no longer be changed. It is shown below as the agent reads it.",
	"review_locked":         "This review is published, so it can no longer be changed; nothing was saved. Reload the call to see it as it stands.",
	"form_not_saved":        "The review was not saved. Put these right and send it again:",
	"disputes":              "Disputes",
	"dispute_about.label":   "about the label",
	"dispute_about.comment": "about the comment",
	"dispute_open":          "open",
	"dispute_resolved":      "resolved",
	"agent_says":            "The agent says",
	"you_said":              "You said",
	"trainer_answer":        "The trainer's answer",
	"label_changed":         "label changed to",
	"resolution_note":       "Your answer (a short note for the agent)",
	"resolve":               "Resolve",
	"done_resolved":         "Dispute resolved: the agent can read your answer.",
	"new_label":             "Your label from now on",
	"keep_label":            "keep my label",
	// Who did what to a review: the trainer wrote it, the call's agent
	// acknowledged it (on a date).
	"reviewer": "Trainer",
	"on_date":  "on",
}

var dutch = map[string]string{
	"app":                         "rooscoach",
	"skip":                        "Naar de inhoud",
	"nav":                         "Hoofdmenu",
	"nav_calls":                   "Gesprekken",
	"nav_agent":                   "Mijn pagina",
	"nav_lead":                    "Team",
	"nav_upload":                  "Uploaden",
	"signed_in_as":                "Ingelogd als",
	"signout":                     "Uitloggen",
	"language":                    "Taal",
	"switch":                      "Wissel",
	"signin":                      "Inloggen",
	"signin_intro":                "Log in met je rooscoach-token. Een beheerder maakt tokens; bij een nieuwe installatie toont `make run` het eerste beheerderstoken één keer.",
	"token":                       "Token",
	"signin_failed":               "Dit token werkt niet: het is onbekend, ingetrokken of verkeerd getypt.",
	"signin_needed":               "Log eerst in: je sessie is verlopen.",
	"calls":                       "Gesprekken",
	"calls_intro":                 "Recente gesprekken die je mag lezen, nieuwste eerst. Open er een om het te beoordelen.",
	"status":                      "Beoordelingsstatus",
	"all":                         "Alle",
	"filter":                      "Filter",
	"call":                        "Gesprek",
	"agent":                       "Medewerker",
	"customer":                    "Klant",
	"team":                        "Team",
	"when":                        "Wanneer",
	"language_of_call":            "Taal",
	"turns":                       "Beurten",
	"target_share":                "Doelkwadrant (boven-samen)",
	"no_calls":                    "Nog geen gesprekken.",
	"open":                        "Openen",
	"review_of":                   "Beoordeling van gesprek",
	"transfer_legs":               "Eén deel van een doorverbonden gesprek (één gespreks-id van de telefonie, een medewerker per deel); de delen op volgorde:",
	"this_leg":                    "dit gesprek",
	"transcript":                  "Transcript",
	"turn":                        "Beurt",
	"octant":                      "Octant",
	"findings":                    "Bevindingen",
	"rewrite":                     "Herschrijving",
	"closing_turn":                "afsluitende beurt",
	"rose":                        "Het gesprek op de roos",
	"rose_title":                  "Roos van Leary van het gesprek",
	"rose_desc":                   "%d beurten, uitgezet naar dominantie (omhoog) en affiliatie (rechts), op volgorde langs een genummerd pad. Rondjes zijn de medewerker, vierkantjes de klant; omcirkelde punten zijn de afsluitende beurten.",
	"rose_key_agent":              "rondje: medewerker",
	"rose_key_customer":           "vierkantje: klant",
	"rose_key_closing":            "ring: afsluitende beurt",
	"above":                       "boven",
	"below":                       "onder",
	"opposed":                     "tegen",
	"together":                    "samen",
	"readability":                 "Leesbaarheid",
	"score":                       "Score",
	"words_per_sentence":          "Woorden per zin",
	"closing":                     "Afsluiting",
	"next_step":                   "Vervolgstap afgesproken",
	"summary_given":               "Samenvatting gegeven",
	"warm_close":                  "Warme afsluiting",
	"yes":                         "ja",
	"no":                          "nee",
	"arrangement":                 "Regeling",
	"options":                     "Aangeboden opties",
	"monthly":                     "per maand",
	"fits_policy":                 "past in beleid",
	"referral":                    "Doorverwijzing",
	"no_referral":                 "Geen doorverwijzing nodig.",
	"no_options":                  "In dit gesprek is geen regeling uitgewerkt.",
	"after_call":                  "Samenvatting na het gesprek",
	"no_after_call":               "Geen samenvatting: voor dit gesprek is er geen geschreven.",
	"from_draft":                  "Ingevuld vanuit de conceptbeoordeling van het taalmodel. Lees en pas aan: het wordt pas jouw beoordeling als je opslaat, en de medewerker ziet het pas als je publiceert.",
	"turns_lower":                 "beurten",
	"your_review":                 "Jouw beoordeling",
	"note":                        "Algemene opmerking",
	"rating":                      "Cijfer (1 zwak – 5 uitstekend)",
	"no_rating":                   "nog geen cijfer",
	"focus":                       "Aandachtspunten (één per regel)",
	"comment_on":                  "Opmerking bij beurt",
	"your_octant":                 "Jouw octant",
	"trainer_octant":              "Octant van de trainer",
	"engine_octant":               "volgens rooscoach",
	"none":                        prompts.Missing,
	"save_draft":                  "Concept opslaan",
	"publish":                     "Publiceren",
	"published_reviews":           "Gepubliceerde beoordelingen",
	"by":                          "door",
	"done_draft":                  "Concept opgeslagen.",
	"done_published":              "Beoordeling gepubliceerd: de medewerker kan haar nu lezen.",
	"done_acknowledged":           "Beoordeling bevestigd.",
	"done_disputed":               "Bezwaar naar de trainer gestuurd.",
	"agent_page":                  "Mijn coaching",
	"agent_ask":                   "Geef een medewerker-id om de pagina van die medewerker te zien.",
	"my_calls":                    "Mijn recente gesprekken",
	"reviews_to_answer":           "Beoordelingen",
	"no_reviews":                  "Nog geen gepubliceerde beoordelingen.",
	"acknowledge":                 "Bevestigen",
	"dispute":                     "Bezwaar maken",
	"dispute_about":               "Waartegen maak je bezwaar?",
	"label":                       "Het label",
	"comment":                     "De opmerking",
	"why":                         "Waarom zie je het anders?",
	"about_turn":                  "Beurt",
	"goals":                       "Doelen en voortgang",
	"no_goals":                    "Geen doelen ingesteld.",
	"goal":                        "Doel",
	"threshold":                   "Streven",
	"value":                       "Nu",
	"met":                         "Gehaald",
	"tip_box":                     "Tipvak",
	"tip_intro":                   "Typ wat je gaat zeggen; de houding, een eenvoudiger formulering en de belangrijkste tip volgen terwijl je typt.",
	"tip_label":                   "Wat je gaat zeggen",
	"stance":                      "Houding",
	"plainer":                     "Eenvoudiger formulering",
	"headline_tip":                "Tip",
	"lead_page":                   "Voortgang van het team",
	"lead_ask":                    "Geef een team-id om de voortgang te zien.",
	"show":                        "Toon",
	"attention":                   "Medewerkers die aandacht nodig hebben",
	"no_attention":                "Geen medewerker heeft deze periode extra aandacht nodig.",
	"reasons":                     "Waarom",
	"calls_count":                 "Gesprekken",
	"escalations":                 "Escalaties per gesprek",
	"jargon":                      "Jargon per gesprek",
	"charts":                      "Door de weken heen",
	"chart_target":                "Aandeel beurten van de medewerker in het doelkwadrant",
	"chart_escalations":           "Escalaties per gesprek",
	"chart_jargon":                "Jargon per gesprek",
	"chart_closing":               "Volledige afsluitingen (vervolgstap en samenvatting)",
	"chart_arrangements":          "Voorgestelde regelingen",
	"chart_referrals":             "Klanten doorverwezen naar schuldhulp",
	"chart_breaches":              "Overtreden regels per gecontroleerd gesprek",
	"breaches":                    "Overtreden regels per gesprek",
	"not_checked":                 "niet gecontroleerd",
	"key":                         "Legenda",
	"heat":                        "Waar de beurten van de medewerkers op de roos vallen",
	"last_month":                  "vorige maand",
	"no_calls_period":             "geen gesprekken in deze periode",
	"this_month":                  "deze maand",
	"upload":                      "Gesprekken uploaden",
	"upload_intro":                "Kies een of meer transcripten (tekst, WebVTT, JSON, exports van platforms, of een zip daarvan). Wat een bestand zelf vermeldt gaat voor wat je hier invult.",
	"files":                       "Transcriptbestanden",
	"agent_id":                    "Medewerker-id (voor bestanden die er geen noemen)",
	"team_id":                     "Team-id (optioneel)",
	"detect":                      "Herkennen",
	"format":                      "Formaat",
	"import_refused":              "Geen enkel bestand kan worden geïmporteerd; er is niets opgeslagen.",
	"start_upload":                "Uploaden",
	"import":                      "Import",
	"progress":                    "Voortgang",
	"files_done":                  "klaar",
	"files_failed":                "mislukt",
	"files_left":                  "te gaan",
	"files_new":                   "nieuwe gesprekken",
	"finished":                    "Klaar.",
	"working":                     "Bezig… deze pagina ververst zichzelf.",
	"errors":                      "Mislukte bestanden",
	"file":                        "Bestand",
	"reason":                      "Reden",
	"see_calls":                   "Bekijk de gesprekken",
	"error":                       "Er ging iets mis",
	"back":                        "Terug naar het begin",
	"role":                        "Rol",
	"page_forbidden":              "Deze pagina is niet voor jouw rol (%s).",
	"call_status.new":             "Nieuw",
	"call_status.in_review":       "Wordt beoordeeld",
	"call_status.reviewed":        "Beoordeling gepubliceerd",
	"call_status.acknowledged":    "Bevestigd",
	"call_status.disputed":        "Bezwaar gemaakt",
	"review_status.draft":         "Concept",
	"review_status.published":     "Gepubliceerd",
	"review_status.acknowledged":  "Bevestigd",
	"review_status.disputed":      "Bezwaar gemaakt",
	"finding.jargon":              "Jargon",
	"finding.policy-talk":         "Beleidstaal",
	"finding.command":             "Opdracht",
	"finding.threat":              "Dreigement",
	"finding.ultimatum":           "Ultimatum",
	"finding.blame":               "Verwijt",
	"finding.stock-phrase":        "Standaardzin",
	"finding.passive-voice":       "Lijdende vorm",
	"finding.long-sentence":       "Lange zin",
	"finding.closed-question":     "Gesloten vraag",
	"finding.officialese":         "Ambtelijke taal",
	"finding.belittling":          "Kleineren",
	"option.customer-proposal":    "Eigen voorstel van de klant",
	"option.instalment-plan":      "Betalingsregeling",
	"option.shortest-plan":        "Kortste regeling",
	"option.stepped-plan":         "Oplopende regeling",
	"option.temporary-plan":       "Tijdelijke regeling",
	"option.token-payment":        "Symbolisch bedrag",
	"option.deferral-then-plan":   "Eerst uitstel, dan een regeling",
	"option.settlement":           "Schikking",
	"referral.crisis":             "Crisis",
	"referral.vulnerable":         "Kwetsbaarheid",
	"referral.nothing":            "Niets over om van te betalen",
	"referral.no-fit":             "Geen regeling past",
	"scale.flesch-douma":          "Flesch-Douma",
	"scale.flesch-reading-ease":   "Flesch Reading Ease",
	"goal.target-share":           "Aandeel in het doelkwadrant",
	"goal.no-early-jargon":        "Geen jargon vroeg in het gesprek",
	"goal.closing":                "Volledige afsluiting",
	"goal.no-threats":             "Geen dreigementen",
	"goal.arrangement-offered":    "Regeling aangeboden",
	"attention.target share fell": "aandeel in het doelkwadrant gedaald",
	"attention.escalations rose":  "meer escalaties",
	"attention.goal not met":      "doel niet gehaald",
	"goal_status.met":             "ja",
	"goal_status.not_met":         "nee",
	"goal_status.not_measurable":  "nog niet meetbaar: geen gesprekken sinds de start van het doel",
	"lang.nl":                     "Nederlands",
	"lang.en":                     "Engels",
	"role.agent":                  "medewerker",
	"role.trainer":                "trainer",
	"role.lead":                   "teamleider",
	"role.admin":                  "beheerder",
	"form_expired":                "Dit formulier was verlopen, dus er is niets opgeslagen of verstuurd. Ga terug naar het formulier, kopieer wat je hebt getypt, laad de pagina opnieuw, plak het terug en verstuur het nog eens.",
	"back_to_form":                "Terug naar het formulier",
	"error_detail":                "Technische melding (in het Engels)",
	"http.400":                    "Ongeldig verzoek",
	"http.401":                    "Niet ingelogd",
	"http.403":                    "Niet toegestaan",
	"http.404":                    "Niet gevonden",
	"http.409":                    "Conflict",
	"http.413":                    "Te groot",
	"http.415":                    "Onbekend formaat",
	"http.422":                    "Niet te analyseren",
	"http.429":                    "Te veel verzoeken",
	"http.500":                    "Interne fout",
	"http.503":                    "Niet bereikbaar",
	"error.invalid":               "Iets in wat je stuurde klopt niet.",
	"error.unauthorized":          "Log eerst in: je token is niet (meer) geldig.",
	"error.forbidden":             "Met jouw rol mag je dit niet doen.",
	"error.not_found":             "Dit bestaat niet, of je mag het niet zien.",
	"error.conflict":              "Dit is al gedaan, of het staat nu in een andere toestand.",
	"error.unsupported":           "Dit bestand of formaat kan niet gelezen worden.",
	"error.too_large":             "Dit is groter dan toegestaan.",
	"error.unprocessable":         "Dit kon niet geanalyseerd worden.",
	"error.unavailable":           "Een dienst die rooscoach nodig heeft is niet bereikbaar; probeer het later opnieuw.",
	"error.rate_limited":          "Te veel verzoeken; wacht even en probeer het opnieuw.",
	"error.internal":              "Er ging bij ons iets mis.",
	// Review form, published reviews and disputes (fix-review).
	"review_is_published":   "Je beoordeling van dit gesprek is gepubliceerd en kan niet meer veranderen. Hieronder staat ze zoals de medewerker ze leest.",
	"review_locked":         "Deze beoordeling is gepubliceerd en kan niet meer veranderen; er is niets opgeslagen. Laad het gesprek opnieuw om te zien hoe ze nu is.",
	"form_not_saved":        "De beoordeling is niet opgeslagen. Verbeter dit en verstuur haar opnieuw:",
	"disputes":              "Bezwaren",
	"dispute_about.label":   "over het label",
	"dispute_about.comment": "over het commentaar",
	"dispute_open":          "open",
	"dispute_resolved":      "afgehandeld",
	"agent_says":            "De medewerker zegt",
	"you_said":              "Jij zei",
	"trainer_answer":        "Antwoord van de trainer",
	"label_changed":         "label veranderd in",
	"resolution_note":       "Je antwoord (een korte toelichting voor de medewerker)",
	"resolve":               "Afhandelen",
	"done_resolved":         "Bezwaar afgehandeld: de medewerker kan je antwoord lezen.",
	"new_label":             "Je label vanaf nu",
	"keep_label":            "mijn label houden",
	// Who did what to a review: the trainer wrote it, the call's agent
	// acknowledged it (on a date).
	"reviewer": "Trainer",
	"on_date":  "op",
}
