package phrasing

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rooscoach/rooscoach/assistant"
)

// These tests hold the engine to material the team did not write: the
// public plain-language word lists and the guides' own before/after
// examples (testdata/plainlanguage, sources and licences in its README).
// Run them with -v for the figures that BENCHMARKS.md quotes:
//
//	go test ./assistant/phrasing -run 'TestWordLists|TestGuidePairs' -v

// termKind reports whether a finding is about a word or phrase, not about
// the shape of the sentence.
func termKind(k assistant.FindingKind) bool {
	switch k {
	case assistant.FindingLongSentence, assistant.FindingPassiveVoice, assistant.FindingClosedQuestion:
		return false
	}
	return true
}

// neutral puts a word-list term in a sentence that holds nothing else to
// flag, as the baseline in testdata/plainlanguage/README.md did.
func neutral(lang assistant.Language, term string) (string, int, int) {
	term = strings.ReplaceAll(term, "...", "…")
	term = strings.ReplaceAll(term, " … ", " ")
	pre, post := "We wrote ", " in the letter."
	if lang == assistant.Dutch {
		pre, post = "Wij schrijven ", " in de brief."
	}
	start := utf8.RuneCountInString(pre)
	return pre + term + post, start, start + utf8.RuneCountInString(term)
}

// The issue asks that at least 80% of the terms of the public word lists be
// flagged in a neutral sentence, in both languages.
func TestWordLists(t *testing.T) {
	e := New()
	for _, lang := range assistant.Languages {
		t.Run(string(lang), func(t *testing.T) {
			paths, err := filepath.Glob(filepath.Join("..", "..", "testdata", "plainlanguage", "wordlists", string(lang), "*.tsv"))
			if err != nil || len(paths) == 0 {
				t.Fatalf("no word lists for %s: %v", lang, err)
			}
			total, flagged := 0, 0
			var missed []string
			for _, p := range paths {
				tf, err := readDataTSV(p)
				if err != nil {
					t.Fatal(err)
				}
				n, f := 0, 0
				for _, r := range tf.rows {
					term := r.fields[0]
					text, from, to := neutral(lang, term)
					ph, err := e.Phrase(context.Background(), assistant.Utterance{Text: text, Language: lang})
					if err != nil {
						t.Fatal(err)
					}
					checkRewrites(t, text, ph)
					hit := false
					for _, fd := range ph.Findings {
						if termKind(fd.Kind) && fd.Start < to && fd.End > from {
							hit = true
						}
					}
					n++
					if hit {
						f++
					} else {
						missed = append(missed, term)
					}
				}
				t.Logf("%-40s %3d of %3d flagged", filepath.Base(p), f, n)
				total += n
				flagged += f
			}
			share := float64(flagged) / float64(total)
			t.Logf("%s: %d of %d word-list terms flagged (%.1f%%); not flagged: %s", lang, flagged, total, 100*share, strings.Join(missed, "; "))
			if 100*share < wordListFloors[lang] {
				t.Errorf("%s: %.1f%% of the word-list terms flagged, want at least %.0f%% (target 80%%)", lang, 100*share, wordListFloors[lang])
			}
		})
	}
}

