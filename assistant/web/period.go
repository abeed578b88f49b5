package web

import (
	"cmp"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/rooscoach/rooscoach/assistant"
)

// periodView is the period a progress page shows as its query gave it:
// from, to and bucket as GET /v1/…/progress takes them, kept in the
// page's period form and in its links, so that following a link does not
// fall back to the last twelve weeks.
type periodView struct {
	From, To, Bucket string
}

// Buckets are the buckets the form offers: those the progress API takes.
func (periodView) Buckets() []assistant.Bucket {
	return []assistant.Bucket{assistant.BucketDay, assistant.BucketWeek, assistant.BucketMonth}
}

// Date is v as a date input shows it: its date part, since a date input
// empties a value that is not a plain date.
func (p periodView) Date(v string) string {
	if len(v) > len(time.DateOnly) {
		return v[:len(time.DateOnly)]
	}
	return v
}

// Link is path with query params (name, value pairs) and the period.
func (p periodView) Link(path string, params ...string) string {
	q := url.Values{}
	for i := 0; i+1 < len(params); i += 2 {
		q.Set(params[i], params[i+1])
	}
	for k, v := range map[string]string{"from": p.From, "to": p.To, "bucket": p.Bucket} {
		if v != "" {
			q.Set(k, v)
		}
	}
	if len(q) == 0 {
		return path
	}
	return path + "?" + q.Encode()
}

// progressPeriod reads the period of a progress page from its query.
// A value it cannot read is refused with 400 and a page naming the field
// and the value in the page's language, not ignored: a mistyped link
// would otherwise show the last twelve weeks as if they were asked for.
func progressPeriod(c echo.Context, back string) (assistant.ProgressFilter, periodView, error) {
	v := periodView{From: c.QueryParam("from"), To: c.QueryParam("to"), Bucket: c.QueryParam("bucket")}
	if b := assistant.Bucket(v.Bucket); v.Bucket != "" && !b.Valid() {
		return assistant.ProgressFilter{}, v, &pageError{Status: http.StatusBadRequest, Key: "bad_filter", Back: back, Args: func(lang assistant.Language) []any {
			t := text(lang)
			names := make([]string, len(v.Buckets()))
			for i, b := range v.Buckets() {
				names[i] = string(b) + " (" + label(t, "bucket", b) + ")"
			}
			return []any{"bucket", v.Bucket, strings.Join(names, ", ")}
		}}
	}
	for _, f := range []struct{ name, value string }{{"from", v.From}, {"to", v.To}} {
		if f.value == "" {
			continue
		}
		if _, err := assistant.ParseMoment(f.name, f.value); err != nil {
			return assistant.ProgressFilter{}, v, &pageError{Status: http.StatusBadRequest, Err: err, Back: back}
		}
	}
	now := time.Now()
	f, err := assistant.NewProgressFilter(v.From, v.To, v.Bucket, now)
	if err != nil {
		// Each value reads; together they make no period that can be
		// shown: one that ends before it starts, lies before the first
		// calls, or holds too many buckets.
		return f, v, &pageError{Status: http.StatusBadRequest, Key: "period_refused", Err: err, Back: back, Args: func(assistant.Language) []any {
			return []any{cmp.Or(v.From, "-"), cmp.Or(v.To, assistant.DateOf(now).Format(time.DateOnly)), cmp.Or(v.Bucket, string(assistant.BucketWeek))}
		}}
	}
	return f, v, nil
}
