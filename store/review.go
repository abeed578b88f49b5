package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/lib/pq"
	"github.com/rooscoach/rooscoach/assistant"
)

// reviewRow is a row of reviews as scanned, with its call's agent and team
// and its reviewer's token name.
type reviewRow struct {
	ID              int64          `db:"id"`
	CallID          int64          `db:"call_id"`
	AgentID         string         `db:"agent_id"`
	TeamID          sql.NullString `db:"team_id"`
	ReviewerTokenID sql.NullInt64  `db:"reviewer_token_id"`
	Reviewer        sql.NullString `db:"reviewer"`
	Status          string         `db:"status"`
	Note            string         `db:"note"`
	Rating          sql.NullInt64  `db:"rating"`
	CreatedAt       time.Time      `db:"created_at"`
	UpdatedAt       time.Time      `db:"updated_at"`
	PublishedAt     sql.NullTime   `db:"published_at"`
	AcknowledgedAt  sql.NullTime   `db:"acknowledged_at"`
}

func (r *reviewRow) review() *assistant.Review {
	return &assistant.Review{
		ID: r.ID, CallID: r.CallID, AgentID: r.AgentID, TeamID: r.TeamID.String,
		ReviewerTokenID: r.ReviewerTokenID.Int64, Reviewer: r.Reviewer.String,
		Status: assistant.ReviewStatus(r.Status), Note: r.Note, Rating: int(r.Rating.Int64),
		Turns: []assistant.ReviewTurn{}, Focus: []assistant.FocusPoint{}, Disputes: []assistant.Dispute{},
		CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC(),
		PublishedAt: nullTime(r.PublishedAt), AcknowledgedAt: nullTime(r.AcknowledgedAt),
	}
}

const reviewSelect = `
		SELECT r.id, r.call_id, c.agent_id, c.team_id, r.reviewer_token_id, tk.name AS reviewer,
			r.status, r.note, r.rating, r.created_at, r.updated_at, r.published_at, r.acknowledged_at
		FROM reviews r
		JOIN calls c ON c.id = r.call_id
		LEFT JOIN tokens tk ON tk.id = r.reviewer_token_id`

// reviewVisible is the condition that keeps the reviews by may read: those
// of calls in their scope, and of those, drafts only their own (an admin
// reads every draft) unless drafts is set.
func reviewVisible(by assistant.Principal, drafts bool, p *params) string {
	scope := by.Scope()
	cond := scopeCondition(scope, "c.agent_id", "c.team_id", p)
	if !scope.All && !drafts {
		cond += " AND (r.status <> 'draft' OR r.reviewer_token_id = " + p.add(by.TokenID) + ")"
	}
	return cond
}

// findReviews reads the reviews by may read that the condition cond
// returns selects, with their turns, focus points and disputes, oldest
// first; forUpdate locks their rows.
func findReviews(ctx context.Context, q querier, by assistant.Principal, cond func(p *params) string, forUpdate bool) ([]*assistant.Review, error) {
	return findReviewsIn(ctx, q, by, false, cond, forUpdate)
}

