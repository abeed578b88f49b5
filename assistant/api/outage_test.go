package api_test

import (
	"io"
	"net"
	"net/http"
	"net/url"
	"sync"
	"testing"

	"github.com/rooscoach/rooscoach/assistant"
	"github.com/rooscoach/rooscoach/assistant/api"
	"github.com/rooscoach/rooscoach/store/storetest"
)

// proxy is a TCP relay in front of the real Postgres that a test can cut and
// restore, to see the service survive an outage of its database.
type proxy struct {
	t      testing.TB
	addr   string
	target string
	mu     sync.Mutex
	ln     net.Listener
	conns  []net.Conn
}

func newProxy(t testing.TB, target string) *proxy {
	p := &proxy{t: t, addr: "127.0.0.1:0", target: target}
	p.start()
	t.Cleanup(p.stop)
	return p
}

func (p *proxy) start() {
	ln, err := net.Listen("tcp", p.addr)
	if err != nil {
		p.t.Fatalf("proxy listen: %v", err)
	}
	p.mu.Lock()
	p.ln, p.addr = ln, ln.Addr().String()
	p.mu.Unlock()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			up, err := net.Dial("tcp", p.target)
			if err != nil {
				c.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, c, up)
			p.mu.Unlock()
			go func() { io.Copy(up, c); up.Close() }()
			go func() { io.Copy(c, up); c.Close() }()
		}
	}()
}

// stop refuses new connections and cuts the open ones, as a crashed
// database would.
func (p *proxy) stop() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ln != nil {
		p.ln.Close()
		p.ln = nil
	}
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}

func TestPostgresOutage(t *testing.T) {
	dsn := storetest.NewDSN(t)
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	px := newProxy(t, u.Host)
	u.Host = px.addr
	e := newEnvDSN(t, u.String(), api.Config{})
	body := sample(t, "en-arrears.txt")

	if res := e.do("POST", "/v1/calls?agent_id=a&external_id=before", "text/plain", body, nil); res.StatusCode != http.StatusCreated {
		t.Fatalf("before the outage: status %d", res.StatusCode)
	}

	px.stop()
	var p api.Problem
	if res := e.do("POST", "/v1/calls?agent_id=a&external_id=during", "text/plain", body, &p); res.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("POST during the outage: status %d (%+v), want 503", res.StatusCode, p)
	}
	if p.Code != assistant.EUnavailable {
		t.Errorf("problem code %q, want %q", p.Code, assistant.EUnavailable)
	}
	if res := e.do("GET", "/readyz", "", nil, nil); res.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("readyz during the outage: %d, want 503", res.StatusCode)
	}
	if res := e.do("GET", "/healthz", "", nil, nil); res.StatusCode != http.StatusOK {
		t.Errorf("healthz during the outage: %d, want 200 (the process is up)", res.StatusCode)
	}
	// Analysis needs no database and keeps working.
	if res := e.do("POST", "/v1/analyze", "text/plain", body, nil); res.StatusCode != http.StatusOK {
		t.Errorf("analyze during the outage: %d, want 200", res.StatusCode)
	}

	px.start()
	var c assistant.Call
	if res := e.do("POST", "/v1/calls?agent_id=a&external_id=after", "text/plain", body, &c); res.StatusCode != http.StatusCreated {
		t.Fatalf("after recovery: status %d, want 201", res.StatusCode)
	}
	if res := e.do("GET", "/readyz", "", nil, nil); res.StatusCode != http.StatusOK {
		t.Errorf("readyz after recovery: %d", res.StatusCode)
	}
	if n := e.count("calls"); n != 2 {
		t.Errorf("%d calls stored, want 2 (before and after)", n)
	}
}
