// Package assistant holds the vocabulary of rooscoach: calls and turns, the
// Leary-rose stance of a turn, phrasing findings, payment arrangements, money,
// coded errors and the engine interfaces that the analysis packages implement.
//
// It imports no other rooscoach package. The analysis packages below it
// (transcript, stance, phrasing, arrangement) are pure algorithms over these
// types; the api package and the store package adapt them to HTTP and SQL.
package assistant
