package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
)

const eraseUsage = `Usage:
  rooscoach erase --account REF | --before DATE
  rooscoach erase --agent ID
  rooscoach retention TEAM DAYS       keep team TEAM's calls DAYS days (0: the default, ROOSCOACH_RETENTION)
  rooscoach retention TEAM            show how long team TEAM's calls are kept
  rooscoach redact TEAM on|off        store team TEAM's transcripts with personal data replaced

erase deletes every call that matches all the flags given, each with everything
derived from it in one transaction, and prints how many; the anonymous figures
progress counts stay. DATE is 2026-01-31 or an RFC 3339 time. The audit trail
records each erasure without naming the call, the account or the agent.

erase --agent erases the agent with everything that identifies them, in one
transaction: their calls, reviews, disputes, goals, tokens, imports, the
progress figures of their calls, the audit entries about them and the agent
itself; it prints what it erased. It takes no other flag. A live session the
agent has open on a running server is not reached from here: DELETE
/v1/agents/{id} on that server drops it too.
`

// runErase erases calls straight in the database, as an admin: a
// customer's request to be forgotten (--account), an agent who left
// (--agent), or a clean-up of everything before a date.
func runErase(ctx context.Context, args []string, env func(string) string, stdout, stderr io.Writer) error {
	var account, agent, before string
	cfg, rest, err := parseConfigWith("erase", args, env, stderr, func(fs *flag.FlagSet) {
		fs.StringVar(&account, "account", "", "erase the calls about this account (account_ref)")
		fs.StringVar(&agent, "agent", "", "erase the calls this agent made")
		fs.StringVar(&before, "before", "", "erase the calls that took place before this date (2026-01-31 or RFC 3339)")
		fs.Usage = func() { fmt.Fprint(stderr, eraseUsage) }
	})
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usageError{fmt.Sprintf("erase takes flags only, not %q", strings.Join(rest, " "))}
	}
	if agent != "" {
		if account != "" || before != "" {
			return usageError{"erase --agent erases the agent with everything about them and takes no other flag"}
		}
		return eraseAgent(ctx, cfg, agent, stdout, stderr)
	}
	f := assistant.EraseFilter{AccountRef: account, Reason: "erase command"}
	if before != "" {
		if f.Before, err = parseDate(before); err != nil {
			return usageError{err.Error()}
		}
	}
	if f.Empty() {
		fmt.Fprint(stderr, eraseUsage)
		return usageError{"erase needs --account, --agent or --before"}
	}
	db, err := openStore(ctx, cfg.DatabaseURL, cfg.logger(stderr))
	if err != nil {
		return err
	}
	defer db.Close()
	n, err := db.EraseCalls(ctx, assistant.CommandLine(), assistant.Scope{All: true}, f)
	fmt.Fprintf(stdout, "%d calls erased\n", n)
	if err != nil {
		return fmt.Errorf("erase: %w", err)
	}
	return nil
}

// eraseAgent erases agent id with everything about them, as an admin.
func eraseAgent(ctx context.Context, cfg *Config, id string, stdout, stderr io.Writer) error {
	db, err := openStore(ctx, cfg.DatabaseURL, cfg.logger(stderr))
	if err != nil {
		return err
	}
	defer db.Close()
	// A live session open on a serving instance is out of the command's
	// reach (sessions live in that instance's memory): DELETE
	// /v1/agents/{id} drops them too. The usage text says so.
	e, err := db.EraseAgent(ctx, assistant.CommandLine(), id)
	if err != nil {
		return fmt.Errorf("erase: %s", userMessage(err))
	}
	fmt.Fprintf(stdout, "agent %s erased: %d calls, %d reviews, %d disputes, %d goals, %d tokens, %d call_stats, %d imports, %d audit entries\n",
		id, e.Calls, e.Reviews, e.Disputes, e.Goals, e.Tokens, e.CallStats, e.Imports, e.AuditEntries)
	return nil
}

