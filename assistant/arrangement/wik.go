package arrangement

// wikBrackets is the scale of the Besluit vergoeding voor buitengerechtelijke
// incassokosten: each bracket's upper bound on the principal in cents and its
// rate in tenths of a percent.
var wikBrackets = []struct {
	upTo     int64 // cents; the last bracket is unbounded
	perMille int64
}{
	{250_000, 150},   // 15% of the first € 2,500
	{500_000, 100},   // 10% of the next € 2,500
	{1_000_000, 50},  // 5% of the next € 5,000
	{20_000_000, 10}, // 1% of the next € 190,000
	{1 << 62, 5},     // 0.5% of the rest
}

// WIK limits in cents.
const (
	wikMin = 4_000   // € 40
	wikMax = 677_500 // € 6,775
	// wikMaxFrom is the principal at which the scale reaches its maximum:
	// € 2,775 on the first € 200,000 plus 0.5% of € 800,000.
	wikMaxFrom = 100_000_000 // € 1,000,000
)

// WIK returns the Dutch statutory extrajudicial collection costs (the "WIK
// staffel") on a principal, both in euro cents: 15% of the first € 2,500
// (at least € 40), 10% of the next € 2,500, 5% of the next € 5,000, 1% of the
// next € 190,000 and 0.5% of the rest, at most € 6,775. VAT is not included.
//
// The brackets are summed exactly in thousandths of a cent and rounded once,
// half a cent up, so that no bracket's rounding adds to another's. A principal
// of 0 or less owes no costs.
func WIK(principal int64) int64 {
	if principal <= 0 {
		return 0
	}
	if principal >= wikMaxFrom {
		return wikMax // and no multiplication can overflow
	}
	var milli, lower int64 // milli is in thousandths of a cent
	for _, b := range wikBrackets {
		if principal <= lower {
			break
		}
		part := min(principal, b.upTo) - lower
		milli += part * b.perMille
		lower = b.upTo
	}
	return min(max((milli+500)/1000, wikMin), wikMax)
}
