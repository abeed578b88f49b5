package phrasing

import "regexp"

// wordsEN is what the detectors look for in English; wordsNL must fill the
// same keyed groups (TestLexiconsInStep).
var wordsEN = &words{
	commands: []phraseGroup{
		{"to", []string{
			"you must", "you need to", "you have to", "you'll have to", "you will have to", "you are required to",
			"you're required to", "you've got to", "you got to", "you must now", "you'll need to", "you will need to",
			// An adverb beside the modal hides no command.
			"you still have to", "you still need to", "you still must", "you really must", "you really need to",
			"you really have to", "you also need to", "you also have to", "you now need to", "you now have to",
		}},
		{"imperative", []string{
			"pay", "send", "call", "make", "transfer", "contact", "settle", "clear", "fill", "sign", "ring", "submit",
			"provide", "get", "please pay", "please send", "please call", "please make",
		}},
	},
	threats: []phraseGroup{
		{"bailiff", []string{"bailiff", "bailiffs", "the bailiffs", "enforcement agent", "enforcement agents"}},
		{"court", []string{
			"court", "to court", "legal action", "legal proceedings", "court action", "our solicitors", "solicitors",
			"solicitor", "ccj", "county court judgment", "take you to court", "sue", "sue you", "lawyers", "our lawyers",
		}},
		{"seizure", []string{
			"attachment of earnings", "an attachment of earnings", "garnish", "garnishment", "garnish your wages",
			"your wages", "seize", "repossess", "repossession",
		}},
		{"costs", []string{
			"extra charges", "additional charges", "further charges", "more charges", "fees", "late fees",
			"collection costs", "more interest",
		}},
		{"credit", []string{"credit rating", "credit file", "credit score", "credit record", "your credit rating"}},
		{"cutoff", []string{"cut off", "disconnect", "disconnected", "disconnection"}},
		{"agency", []string{"debt collection agency", "collection agency", "debt collectors", "a debt collector"}},
		{"eviction", []string{"evict", "evicted", "eviction"}},
	},
	threatMarkers: []string{
		"or", "or else", "otherwise", "if you don't", "if you do not", "if you can't", "if you cannot", "if you fail to",
		"unless", "unless you", "if payment is not", "if we don't receive", "if we do not receive",
		"we will", "we'll", "we are going to", "we're going to", "we shall", "i will", "i'll", "we have no choice",
		"will be", "we may", "we can", "this will", "we will have no choice", "no choice but to", "will go to",
		"goes to", "will be passed", "will be referred", "will be sent to",
		// What will happen to the customer, in the words agents use:
		// "you'll hear from the bailiffs", "the bailiffs will be in
		// touch", "it's off to court".
		"you will", "you'll", "you're going to", "you are going to", "will", "going to", "it'll", "they'll",
		"we have to", "we need to", "we must", "i have to", "off to", "at your door", "to your door", "to your home",
		"on your doorstep", "next step", "eventually", "in the end",
	},
	threatOpeners: []string{"then"},
	threatAsked:   []string{"otherwise", "or else", "do you want", "would you rather", "or do you want", "do you really want"},
	threatOwn: []string{
		"we", "we'll", "we're", "i", "i'll", "i'm", "no choice", "you'll hear", "you will hear", "hear from",
		"at your door", "on your doorstep", "last",
	},
	consequenceAsked: []string{
		"what happens", "what will happen", "what would happen", "what are the consequences", "what if", "and then",
		"what then", "what comes next",
	},
	threatNeutral:  []string{"avoid", "prevent", "explain", "explained", "tell you about", "tell you what"},
	threatMaybe:    []string{"may", "might", "could", "can", "possibly"},
	ultimatums:     []string{"last chance", "your last chance", "final warning", "final chance", "today or", "immediately", "right now", "within 24 hours", "no later than today"},
	ultimatumLinks: []string{"or", "or else", "otherwise"},
	lastChance:     []string{"last", "final"},
	orConsequence:  []string{"we", "we'll", "i'll", "your", "this", "it", "else", "you'll", "there"},
	followUp: []string{
		"i'll", "i will", "let me", "let's", "we can", "together", "shall we", "i'm going to", "we'll",
		"i am going to", "i'd like to help", "we could",
	},
	emotion: []string{
		"angry", "furious", "upset", "scared", "frightened", "afraid", "ashamed", "embarrassed", "worried", "worrying",
		"stressed", "stress", "panicking", "desperate", "frustrated", "fed up", "in tears", "crying", "anxious", "overwhelmed",
	},
	ack: []string{
		"sorry for your loss", "sorry to hear", "i'm so sorry", "i am so sorry", "that sounds", "thank you for telling me",
		"thanks for telling me", "i can hear", "i can see that", "i understand that this", "that must be", "that must have been",
		"so what you're saying", "if i understand you", "you're saying", "good question", "that's a fair question",
		"that's a good question", "take your time", "there's no need to pay it all", "that's so sad", "that's really sad",
		"that is so sad", "that's very sad", "that's a big change", "that is a big change",
	},
	empathy: []string{"frustration", "unfortunate", "shame"},
	otherPerson: []string{
		"he", "she", "his", "her", "husband", "wife", "partner", "son", "daughter", "mum", "mom", "mother", "dad",
		"father", "brother", "sister", "child", "kid", "kids", "children", "boyfriend", "girlfriend", "friend",
	},
	hedge: []string{"might", "could", "facing", "afraid", "scared", "worried", "fear", "if", "perhaps", "maybe", "risk"},
	payment: []string{
		"pay", "pays", "paying", "paid", "payment", "payments", "repay", "repayment", "settle", "cleared", "afford",
		"balance", "debt", "debts", "arrears", "amount", "owe", "owed", "owing", "instalment", "instalments",
		"installment", "installments",
	},
	relief: []string{
		"hold", "pause", "paused", "break", "freeze", "frozen", "breathing", "stop", "delay", "postpone", "later", "rush", "hurry",
	},
	opposed: []string{
		"ridiculous", "outrageous", "i'm not paying", "i am not paying", "i won't pay", "this is a scam", "scam",
		"leave me alone", "stop calling me", "i refuse", "disgrace", "joke",
	},

	conditional: []string{
		"if", "when", "whether", "unless", "do", "don't", "that",
		"know", "think", "understand", "see", "hear", "realise", "realize", "appreciate", "guess", "feel",
	},
	relative:           []string{"which", "who", "whom", "whose", "whereby", "wherein", "whereupon"},
	conditionalOpeners: []string{"if", "should", "when", "in", "once"},
	contactVerbs:       []string{"call", "phone", "ring", "contact", "email", "e-mail", "text", "let"},
	dropConj:           []string{"so", "and", "but", "then", "therefore", "now", "basically", "ok", "okay", "well", "right"},
	pressure:           []string{"really", "just", "simply", "definitely", "absolutely", "still"},
	pay:                []string{"pay", "transfer", "settle", "clear", "repay"},
	filler:             []string{"by", "before", "on", "until", "from", "then", "already", "still"},

	closedQuestions: []closedRule{
		{re: regexp.MustCompile(`^(?:so |and |ok,? |okay,? )?(?:can|could|will|would) you (?:afford to |manage to )?(?:pay|afford)(.*?)\?$|^are you (?:able|going) to (?:pay|afford)(.*?)\?$`), variant: "pay", clause: 1},
		{re: regexp.MustCompile(`^do you understand(?: that| me| what i mean)?\?$|^is that clear\?$|^does that make sense\?$`), variant: "understand"},
		{re: regexp.MustCompile(`^(?:is that|are you) (?:ok|okay|alright|all right|fine|happy with that|ok with that|okay with that)(?: with you| for you)?\?$|^do you agree(?: with that)?\?$|^(?:agreed|deal|ok|okay)\?$`), variant: "agree"},
		{re: regexp.MustCompile(`^(?:will|would|does|can) (?:that|this) work(?: for you)?\?$|^can you do that\?$|^will you be able to do that\?$`), variant: "manage"},
		{re: regexp.MustCompile(`^(?:do you want|would you like) (?:to set up |to arrange |to make |to have )?((?:a|the) (?:payment plan|payment arrangement|plan|repayment plan)(?: .*)?)\?$`), variant: "offer", clause: 1},
	},
	sentenceCuts: []sentenceCut{{", and ", "", nextMain}, {", but ", "But ", nextMain}, {", so ", "So ", nextMain}, {"; ", "", nextMain}, {", which ", "This ", nextVerb}, {", because ", "This is because ", nextClause}, {" and ", "", nextPronoun}, {" but ", "But ", nextPronoun}},
	and:          " and ",

	closingNextStep: []string{
		"i'll send", "i will send", "we'll send", "we will send", "you'll receive", "you will receive", "you'll get",
		"next payment", "first payment", "we agreed", "we've agreed",
		"i'll email", "i will email", "your first payment",
	},
	closingAction: []string{
		"i'll set up", "i've set up", "i'll note", "i've noted", "i'll put", "i'll make sure", "i'll arrange",
		"i'll update", "i'll log", "i'll process",
	},
	closingCustomerPart: []string{
		"you'll pay", "you will pay", "you pay", "your first payment", "the first payment", "you'll call", "you will call",
	},
	closingPromise: []string{
		"i'll call", "i will call", "we'll call", "we will call", "call you back", "i'll ring", "ring you back",
		"i'll check", "i will check", "i'll look into", "i'll find out", "get back to you", "i'll let you know",
		"we'll let you know", "i'll contact you", "i'll phone",
	},
	closingWhen: []string{
		"today", "tomorrow", "tonight", "this morning", "this afternoon", "this evening", "before noon", "by noon",
		"noon", "midday", "o'clock", "within a", "within an", "within the hour", "within the next", "within two",
		"within three", "within five", "within 24", "within 48", "by the end of", "end of the day", "monday", "tuesday",
		"wednesday", "thursday", "friday", "saturday", "sunday", "next week", "working day", "working days",
	},
	closingSummary: []string{
		"so to sum up", "to sum up", "just to confirm", "to confirm", "so we've agreed", "so we agreed", "to recap",
		"in summary", "so you'll pay", "let me recap", "just to be clear", "so just to recap", "summing up",
	},
	closingWarm: []string{
		// A wish or thanks; a bare goodbye ("bye", "goodbye") is a
		// farewell, warm in neither language.
		"thanks", "thank you", "take care", "have a good day", "have a nice day", "have a great day",
		"have a good", "have a nice", "have a lovely", "enjoy the rest of", "all the best", "good luck",
		"look after yourself", "glad we could", "glad you",
	},
	farewell: []string{"bye", "goodbye", "bye bye", "bye then", "bye for now", "cheerio", "see you", "so long"},
}
