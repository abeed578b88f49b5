package main

import (
	"strings"
	"testing"
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
