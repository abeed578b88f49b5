//go:build loadtest

package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coder/websocket"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/api"
	"github.com/rooscoach/rooscoach/assistant/session"
)

// TestLiveLoad is the load run of live sessions (make loadtest-live; not
// part of make test): LIVE_SESSIONS sessions (200) on one real server over
// loopback, each opened and followed with its agent's own token, each sending one final utterance a second, after two partial
// ones, for LIVE_DURATION (30s). It reports the time from sending a final
// utterance to receiving its tip (agent turns) or its stance (customer
// turns), checks that no event was dropped (every socket saw every
// sequence number, every final its events), and the heap per open session.
func TestLiveLoad(t *testing.T) {
	n := envInt(t, "LIVE_SESSIONS", 200)
	dur, err := time.ParseDuration(cmpOr(os.Getenv("LIVE_DURATION"), "30s"))
	if err != nil {
		t.Fatal(err)
	}
	e := newEnv(t, api.Config{Live: session.Config{MaxSessions: n + 10, IdleTimeout: time.Hour}})
	scripts := map[assistant.Language][]assistant.Turn{}
	for _, lang := range assistant.Languages {
		scripts[lang] = liveScript(t, lang)
	}

	ids := make([]string, n)
	type result struct {
		tip, stance []time.Duration
		finals      int
		missing     []string
	}
	results := make([]result, n)
	var wg sync.WaitGroup
	start := time.Now()
	for i := range n {
		wg.Go(func() {
			lang := assistant.Languages[i%len(assistant.Languages)]
			script := scripts[lang]
			// Each agent with their own token, as in production: the socket
			// is authenticated once, before the upgrade.
			token := e.tokenFor(assistant.Token{Name: fmt.Sprintf("load agent %d", i), Role: assistant.RoleAgent, AgentID: fmt.Sprintf("agent-%d", i)})
			sess := e.openSessionAs(token, fmt.Sprintf(`{"language": %q}`, lang))
			ids[i] = sess.ID
			conn, _, err := e.dialWith(sess.Links.WebSocket, bearerHeader(token))
			if err != nil {
				t.Errorf("session %d: %v", i, err)
				return
			}
			defer conn.CloseNow()
			var mu sync.Mutex
			sent := map[int]time.Time{}
			got := map[string]time.Duration{}
			lastSeq, gaps := 0, 0
			readDone := make(chan struct{})
			go func() {
				defer close(readDone)
				for {
					_, data, err := conn.Read(context.Background())
					if err != nil {
						return
					}
					at := time.Now()
					var ev session.Event
					if err := json.Unmarshal(data, &ev); err != nil {
						t.Error(err)
						return
					}
					mu.Lock()
					if ev.Seq != lastSeq+1 && ev.Type != assistant.EventError {
						gaps++
					}
					if ev.Type != assistant.EventError {
						lastSeq = ev.Seq
					}
					key := fmt.Sprint(ev.Turn, ev.Type)
					if _, ok := got[key]; !ok && !sent[ev.Turn].IsZero() {
						got[key] = at.Sub(sent[ev.Turn])
					}
					mu.Unlock()
				}
			}()
			// Sessions start spread over the first second, as calls do.
			time.Sleep(time.Duration(rand.Int64N(int64(time.Second))))
			send := func(u session.Utterance) {
				data, _ := json.Marshal(u)
				ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
				defer cancel()
				if err := conn.Write(ctx, websocket.MessageText, data); err != nil {
					t.Errorf("session %d: write: %v", i, err)
				}
			}
			tick := time.NewTicker(time.Second)
			defer tick.Stop()
			k := 0
			for time.Since(start) < dur {
				turn := script[k%len(script)]
				words := strings.Fields(turn.Text)
				send(session.Utterance{Speaker: turn.Speaker, Text: strings.Join(words[:len(words)/3], " ")})
				time.Sleep(200 * time.Millisecond)
				send(session.Utterance{Speaker: turn.Speaker, Text: strings.Join(words[:2*len(words)/3], " ")})
				time.Sleep(200 * time.Millisecond)
				mu.Lock()
				sent[k] = time.Now()
				mu.Unlock()
				send(session.Utterance{Speaker: turn.Speaker, Text: turn.Text, Final: true})
				k++
				<-tick.C
			}
			time.Sleep(500 * time.Millisecond)
			var st session.State
			e.do("GET", "/v1/sessions/"+sess.ID, "", nil, &st)
			mu.Lock()
			defer mu.Unlock()
			r := &results[i]
			r.finals = k
			if gaps > 0 || lastSeq != len(st.Events) {
				r.missing = append(r.missing, fmt.Sprintf("session %d: %d gaps, last event %d of %d", i, gaps, lastSeq, len(st.Events)))
			}
			for turn := range k {
				want := assistant.EventStance
				if script[turn%len(script)].Speaker == assistant.Agent {
					want = assistant.EventTip
				}
				d, ok := got[fmt.Sprint(turn, want)]
				if !ok {
					r.missing = append(r.missing, fmt.Sprintf("session %d turn %d: no %s", i, turn, want))
					continue
				}
				if want == assistant.EventTip {
					r.tip = append(r.tip, d)
				} else {
					r.stance = append(r.stance, d)
				}
			}
		})
	}
	wg.Wait()

	// The heap a session holds: with every session open (sockets closed),
	// and again once all are ended and stored, when a session keeps only
	// what answers a late request.
	var open, ended runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&open)
	for _, id := range ids {
		if id != "" {
			e.do("POST", "/v1/sessions/"+id+"/end", "", nil, nil)
		}
	}
	runtime.GC()
	runtime.ReadMemStats(&ended)
	var tips, stances []time.Duration
	finals := 0
	for _, r := range results {
		tips, stances = append(tips, r.tip...), append(stances, r.stance...)
		finals += r.finals
		for _, m := range r.missing {
			t.Error(m)
		}
	}
	t.Logf("%d sessions, %s, %d final utterances (and twice as many partials), GOMAXPROCS %d", n, dur, finals, runtime.GOMAXPROCS(0))
	t.Logf("final utterance → tip    (%5d agent turns):    %s", len(tips), percentiles(tips))
	t.Logf("final utterance → stance (%5d customer turns): %s", len(stances), percentiles(stances))
	t.Logf("heap of %d open sessions of ~%d turns each, their sockets closed: %.1f KiB per session",
		n, finals/max(n, 1), float64(int64(open.HeapAlloc)-int64(ended.HeapAlloc))/float64(n)/1024)
	if len(tips) > 0 {
		slices.Sort(tips)
		if p99 := tips[len(tips)*99/100]; p99 >= 5*time.Millisecond {
			t.Logf("p99 %s is over the 5 ms target", p99)
		}
	}
}

func percentiles(ds []time.Duration) string {
	if len(ds) == 0 {
		return "none"
	}
	slices.Sort(ds)
	at := func(p int) time.Duration { return ds[min(len(ds)-1, len(ds)*p/100)].Round(10 * time.Microsecond) }
	return fmt.Sprintf("p50 %s  p90 %s  p99 %s  max %s", at(50), at(90), at(99), ds[len(ds)-1].Round(10*time.Microsecond))
}

func envInt(t *testing.T, name string, def int) int {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		t.Fatalf("%s=%q: want a positive number", name, v)
	}
	return n
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