// findReviewsIn is findReviews that, with drafts, also reads the drafts of
// others on calls in by's scope.
func findReviewsIn(ctx context.Context, q querier, by assistant.Principal, drafts bool, cond func(p *params) string, forUpdate bool) ([]*assistant.Review, error) {
	var p params
	query := reviewSelect + where([]string{cond(&p), reviewVisible(by, drafts, &p)}) + ` ORDER BY r.id`
	if forUpdate {
		query += ` FOR UPDATE OF r`
	}
	var rows []reviewRow
	if err := q.SelectContext(ctx, &rows, query, p...); err != nil {
		return nil, fmt.Errorf("read reviews: %w", err)
	}
	reviews := make([]*assistant.Review, len(rows))
	byID := make(map[int64]*assistant.Review, len(rows))
	ids := make(pq.Int64Array, len(rows))
	for i := range rows {
		reviews[i] = rows[i].review()
		byID[rows[i].ID] = reviews[i]
		ids[i] = rows[i].ID
	}
	if len(rows) == 0 {
		return reviews, nil
	}
	var turns []struct {
		ReviewID     int64          `db:"review_id"`
		TurnID       int64          `db:"turn_id"`
		Idx          int            `db:"idx"`
		Comment      string         `db:"comment"`
		Octant       sql.NullString `db:"octant"`
		EngineOctant string         `db:"engine_octant"`
	}
	if err := q.SelectContext(ctx, &turns, `
		SELECT rt.review_id, rt.turn_id, t.idx, rt.comment, rt.octant, t.octant AS engine_octant
		FROM review_turns rt
		JOIN turns t ON t.id = rt.turn_id
		WHERE rt.review_id = ANY($1)
		ORDER BY rt.review_id, t.idx`, ids); err != nil {
		return nil, fmt.Errorf("read review turns: %w", err)
	}
	for _, t := range turns {
		r := byID[t.ReviewID]
		r.Turns = append(r.Turns, assistant.ReviewTurn{
			TurnID: t.TurnID, Turn: t.Idx + 1, TurnIndex: t.Idx, Comment: t.Comment,
			Octant: assistant.Octant(t.Octant.String), EngineOctant: assistant.Octant(t.EngineOctant),
		})
	}
	var focus []struct {
		ReviewID int64         `db:"review_id"`
		Text     string        `db:"text"`
		GoalIDs  pq.Int64Array `db:"goal_ids"`
	}
	if err := q.SelectContext(ctx, &focus, `
		SELECT review_id, text, goal_ids FROM review_focus
		WHERE review_id = ANY($1)
		ORDER BY review_id, idx`, ids); err != nil {
		return nil, fmt.Errorf("read review focus: %w", err)
	}
	for _, f := range focus {
		r := byID[f.ReviewID]
		var goals []int64
		if len(f.GoalIDs) > 0 {
			goals = f.GoalIDs
		}
		r.Focus = append(r.Focus, assistant.FocusPoint{Text: f.Text, GoalIDs: goals})
	}
	var disputes []struct {
		ID         int64          `db:"id"`
		ReviewID   int64          `db:"review_id"`
		TurnID     int64          `db:"turn_id"`
		Idx        int            `db:"idx"`
		About      string         `db:"about"`
		Comment    string         `db:"comment"`
		CreatedAt  time.Time      `db:"created_at"`
		Answer     sql.NullString `db:"answer"`
		ResolvedAt sql.NullTime   `db:"resolved_at"`
		Octant     sql.NullString `db:"octant"`
	}
	if err := q.SelectContext(ctx, &disputes, `
		SELECT d.id, d.review_id, d.turn_id, t.idx, d.about, d.comment, d.created_at, d.answer, d.resolved_at, d.octant
		FROM review_disputes d
		JOIN turns t ON t.id = d.turn_id
		WHERE d.review_id = ANY($1)
		ORDER BY d.id`, ids); err != nil {
		return nil, fmt.Errorf("read review disputes: %w", err)
	}
	for _, d := range disputes {
		r := byID[d.ReviewID]
		r.Disputes = append(r.Disputes, assistant.Dispute{
			ID: d.ID, TurnID: d.TurnID, Turn: d.Idx + 1, About: assistant.DisputeAbout(d.About), Comment: d.Comment,
			CreatedAt: d.CreatedAt.UTC(), Answer: d.Answer.String, ResolvedAt: nullTime(d.ResolvedAt),
			Octant: assistant.Octant(d.Octant.String),
		})
	}
	return reviews, nil
}

// findReview reads review id if by may read it, else ENotFound; with
// drafts, also another's draft of a call in by's scope.
func findReview(ctx context.Context, q querier, by assistant.Principal, id int64, drafts, forUpdate bool) (*assistant.Review, error) {
	reviews, err := findReviewsIn(ctx, q, by, drafts, func(p *params) string { return "r.id = " + p.add(id) }, forUpdate)
	if err != nil {
		return nil, dbError(err, "find review %d", id)
	}
	if len(reviews) == 0 {
		return nil, assistant.Errorf(assistant.ENotFound, "review %d not found", id)
	}
	return reviews[0], nil
}

// FindReview returns review id with its turns, focus points and disputes,
// if by may read it: a review of a call in by's scope, and a draft only for
// its reviewer (and admins). Any other is ENotFound.
func (db *DB) FindReview(ctx context.Context, by assistant.Principal, id int64) (*assistant.Review, error) {
	return findReview(ctx, db.db, by, id, false, false)
}

