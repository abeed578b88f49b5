package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
)

const tokenUsage = `Usage:
  rooscoach token create --role ROLE --name NAME [--team TEAM]... [--agent AGENT_ID]
  rooscoach token list
  rooscoach token revoke ID

create prints the new token on standard output, the only time it is shown.
Roles: agent (--agent, their id in the dialler), trainer (one or more --team),
lead (one --team), admin. Whoever can reach the database acts as an admin here.
`

// teamFlags collects a repeated --team.
type teamFlags []string

func (t *teamFlags) String() string { return strings.Join(*t, ",") }

func (t *teamFlags) Set(v string) error {
	*t = append(*t, v)
	return nil
}

// runToken makes, lists and revokes API tokens, straight in the database:
// how the first tokens of an installation are made, and how an admin who
// lost theirs gets back in.
func runToken(ctx context.Context, args []string, env func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, tokenUsage)
		return usageError{"token needs a command: create, list or revoke"}
	}
	switch args[0] {
	case "create":
		return runTokenCreate(ctx, args[1:], env, stdout, stderr)
	case "list":
		return runTokenList(ctx, args[1:], env, stdout, stderr)
	case "revoke":
		return runTokenRevoke(ctx, args[1:], env, stdout, stderr)
	case "-h", "--help", "help":
		fmt.Fprint(stdout, tokenUsage)
		return nil
	}
	fmt.Fprint(stderr, tokenUsage)
	return usageError{fmt.Sprintf("unknown token command %q: want create, list or revoke", args[0])}
}

func runTokenCreate(ctx context.Context, args []string, env func(string) string, stdout, stderr io.Writer) error {
	var role, name, agent string
	var teams teamFlags
	cfg, rest, err := parseConfigWith("token create", args, env, stderr, func(fs *flag.FlagSet) {
		fs.StringVar(&role, "role", "", "agent, trainer, lead or admin")
		fs.StringVar(&name, "name", "", "whose token it is, such as the person's name")
		fs.Var(&teams, "team", "a team of a trainer (repeat for more) or the team of a lead")
		fs.StringVar(&agent, "agent", "", "for an agent token: the agent's id in the dialler or platform")
	})
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usageError{fmt.Sprintf("token create takes flags only, not %q; quote a name with spaces", strings.Join(rest, " "))}
	}
	db, err := openStore(ctx, cfg.DatabaseURL, cfg.logger(stderr))
	if err != nil {
		return err
	}
	defer db.Close()
	t := &assistant.Token{Name: name, Role: assistant.Role(role), AgentID: agent, TeamIDs: teams}
	token, err := db.CreateToken(ctx, assistant.CommandLine(), t)
	if err != nil {
		return cliError("token create", err)
	}
	fmt.Fprintln(stdout, token)
	fmt.Fprintf(stderr, "Made token %d: %s, %s%s. It is shown only now; hand it over safely.\n", t.ID, t.Name, t.Role, binding(t))
	return nil
}

func runTokenList(ctx context.Context, args []string, env func(string) string, stdout, stderr io.Writer) error {
	cfg, rest, err := parseConfigWith("token list", args, env, stderr, nil)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usageError{"token list takes no arguments"}
	}
	db, err := openStore(ctx, cfg.DatabaseURL, cfg.logger(stderr))
	if err != nil {
		return err
	}
	defer db.Close()
	tokens, err := db.FindTokens(ctx, assistant.CommandLine().Scope())
	if err != nil {
		return cliError("token list", err)
	}
	w := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "ID\tROLE\tNAME\tFOR\tCREATED\tLAST USED\tREVOKED")
	for _, t := range tokens {
		fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\t%s\t%s\n", t.ID, t.Role, t.Name, strings.TrimPrefix(binding(t), ", "),
			day(t.CreatedAt), day(t.LastUsedAt), day(t.RevokedAt))
	}
	return w.Flush()
}

func runTokenRevoke(ctx context.Context, args []string, env func(string) string, stdout, stderr io.Writer) error {
	cfg, rest, err := parseConfigWith("token revoke", args, env, stderr, nil)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return usageError{"token revoke takes one token ID (see rooscoach token list)"}
	}
	id, err := strconv.ParseInt(rest[0], 10, 64)
	if err != nil || id <= 0 {
		return usageError{fmt.Sprintf("token revoke: %q is not a token ID; IDs are the numbers rooscoach token list shows", rest[0])}
	}
	db, err := openStore(ctx, cfg.DatabaseURL, cfg.logger(stderr))
	if err != nil {
		return err
	}
	defer db.Close()
	t, err := db.RevokeToken(ctx, assistant.CommandLine(), id)
	if err != nil {
		return cliError("token revoke", err)
	}
	fmt.Fprintf(stdout, "Revoked token %d (%s, %s). Instances that used it in the last %s may accept it until then.\n", t.ID, t.Name, t.Role, tokenCacheNote)
	return nil
}

// tokenCacheNote is how long a serving instance remembers a token (the
// API's default token cache).
const tokenCacheNote = "30 seconds"

// binding says whom or what a token is bound to, for messages.
func binding(t *assistant.Token) string {
	switch {
	case t.AgentID != "":
		return ", agent " + t.AgentID
	case len(t.TeamIDs) == 1:
		return ", team " + t.TeamIDs[0]
	case len(t.TeamIDs) > 1:
		return ", teams " + strings.Join(t.TeamIDs, ", ")
	}
	return ""
}

func day(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Format(time.DateOnly)
}

// cliError words a store error for the command line: the message a person
// can act on, and a usage error (exit status 2) for wrong input.
func cliError(what string, err error) error {
	switch assistant.ErrorCode(err) {
	case assistant.EInvalid:
		return usageError{what + ": " + assistant.ErrorMessage(err)}
	case assistant.ENotFound, assistant.EConflict, assistant.EForbidden, assistant.EUnavailable:
		return errors.New(what + ": " + assistant.ErrorMessage(err))
	}
	return fmt.Errorf("%s: %w", what, err)
}