// On the guides' own before/after pairs the engine must find more in
// "before" than in "after", and its suggestion for "before" must read
// better than "before" (Flesch–Douma, Flesch reading ease).
func TestGuidePairs(t *testing.T) {
	e := New()
	for _, lang := range assistant.Languages {
		t.Run(string(lang), func(t *testing.T) {
			tf, err := readDataTSV(filepath.Join("..", "..", "testdata", "plainlanguage", "pairs", string(lang)+".tsv"))
			if err != nil {
				t.Fatal(err)
			}
			phrase := func(s string) assistant.Phrasing {
				p, err := e.Phrase(context.Background(), assistant.Utterance{Text: s, Language: lang})
				if err != nil {
					t.Fatal(err)
				}
				checkRewrites(t, s, p)
				return p
			}
			n, more, moreTerms, reads, afterClean, afterTermClean := 0, 0, 0, 0, 0, 0
			// afterReads counts the pairs whose own "after" reads higher
			// than "before": what the guides' writers reach by the same
			// score, the yardstick for the engine's "reads higher".
			afterReads := 0
			// Every third pair is held out: its misses are never listed, so
			// the engine was not fixed by looking at them, and its figures
			// show how the fixes carry to pairs nobody studied. The split
			// was fixed before any miss was analysed.
			hn, hmore, hreads := 0, 0, 0
			var notMore, notReads []string
			for i, r := range tf.rows {
				before, after := r.fields[0], r.fields[1]
				pb, pa := phrase(before), phrase(after)
				held := i%3 == 2
				n++
				if held {
					hn++
				}
				if len(pb.Findings) > len(pa.Findings) {
					more++
					if held {
						hmore++
					}
				} else if !held {
					notMore = append(notMore, before)
				}
				if countTerms(pb) > countTerms(pa) {
					moreTerms++
				}
				if len(pa.Findings) == 0 {
					afterClean++
				}
				if countTerms(pa) == 0 {
					afterTermClean++
				}
				if Score(after, lang).Score > pb.Readability.Score {
					afterReads++
				}
				if pb.Suggested != "" && Score(pb.Suggested, lang).Score > pb.Readability.Score {
					reads++
					if held {
						hreads++
					}
				} else if !held {
					notReads = append(notReads, before)
				}
			}
			pct := func(k int) float64 { return 100 * float64(k) / float64(n) }
			hpct := func(k int) float64 { return 100 * float64(k) / float64(hn) }
			t.Logf("%s: held-out pairs (every third, never inspected): %d; more findings before: %d (%.0f%%); suggestion reads higher: %d (%.0f%%)", lang, hn, hmore, hpct(hmore), hreads, hpct(hreads))
			t.Logf("%s: %d pairs; before has more findings than after: %d (%.0f%%), counting term findings only: %d (%.0f%%)", lang, n, more, pct(more), moreTerms, pct(moreTerms))
			t.Logf("%s: the suggestion for before reads higher than before: %d (%.0f%%); the guides' own after reads higher: %d (%.0f%%)", lang, reads, pct(reads), afterReads, pct(afterReads))
			t.Logf("%s: after gets no finding: %d (%.0f%%), no term finding: %d (%.0f%%)", lang, afterClean, pct(afterClean), afterTermClean, pct(afterTermClean))
			if testing.Verbose() {
				// Misses of the development pairs only (not the held-out third).
				for _, s := range notMore {
					t.Logf("not more: %.90s", s)
				}
				for _, s := range notReads {
					t.Logf("not higher: %.90s", s)
				}
			}
			// The target is 85% for both; these floors are what
			// the engine reaches today (BENCHMARKS.md), so that it does
			// not slip back while it is brought up to the target.
			floor := pairFloors[lang]
			if pct(more) < floor[0] {
				t.Errorf("%s: before has more findings than after in %.0f%% of pairs, want at least %.0f%% (target 85%%)", lang, pct(more), floor[0])
			}
			if pct(reads) < floor[1] {
				t.Errorf("%s: the suggestion reads higher than before in %.0f%% of pairs, want at least %.0f%% (target 85%%)", lang, pct(reads), floor[1])
			}
		})
	}
}

// wordListFloors are the shares of word-list terms below which
// TestWordLists fails: what the engine reaches today (BENCHMARKS.md), above
// the target of 80%, so that it does not slip back.
var wordListFloors = map[assistant.Language]float64{
	assistant.Dutch:   93,
	assistant.English: 86,
}

// pairFloors are the shares (more findings before, suggestion reads
// higher) below which TestGuidePairs fails.
var pairFloors = map[assistant.Language][2]float64{
	assistant.Dutch:   {86, 32},
	assistant.English: {79, 47},
}

func countTerms(p assistant.Phrasing) int {
	n := 0
	for _, f := range p.Findings {
		if termKind(f.Kind) {
			n++
		}
	}
	return n
}

// Every entry of the lexicon is found by the engine in its own example
// sentence, except the legal steps said in everyday words (plainword:
// flagged only in a threat) and stock phrases whose example follows them up
// with a question or an action, as a good agent does.
func TestLexiconExamplesFound(t *testing.T) {
	e := New()
	for _, lang := range assistant.Languages {
		entries, err := loadLexicon(lang)
		if err != nil {
			t.Fatal(err)
		}
		missed := 0
		for _, en := range entries {
			if en.plainword {
				continue
			}
			p, err := e.Phrase(context.Background(), assistant.Utterance{Text: en.example, Language: lang})
			if err != nil {
				t.Fatal(err)
			}
			checkRewrites(t, en.example, p)
			if countTerms(p) == 0 {
				missed++
				if en.finding == assistant.FindingStockPhrase {
					// Followed up in its example, as it should be.
					t.Logf("%s:%d: stock phrase %q followed up in %q", lang, en.line, en.forms[0], en.example)
					continue
				}
				t.Errorf("%s:%d: %q not found in its example %q", lang, en.line, en.forms[0], en.example)
			}
		}
		t.Logf("%s: %d of %d entries found in their example sentence", lang, len(entries)-missed, len(entries))
	}
}