// FindReviews returns the reviews of call callID that by may read, oldest
// first. A call outside by's scope is ENotFound.
func (db *DB) FindReviews(ctx context.Context, by assistant.Principal, callID int64) ([]*assistant.Review, error) {
	if err := lockCall(ctx, db.db, by.Scope(), callID, false); err != nil {
		return nil, err
	}
	reviews, err := findReviews(ctx, db.db, by, func(p *params) string { return "r.call_id = " + p.add(callID) }, false)
	if err != nil {
		return nil, dbError(err, "find reviews of call %d", callID)
	}
	return reviews, nil
}

// lockCall checks that call id is in scope, locking its row when
// forUpdate, so that the reviews of one call change one at a time.
func lockCall(ctx context.Context, q querier, scope assistant.Scope, id int64, forUpdate bool) error {
	var p params
	query := `SELECT id FROM calls` + where([]string{"id = " + p.add(id), scopeCondition(scope, "agent_id", "team_id", &p)})
	if forUpdate {
		query += ` FOR UPDATE`
	}
	var got int64
	err := q.GetContext(ctx, &got, query, p...)
	if errors.Is(err, sql.ErrNoRows) {
		return assistant.Errorf(assistant.ENotFound, "call %d not found", id)
	}
	if err != nil {
		return dbError(err, "find call %d", id)
	}
	return nil
}

// CreateReview starts by's review of call callID as a draft, recorded in
// the audit trail, and returns it. The call must be in by's scope
// (ENotFound otherwise); every turn the review names must be a turn of the
// call, and every goal its focus points link a goal of the call's agent
// (EInvalid names the first that is not); a trainer reviews a call once
// (EConflict names their review). Nothing is stored when any check fails.
func (db *DB) CreateReview(ctx context.Context, by assistant.Principal, callID int64, in assistant.ReviewInput) (*assistant.Review, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	var id int64
	err := db.inTx(ctx, fmt.Sprintf("create review of call %d", callID), func(tx querier) error {
		if err := lockCall(ctx, tx, by.Scope(), callID, true); err != nil {
			return err
		}
		if by.TokenID != 0 {
			var mine int64
			err := tx.GetContext(ctx, &mine, `SELECT id FROM reviews WHERE call_id = $1 AND reviewer_token_id = $2`, callID, by.TokenID)
			if err == nil {
				return assistant.Worded(assistant.EConflict, "review.reviewed-already", map[string]any{"Call": callID, "Review": mine},
					"You have reviewed call %d already: review %d. Change that review instead.", callID, mine)
			}
			if !errors.Is(err, sql.ErrNoRows) {
				return err
			}
		}
		if err := checkReviewTurns(ctx, tx, callID, in.Turns); err != nil {
			return err
		}
		if err := checkReviewGoals(ctx, tx, callID, in.Focus); err != nil {
			return err
		}
		if err := tx.GetContext(ctx, &id, `
			INSERT INTO reviews (call_id, reviewer_token_id, note, rating)
			VALUES ($1, $2, $3, $4)
			RETURNING id`, callID, orNull(by.TokenID), in.Note, rating(in.Rating)); err != nil {
			return fmt.Errorf("insert review: %w", err)
		}
		if err := writeReviewContent(ctx, tx, id, in); err != nil {
			return err
		}
		if err := updateCallStatus(ctx, tx, callID); err != nil {
			return err
		}
		return writeAudit(ctx, tx, by, assistant.AuditEntry{
			Action: assistant.ActionReviewCreate, Target: assistant.TargetReview, TargetID: itoa(id), CallID: callID,
		})
	})
	if err != nil {
		return nil, err
	}
	return db.FindReview(ctx, by, id)
}

