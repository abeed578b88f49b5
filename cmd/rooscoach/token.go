package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/rooscoach/rooscoach/assistant"
)

const tokenUsage = `Usage:
  rooscoach token create --role ROLE --name NAME [--team TEAM]... [--create-teams] [--agent AGENT_ID]
  rooscoach token list
  rooscoach token revoke [--force] ID

create prints the new token on standard output, the only time it is shown.
Roles: agent (--agent, their id in the dialler), trainer (one or more --team),
lead (one --team), admin. A team must exist; --create-teams makes those that
do not. revoke refuses the last admin token that works unless --force.
Whoever can reach the database acts as an admin here.
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
	var createTeams bool
	cfg, rest, err := parseConfigWith("token create", args, env, stderr, func(fs *flag.FlagSet) {
		fs.StringVar(&role, "role", "", "agent, trainer, lead or admin")
		fs.StringVar(&name, "name", "", "whose token it is, such as the person's name")
		fs.Var(&teams, "team", "a team of a trainer (repeat for more) or the team of a lead")
		fs.StringVar(&agent, "agent", "", "for an agent token: the agent's id in the dialler or platform")
		fs.BoolVar(&createTeams, "create-teams", false, "make the teams --team names that do not exist yet")
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
	// A token the store would refuse (no name, a role that takes no
	// teams) must not leave the teams it named behind.
	if err := t.Validate(); err != nil {
		return cliError("token create", err)
	}
	if createTeams {
		for _, id := range teams {
			if _, err := db.FindTeamByID(ctx, assistant.CommandLine().Scope(), id); assistant.ErrorCode(err) != assistant.ENotFound {
				if err != nil {
					return cliError("token create", err)
				}
				continue
			}
			if err := db.CreateTeam(ctx, assistant.CommandLine(), &assistant.Team{ID: id}); err != nil {
				return cliError("token create", err)
			}
			fmt.Fprintf(stderr, "Made team %s.\n", id)
		}
	}
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
	var force bool
	cfg, rest, err := parseConfigWith("token revoke", args, env, stderr, func(fs *flag.FlagSet) {
		fs.BoolVar(&force, "force", false, "revoke the last admin token that works too")
	})
	if err != nil {
		return err
	}
	// The flag package stops at the ID; --force after it counts as well.
	if i := slices.IndexFunc(rest, func(a string) bool { return a == "--force" || a == "-force" }); i >= 0 {
		force, rest = true, slices.Delete(rest, i, i+1)
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
	revoke := db.RevokeToken
	if force {
		revoke = db.RevokeTokenAnyway
	}
	t, err := revoke(ctx, assistant.CommandLine(), id)
	if assistant.ErrorCode(err) == assistant.EConflict {
		return errors.New("token revoke: " + assistant.ErrorMessage(err) + " Or, to revoke it all the same, run rooscoach token revoke --force " + rest[0] + ".")
	}
	if err != nil {
		return cliError("token revoke", err)
	}
	if force && t.Role == assistant.RoleAdmin {
		if n, err := workingAdmins(ctx, db); err == nil && n == 0 {
			fmt.Fprintln(stderr, "Warning: no admin token works now; make one with rooscoach token create --role admin.")
		}
	}
	fmt.Fprintf(stdout, "Revoked token %d (%s, %s). Instances that used it in the last %s may accept it until then.\n", t.ID, t.Name, t.Role, tokenCacheNote)
	return nil
}

// workingAdmins counts the admin tokens that are not revoked.
func workingAdmins(ctx context.Context, db interface {
	FindTokens(context.Context, assistant.Scope) ([]*assistant.Token, error)
}) (int, error) {
	tokens, err := db.FindTokens(ctx, assistant.CommandLine().Scope())
	if err != nil {
		return 0, err
	}
	n := 0
	for _, t := range tokens {
		if t.Role == assistant.RoleAdmin && !t.Revoked() {
			n++
		}
	}
	return n, nil
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
