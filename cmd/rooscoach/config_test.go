package main

import (
	"io"
	"strings"
	"testing"
	"time"
)

// No form of DSN may put a password in the logs.
func TestRedacted(t *testing.T) {
	tests := []struct{ dsn, want string }{
		{"postgres://app:s3cret@db.internal:5432/rooscoach?sslmode=disable", "postgres db.internal:5432/rooscoach"},
		{"postgres://db.internal/rooscoach?password=s3cret", "postgres db.internal/rooscoach"},
		{"host=db.internal port=5432 user=app password=s3cret dbname=rooscoach", "postgres db.internal:5432/rooscoach"},
	}
	for _, tt := range tests {
		got := (&Config{DatabaseURL: tt.dsn}).Redacted()
		if got != tt.want || strings.Contains(got, "s3cret") {
			t.Errorf("Redacted(%q) = %q, want %q", tt.dsn, got, tt.want)
		}
	}
}

func TestOpsSettings(t *testing.T) {
	for in, want := range map[string]time.Duration{"": 0, "0": 0, "90d": 90 * 24 * time.Hour, "2160h": 2160 * time.Hour} {
		if got, err := parseRetention(in); err != nil || got != want {
			t.Errorf("parseRetention(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"90", "-3d", "soon", "0d"} {
		if _, err := parseRetention(bad); err == nil {
			t.Errorf("parseRetention(%q) took it", bad)
		}
	}
	// A retention of nothing or less is told what is wanted: more than
	// 0, or "0" to keep calls for ever.
	for _, bad := range []string{"0d", "-3d", "0h", "-5m"} {
		if _, err := parseRetention(bad); err == nil || !strings.Contains(err.Error(), "above 0") || !strings.Contains(err.Error(), `"0" keeps calls for ever`) {
			t.Errorf("parseRetention(%q) = %v, want it to say the retention must be above 0", bad, err)
		}
	}
	env := map[string]string{"ROOSCOACH_DB_MAX_CONNS": "8", "ROOSCOACH_DB_STATEMENT_TIMEOUT": "15s", "ROOSCOACH_RETENTION": "30d",
		"ROOSCOACH_METRICS_ADDR": "127.0.0.1:9090", "ROOSCOACH_REDACT_TRANSCRIPTS": "true"}
	cfg, err := parseConfig("serve", nil, func(k string) string { return env[k] }, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.DBMaxConns != 8 || cfg.StatementTimeout != 15*time.Second || cfg.Retention != 30*24*time.Hour || cfg.MetricsAddr != "127.0.0.1:9090" || !cfg.RedactTranscripts {
		t.Errorf("config from the environment: %+v", cfg)
	}
	for k, v := range map[string]string{"ROOSCOACH_DB_MAX_CONNS": "1", "ROOSCOACH_RETENTION": "a while", "ROOSCOACH_REDACT_TRANSCRIPTS": "ja"} {
		if _, err := parseConfig("serve", nil, func(name string) string {
			if name == k {
				return v
			}
			return ""
		}, io.Discard); err == nil || !strings.Contains(err.Error(), k) {
			t.Errorf("%s=%s: %v, want an error naming it", k, v, err)
		}
	}
}