// UpdateReview replaces the content of draft id with in, recorded in the
// audit trail. Only the reviewer changes a review, and only a draft
// (EForbidden, EConflict); drafts of others read as ENotFound. The turns
// and goals are checked as CreateReview checks them, and a draft that
// fails a check stays as it was.
func (db *DB) UpdateReview(ctx context.Context, by assistant.Principal, id int64, in assistant.ReviewInput) (*assistant.Review, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	return db.changeReview(ctx, by, id, assistant.StepEdit, func(tx querier, r *assistant.Review, _ assistant.ReviewStatus) (assistant.AuditEntry, error) {
		if err := checkReviewTurns(ctx, tx, r.CallID, in.Turns); err != nil {
			return assistant.AuditEntry{}, err
		}
		if err := checkReviewGoals(ctx, tx, r.CallID, in.Focus); err != nil {
			return assistant.AuditEntry{}, err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE reviews SET note = $2, rating = $3, updated_at = now() WHERE id = $1`, id, in.Note, rating(in.Rating)); err != nil {
			return assistant.AuditEntry{}, fmt.Errorf("update review: %w", err)
		}
		for _, table := range []string{"review_turns", "review_focus"} {
			if _, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE review_id = $1`, id); err != nil {
				return assistant.AuditEntry{}, fmt.Errorf("clear %s: %w", table, err)
			}
		}
		if err := writeReviewContent(ctx, tx, id, in); err != nil {
			return assistant.AuditEntry{}, err
		}
		return assistant.AuditEntry{Action: assistant.ActionReviewUpdate}, nil
	})
}

// PublishReview publishes draft id, for the call's agent to read, recorded
// in the audit trail. Only the reviewer publishes, and a review needs a
// rating first (EInvalid).
func (db *DB) PublishReview(ctx context.Context, by assistant.Principal, id int64) (*assistant.Review, error) {
	return db.changeReview(ctx, by, id, assistant.StepPublish, func(tx querier, r *assistant.Review, next assistant.ReviewStatus) (assistant.AuditEntry, error) {
		if _, err := tx.ExecContext(ctx, `
			UPDATE reviews SET status = $2, published_at = now(), updated_at = now()
			WHERE id = $1`, id, next); err != nil {
			return assistant.AuditEntry{}, fmt.Errorf("publish review: %w", err)
		}
		return assistant.AuditEntry{Action: assistant.ActionReviewPublish}, nil
	})
}

// AcknowledgeReview records that the call's agent accepts published review
// id. Only that agent acknowledges, and not while a dispute is open.
func (db *DB) AcknowledgeReview(ctx context.Context, by assistant.Principal, id int64) (*assistant.Review, error) {
	return db.changeReview(ctx, by, id, assistant.StepAcknowledge, func(tx querier, r *assistant.Review, next assistant.ReviewStatus) (assistant.AuditEntry, error) {
		if _, err := tx.ExecContext(ctx, `
			UPDATE reviews SET status = $2, acknowledged_at = now(), updated_at = now()
			WHERE id = $1`, id, next); err != nil {
			return assistant.AuditEntry{}, fmt.Errorf("acknowledge review: %w", err)
		}
		return assistant.AuditEntry{Action: assistant.ActionReviewAcknowledge}, nil
	})
}

