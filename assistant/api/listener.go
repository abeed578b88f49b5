package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"strconv"
)

// problemListener gives net/http's own error answers the problem+json shape
// of every other answer. The server writes those (431 for headers over its
// limit, 400 for a request it cannot parse) straight to the connection,
// before any handler or middleware runs, as a fixed text/plain reply; the
// connection is the only place left to reshape them.
type problemListener struct{ net.Listener }

// Accept wraps each connection so that its canned error replies are
// rewritten.
func (l problemListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &problemConn{Conn: c}, nil
}

type problemConn struct{ net.Conn }

// cannedTail is how net/http ends the headers of its own error replies. Our
// answers always carry a Date header and never this exact pair, so a write
// that holds it is one of those replies.
var cannedTail = []byte("\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n")

func (c *problemConn) Write(p []byte) (int, error) {
	if !bytes.HasPrefix(p, []byte("HTTP/1.1 4")) && !bytes.HasPrefix(p, []byte("HTTP/1.1 5")) {
		return c.Conn.Write(p)
	}
	i := bytes.Index(p, cannedTail)
	if i < 0 || bytes.Contains(p[:i], []byte("\r\nDate:")) {
		return c.Conn.Write(p)
	}
	status, err := strconv.Atoi(string(p[len("HTTP/1.1 ") : len("HTTP/1.1 ")+3]))
	if err != nil {
		return c.Conn.Write(p)
	}
	detail := string(bytes.TrimSpace(p[i+len(cannedTail):]))
	switch status {
	case http.StatusRequestHeaderFieldsTooLarge:
		detail = "The request's headers are larger than the server accepts; send fewer or shorter headers."
	case http.StatusBadRequest:
		detail = "The request could not be read as HTTP: " + detail + "."
	}
	code := codeOfStatus(status)
	body, _ := json.Marshal(Problem{Type: "urn:rooscoach:problem:" + code, Title: http.StatusText(status),
		Status: status, Detail: detail, Code: code})
	reply := fmt.Sprintf("HTTP/1.1 %d %s\r\nContent-Type: application/problem+json\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s",
		status, http.StatusText(status), len(body), body)
	if _, err := c.Conn.Write([]byte(reply)); err != nil {
		return 0, err
	}
	// The caller wrote p; say so, or it would retry the rest.
	return len(p), nil
}
