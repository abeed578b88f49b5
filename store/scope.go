package store

import (
	"strconv"
	"strings"

	"github.com/lib/pq"
	"github.com/rooscoach/rooscoach/assistant"
)

// params collects the arguments of a query built piece by piece.
type params []any

// add appends v and returns its placeholder.
func (p *params) add(v any) string {
	*p = append(*p, v)
	return "$" + strconv.Itoa(len(*p))
}

// scopeCondition returns the SQL condition that keeps the rows scope may
// read, given the columns that hold a row's agent id and team id. The
// condition goes into the query itself, so that another agent's record is
// never read, rather than read and then hidden; a zero scope reads nothing.
func scopeCondition(s assistant.Scope, agentCol, teamCol string, p *params) string {
	switch {
	case s.All:
		return "true"
	case s.AgentID != "":
		return agentCol + " = " + p.add(s.AgentID)
	case len(s.TeamIDs) > 0:
		return teamCol + " = ANY(" + p.add(pq.StringArray(s.TeamIDs)) + ")"
	}
	return "false"
}

// where joins conditions into a WHERE clause, or "" for none.
func where(conds []string) string {
	if len(conds) == 0 {
		return ""
	}
	return "\n\t\tWHERE " + strings.Join(conds, " AND ")
}