// DisputeReview records the call's agent's objection to a label or comment
// of published review id. What is disputed must be in the review (EInvalid
// otherwise).
func (db *DB) DisputeReview(ctx context.Context, by assistant.Principal, id int64, in assistant.DisputeInput) (*assistant.Review, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	return db.changeReview(ctx, by, id, assistant.StepDispute, func(tx querier, r *assistant.Review, next assistant.ReviewStatus) (assistant.AuditEntry, error) {
		if err := r.CheckDispute(in); err != nil {
			return assistant.AuditEntry{}, err
		}
		var disputeID int64
		if err := tx.GetContext(ctx, &disputeID, `
			INSERT INTO review_disputes (review_id, turn_id, about, comment)
			VALUES ($1, $2, $3, $4)
			RETURNING id`, id, in.TurnID, in.About, in.Comment); err != nil {
			return assistant.AuditEntry{}, disputeInsertError(err, r, in)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE reviews SET status = $2, updated_at = now() WHERE id = $1`, id, next); err != nil {
			return assistant.AuditEntry{}, fmt.Errorf("mark review disputed: %w", err)
		}
		return assistant.AuditEntry{
			Action: assistant.ActionDisputeCreate, Target: assistant.TargetDispute, TargetID: itoa(disputeID),
			Detail: fmt.Sprintf("%s of turn %d", in.About, r.Turn(in.TurnID).TurnIndex+1),
		}, nil
	})
}

// ResolveDispute records a trainer's answer to dispute disputeID of review
// id, changing the trainer's label when in.Octant is set (the engine's label
// never changes). When no dispute stays open the review is published again,
// for the agent to acknowledge.
func (db *DB) ResolveDispute(ctx context.Context, by assistant.Principal, id, disputeID int64, in assistant.ResolveInput) (*assistant.Review, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	var d *assistant.Dispute
	check := func(r *assistant.Review) error {
		for i := range r.Disputes {
			if r.Disputes[i].ID == disputeID {
				d = &r.Disputes[i]
			}
		}
		switch {
		case d == nil:
			return assistant.Errorf(assistant.ENotFound, "dispute %d of review %d not found", disputeID, id)
		case !d.Open():
			return assistant.Worded(assistant.EConflict, "dispute.resolved", map[string]any{"Dispute": disputeID}, "Dispute %d was resolved already.", disputeID)
		case in.Octant != "" && d.About != assistant.DisputeLabel:
			return assistant.Errorf(assistant.EInvalid, "Dispute %d is about a comment; an octant answers a label dispute only.", disputeID)
		}
		return nil
	}
	return db.checkAndChangeReview(ctx, by, id, assistant.StepResolve, check, func(tx querier, r *assistant.Review, next assistant.ReviewStatus) (assistant.AuditEntry, error) {
		detail := "kept"
		if in.Octant != "" {
			old := r.Turn(d.TurnID).Octant
			detail = fmt.Sprintf("label of turn %d %s → %s", d.Turn, old, in.Octant)
			if _, err := tx.ExecContext(ctx, `UPDATE review_turns SET octant = $3 WHERE review_id = $1 AND turn_id = $2`, id, d.TurnID, in.Octant); err != nil {
				return assistant.AuditEntry{}, fmt.Errorf("change label: %w", err)
			}
		}
		if _, err := tx.ExecContext(ctx, `
			UPDATE review_disputes SET answer = $2, resolved_at = now(), octant = $3
			WHERE id = $1`, disputeID, in.Answer, orNull(in.Octant)); err != nil {
			return assistant.AuditEntry{}, fmt.Errorf("resolve dispute: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE reviews SET status = $2, updated_at = now() WHERE id = $1`, id, next); err != nil {
			return assistant.AuditEntry{}, fmt.Errorf("update review status: %w", err)
		}
		return assistant.AuditEntry{
			Action: assistant.ActionDisputeResolve, Target: assistant.TargetDispute, TargetID: itoa(disputeID), Detail: detail,
		}, nil
	})
}

// changeReview takes step on review id in one transaction: it locks the
// review (which by must be able to read), asks the workflow whether by may
// take the step and what the review's state becomes, lets apply write the
// change, brings the call's review status up to date and records the audit
// entry apply returns (target, ids and the state change filled in when
// apply leaves them empty). It returns the review as it is afterwards.
func (db *DB) changeReview(ctx context.Context, by assistant.Principal, id int64, step assistant.ReviewStep,
	apply func(tx querier, r *assistant.Review, next assistant.ReviewStatus) (assistant.AuditEntry, error)) (*assistant.Review, error) {
	return db.checkAndChangeReview(ctx, by, id, step, nil, apply)
}

