package arrangement

// Amounts people remember (docs/domain/arrangements.md §8, a house rule):
// whole units below 20, fives up to 100, tens up to 500, then 25s. "€ 35",
// not "€ 31,97"; the last payment absorbs the remainder.

// steps are the round steps in minor units, coarsest first.
var steps = []int64{2500, 1000, 500, 100}

// roundStep returns the step an amount of v minor units is rounded to.
func roundStep(v int64) int64 {
	switch {
	case v < 2000:
		return 100
	case v < 10000:
		return 500
	case v < 50000:
		return 1000
	}
	return 2500
}

// roundDown rounds a limit down to its step, so that the result never asks
// more than the limit. An amount below one unit stays exact, with step 0.
func roundDown(v int64) (amount, step int64) {
	s := roundStep(v)
	if r := v / s * s; r > 0 {
		return r, s
	}
	return v, 0
}

// roundUpWithin rounds a term-driven amount x up, which shortens the term,
// as long as the result stays within limit (any result does when bounded is
// false). When the amount's own step would pass the limit, a finer step is
// tried; when even whole units pass it, x stays exact with step 0, since
// rounding down would not clear the debt within the term.
func roundUpWithin(x, limit int64, bounded bool) (amount, step int64) {
	own := roundStep(x)
	for _, s := range steps {
		if s > own {
			continue
		}
		r := (x + s - 1) / s * s
		if !bounded || r <= limit {
			return r, s
		}
	}
	return x, 0
}

// wholeUpWithin rounds x up to whole units (euros, pounds, dollars), the
// way stepped plans and plans without their costs name their payments: the
// term gets no longer and the last payment takes what is left. x stays
// exact, with step 0, when it already pays all of total or when whole
// units would pass limit (any result fits when bounded is false).
func wholeUpWithin(x, total, limit int64, bounded bool) (amount, step int64) {
	if x >= total {
		return x, 0
	}
	r := (x + 99) / 100 * 100
	if bounded && r > limit {
		return x, 0
	}
	return r, 100
}