// runRetention sets a team's own retention period, or with the team alone
// prints it.
func runRetention(ctx context.Context, args []string, env func(string) string, stdout, stderr io.Writer) error {
	cfg, rest, err := parseConfigWith("retention", args, env, stderr, func(fs *flag.FlagSet) {
		fs.Usage = func() { fmt.Fprint(stderr, eraseUsage) }
	})
	if err != nil {
		return err
	}
	if len(rest) != 1 && len(rest) != 2 {
		return usageError{"retention takes a team and a number of days, such as: rooscoach retention team-noord 90 (the team alone shows its period)"}
	}
	days := -1
	if len(rest) == 2 {
		if days, err = strconv.Atoi(rest[1]); err != nil || days < 0 {
			return usageError{fmt.Sprintf("retention days %q: want a number of 0 or more", rest[1])}
		}
	}
	db, err := openStore(ctx, cfg.DatabaseURL, cfg.logger(stderr))
	if err != nil {
		return err
	}
	defer db.Close()
	if days < 0 {
		team, err := db.FindTeamByID(ctx, assistant.Scope{All: true}, rest[0])
		if err != nil {
			return fmt.Errorf("retention: %s", userMessage(err))
		}
		days = team.RetentionDays
	} else if err := db.SetTeamRetention(ctx, assistant.CommandLine(), rest[0], days); err != nil {
		return fmt.Errorf("retention: %s", userMessage(err))
	}
	if days == 0 {
		fmt.Fprintf(stdout, "team %s keeps calls as long as the default (ROOSCOACH_RETENTION)\n", rest[0])
	} else {
		fmt.Fprintf(stdout, "team %s keeps calls %d days\n", rest[0], days)
	}
	return nil
}

// runRedact sets whether a team stores its transcripts redacted.
func runRedact(ctx context.Context, args []string, env func(string) string, stdout, stderr io.Writer) error {
	cfg, rest, err := parseConfigWith("redact", args, env, stderr, func(fs *flag.FlagSet) {
		fs.Usage = func() { fmt.Fprint(stderr, eraseUsage) }
	})
	if err != nil {
		return err
	}
	if len(rest) != 2 || (rest[1] != "on" && rest[1] != "off") {
		return usageError{"redact takes a team and on or off, such as: rooscoach redact team-noord on"}
	}
	db, err := openStore(ctx, cfg.DatabaseURL, cfg.logger(stderr))
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.SetTeamRedaction(ctx, assistant.CommandLine(), rest[0], rest[1] == "on"); err != nil {
		return fmt.Errorf("redact: %s", userMessage(err))
	}
	fmt.Fprintf(stdout, "team %s stores transcripts redacted: %s\n", rest[0], rest[1])
	return nil
}

func parseDate(s string) (time.Time, error) {
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("date %q: want 2026-01-31 or an RFC 3339 time", s)
	}
	return t, nil
}

// parseRetention reads ROOSCOACH_RETENTION: days ("90d") or a Go duration
// ("2160h"); empty or "0" keeps calls for ever.
func parseRetention(s string) (time.Duration, error) {
	if s == "" || s == "0" {
		return 0, nil
	}
	if d, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.Atoi(d)
		if err == nil && n > 0 {
			return time.Duration(n) * 24 * time.Hour, nil
		}
		if err == nil {
			return 0, errRetentionNotAbove0(s)
		}
	} else if d, err := time.ParseDuration(s); err == nil {
		if d > 0 {
			return d, nil
		}
		return 0, errRetentionNotAbove0(s)
	}
	return 0, fmt.Errorf("ROOSCOACH_RETENTION %q: want a number of days such as 90d, or a duration such as 2160h", s)
}

// errRetentionNotAbove0 refuses a retention that reads but keeps nothing:
// erasing every call at once is never meant, and "0" already says "for
// ever".
func errRetentionNotAbove0(s string) error {
	return fmt.Errorf(`ROOSCOACH_RETENTION %q: the retention must be above 0, such as 90d or 2160h; "0" keeps calls for ever`, s)
}