// checkAndChangeReview is changeReview with a check of the locked review
// before the workflow's, for errors about what the step names (a dispute
// that is not there) that should win over the review's state.
func (db *DB) checkAndChangeReview(ctx context.Context, by assistant.Principal, id int64, step assistant.ReviewStep,
	check func(r *assistant.Review) error,
	apply func(tx querier, r *assistant.Review, next assistant.ReviewStatus) (assistant.AuditEntry, error)) (*assistant.Review, error) {
	// For an agent a draft does not exist: acknowledging or disputing one
	// is ENotFound, as reading it is, so that no answer tells it is there.
	// Anyone else who may see the draft learns why it cannot take the
	// step: it is not published yet (EConflict).
	drafts := (step == assistant.StepAcknowledge || step == assistant.StepDispute) && by.Role != assistant.RoleAgent
	err := db.inTx(ctx, fmt.Sprintf("%s review %d", step, id), func(tx querier) error {
		r, err := findReview(ctx, tx, by, id, drafts, true)
		if err != nil {
			return err
		}
		if check != nil {
			if err := check(r); err != nil {
				return err
			}
		}
		next, err := r.Permit(by, step)
		if err != nil {
			return err
		}
		e, err := apply(tx, r, next)
		if err != nil {
			return err
		}
		if err := updateCallStatus(ctx, tx, r.CallID); err != nil {
			return err
		}
		if e.Target == "" {
			e.Target, e.TargetID = assistant.TargetReview, itoa(id)
		}
		e.CallID = r.CallID
		if next != r.Status {
			state := string(r.Status) + " → " + string(next)
			if e.Detail != "" {
				state = e.Detail + "; " + state
			}
			e.Detail = state
		}
		return writeAudit(ctx, tx, by, e)
	})
	if err != nil {
		return nil, err
	}
	return db.FindReview(ctx, by, id)
}

// inTx runs fn in a transaction, committing when it returns nil. Errors
// are coded as dbError codes them, with what for context.
func (db *DB) inTx(ctx context.Context, what string, fn func(tx querier) error) error {
	tx, err := db.db.BeginTxx(ctx, nil)
	if err != nil {
		return dbError(err, "%s", what)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return dbError(err, "%s", what)
	}
	if err := tx.Commit(); err != nil {
		return dbError(err, "%s", what)
	}
	return nil
}

// checkReviewTurns checks that every turn of turns is a turn of call
// callID, naming the first that is not.
func checkReviewTurns(ctx context.Context, q querier, callID int64, turns []assistant.ReviewTurnInput) error {
	if len(turns) == 0 {
		return nil
	}
	ids := make(pq.Int64Array, len(turns))
	for i, t := range turns {
		ids[i] = t.TurnID
	}
	var found []int64
	if err := q.SelectContext(ctx, &found, `SELECT id FROM turns WHERE call_id = $1 AND id = ANY($2)`, callID, ids); err != nil {
		return fmt.Errorf("check turns: %w", err)
	}
	ok := make(map[int64]bool, len(found))
	for _, id := range found {
		ok[id] = true
	}
	for i, t := range turns {
		if !ok[t.TurnID] {
			return assistant.Errorf(assistant.EInvalid, "turns[%d].turn_id %d is not a turn of call %d; review the turns of this call (its turns[].id).", i, t.TurnID, callID)
		}
	}
	return nil
}

// checkReviewGoals checks that every goal the focus points link is a goal
// of the agent of call callID, naming the first that is not. A goal that
// does not exist and one of another agent (also one outside the reviewer's
// scope) get the same words, so that the answer tells nobody which goal
// ids exist elsewhere; the call is in the reviewer's scope, and so are its
// agent's goals.
func checkReviewGoals(ctx context.Context, q querier, callID int64, focus []assistant.FocusPoint) error {
	var ids pq.Int64Array
	for _, f := range focus {
		ids = append(ids, f.GoalIDs...)
	}
	if len(ids) == 0 {
		return nil
	}
	var rows []struct {
		AgentID string        `db:"agent_id"`
		GoalID  sql.NullInt64 `db:"goal_id"`
	}
	if err := q.SelectContext(ctx, &rows, `
		SELECT c.agent_id, g.id AS goal_id
		FROM calls c
		LEFT JOIN goals g ON g.agent_id = c.agent_id AND g.id = ANY($2)
		WHERE c.id = $1`, callID, ids); err != nil {
		return fmt.Errorf("check goals: %w", err)
	}
	if len(rows) == 0 {
		return assistant.Errorf(assistant.ENotFound, "call %d not found", callID)
	}
	agent := rows[0].AgentID
	ok := make(map[int64]bool, len(rows))
	for _, r := range rows {
		if r.GoalID.Valid {
			ok[r.GoalID.Int64] = true
		}
	}
	for i, f := range focus {
		for j, g := range f.GoalIDs {
			if !ok[g] {
				return assistant.Errorf(assistant.EInvalid, "focus[%d].goal_ids[%d] %d is not a goal of agent %s, whose call this is; link the agent's own goals (GET /v1/agents/%s/goals).", i, j, g, agent, agent)
			}
		}
	}
	return nil
}

