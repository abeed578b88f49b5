package language

import "github.com/rooscoach/rooscoach/assistant"

// debtHelp names the free debt help of each language's country: who an
// agent refers a customer to, and whom a customer says they already see.
// The arrangement engine (a referral as the call's outcome), the
// vulnerability lexicon (a debt adviser as a circumstance) and the stance
// lexicon (pointing to help as helping) all read these names, so that a name
// added here is known to all three at once.
//
// Names are plain phrases, lower case, without wildcards, so that each
// engine writes them in its own pattern syntax. Where speech-to-text and
// chat split or join a name ("money helper", "step change"), both forms are
// listed.
var debtHelp = map[assistant.Language][]string{
	// Netherlands. The municipality offers free schuldhulpverlening (Wet
	// gemeentelijke schuldhulpverlening, Wgs art. 2; shared/domain
	// README, "Debt help"), and the referral names the customer's
	// gemeente: "uw gemeente", "de gemeente". Those who work with it or
	// lead to it: the wijkteam, the municipality's front door for money
	// trouble; budgetcoach; SchuldHulpMaatje, volunteers who accompany a
	// debtor to that help; Het Juridisch Loket, free legal advice from the
	// state (docs/domain/arrangements.md cites its beslagvrije-voet
	// example); Geldfit.nl, where one can start anonymously (the nl
	// compliance pack's referral text).
	assistant.Dutch: {
		"schuldhulpverlening", "schuldhulp", "schuldhulpmaatje", "schuldadvies",
		"uw gemeente", "de gemeente",
		"wijkteam", "budgetcoach", "juridisch loket", "geldfit",
	},
	// United Kingdom. The free debt advice services shared/domain README
	// names (MoneyHelper, StepChange, National Debtline, Citizens Advice),
	// the Breathing Space scheme only a debt adviser can start (Debt
	// Respite Scheme, 2021), and the generic words for that advice, as FCA
	// CONC 7.3 asks firms to point customers to "free and independent debt
	// advice": a debt adviser, often at a debt charity.
	assistant.English: {
		"moneyhelper", "money helper", "stepchange", "step change", "national debtline", "citizens advice",
		"breathing space", "debt advice", "debt adviser", "debt advisor", "debt help", "debt charity",
	},
}

// DebtHelp returns the names of free debt help in lang, as plain lower-case
// phrases; nil for a language without any. The caller owns the slice.
func DebtHelp(lang assistant.Language) []string {
	return append([]string(nil), debtHelp[lang]...)
}