// writeReviewContent inserts the turns and focus points of review id.
func writeReviewContent(ctx context.Context, q querier, id int64, in assistant.ReviewInput) error {
	turns := newBulkInsert("review_turns", "review_id bigint", "turn_id bigint", "comment text", "octant text")
	for _, t := range in.Turns {
		turns.add(id, t.TurnID, t.Comment, orNull(t.Octant))
	}
	if err := turns.exec(ctx, q); err != nil {
		return err
	}
	// Focus points carry an array each, which the one-parameter-per-column
	// bulk insert cannot nest; a review has a handful of them.
	for i, f := range in.Focus {
		if _, err := q.ExecContext(ctx, `
			INSERT INTO review_focus (review_id, idx, text, goal_ids)
			VALUES ($1, $2, $3, $4)`, id, i, f.Text, pq.Int64Array(nonNil(f.GoalIDs))); err != nil {
			return fmt.Errorf("insert focus point %d: %w", i, err)
		}
	}
	return nil
}

// updateCallStatus sets the review status of call callID from its
// reviews.
func updateCallStatus(ctx context.Context, q querier, callID int64) error {
	var statuses []assistant.ReviewStatus
	if err := q.SelectContext(ctx, &statuses, `SELECT status FROM reviews WHERE call_id = $1`, callID); err != nil {
		return fmt.Errorf("read review states: %w", err)
	}
	if _, err := q.ExecContext(ctx, `
		UPDATE calls SET review_status = $2
		WHERE id = $1 AND review_status <> $2`, callID, assistant.StatusOfCall(statuses)); err != nil {
		return fmt.Errorf("update review status of call %d: %w", callID, err)
	}
	return nil
}

// rating is the column value of an optional rating.
func rating(r *int) any {
	if r == nil {
		return nil
	}
	return *r
}

// FindTrainerLabels returns the trainers' octants of the turns of calls in
// scope that f selects, from reviews that are published (drafts do not
// count), each beside the engine's octant for the turn, by turn and review.
func (db *DB) FindTrainerLabels(ctx context.Context, scope assistant.Scope, f assistant.CalibrationFilter) ([]assistant.TrainerLabel, error) {
	var p params
	conds := []string{
		"rt.octant IS NOT NULL",
		"r.status <> 'draft'",
		scopeCondition(scope, "c.agent_id", "c.team_id", &p),
	}
	if f.TeamID != "" {
		conds = append(conds, "c.team_id = "+p.add(f.TeamID))
	}
	if !f.From.IsZero() {
		conds = append(conds, "c.occurred_at >= "+p.add(f.From))
	}
	if !f.To.IsZero() {
		conds = append(conds, "c.occurred_at < "+p.add(f.To))
	}
	var rows []struct {
		CallID          int64  `db:"call_id"`
		TurnID          int64  `db:"turn_id"`
		ReviewID        int64  `db:"review_id"`
		ReviewerTokenID int64  `db:"reviewer_token_id"`
		Engine          string `db:"engine"`
		Trainer         string `db:"trainer"`
	}
	query := `
		SELECT r.call_id, rt.turn_id, r.id AS review_id, COALESCE(r.reviewer_token_id, 0) AS reviewer_token_id,
			t.octant AS engine, rt.octant AS trainer
		FROM review_turns rt
		JOIN reviews r ON r.id = rt.review_id
		JOIN calls c ON c.id = r.call_id
		JOIN turns t ON t.id = rt.turn_id` + where(conds) + `
		ORDER BY rt.turn_id, r.id`
	if err := db.db.SelectContext(ctx, &rows, query, p...); err != nil {
		return nil, dbError(err, "read trainer labels")
	}
	labels := make([]assistant.TrainerLabel, len(rows))
	for i, r := range rows {
		labels[i] = assistant.TrainerLabel{
			CallID: r.CallID, TurnID: r.TurnID, ReviewID: r.ReviewID, ReviewerTokenID: r.ReviewerTokenID,
			Engine: assistant.Octant(r.Engine), Trainer: assistant.Octant(r.Trainer),
		}
	}
	return labels, nil
}
