package assistant

import "math"

// Octant is one of the eight segments of Leary's rose. Its value is the stable
// identifier used in the API and the database.
type Octant string

// The octants, counter-clockwise from the together pole (affiliation +1).
// Centre angles are measured as atan2(dominance, affiliation) in degrees.
const (
	Helping     Octant = "helping"     // 22.5°, helpend
	Leading     Octant = "leading"     // 67.5°, leidend
	Competitive Octant = "competitive" // 112.5°, concurrerend
	Aggressive  Octant = "aggressive"  // 157.5°, aanvallend
	Defiant     Octant = "defiant"     // -157.5°, opstandig
	Withdrawn   Octant = "withdrawn"   // -112.5°, teruggetrokken
	Dependent   Octant = "dependent"   // -67.5°, volgend
	Cooperating Octant = "cooperating" // -22.5°, meewerkend
)

// Octants lists the eight octants counter-clockwise starting at helping.
var Octants = []Octant{Helping, Leading, Competitive, Aggressive, Defiant, Withdrawn, Dependent, Cooperating}

// Quadrant is one of the four quadrants of Leary's rose.
type Quadrant string

// The quadrants. AboveTogether is where good collectors lead from.
const (
	AboveTogether Quadrant = "above-together" // boven-samen
	BelowTogether Quadrant = "below-together" // onder-samen
	BelowOpposed  Quadrant = "below-opposed"  // onder-tegen
	AboveOpposed  Quadrant = "above-opposed"  // boven-tegen
)

// Quadrants lists the four quadrants, the target first.
var Quadrants = []Quadrant{AboveTogether, BelowTogether, BelowOpposed, AboveOpposed}

// TargetQuadrant is where coaching steers agents: leading, but together.
const TargetQuadrant = AboveTogether

var octantInfo = map[Octant]struct {
	dutch    string
	centre   float64
	quadrant Quadrant
}{
	Helping:     {"helpend", 22.5, AboveTogether},
	Leading:     {"leidend", 67.5, AboveTogether},
	Competitive: {"concurrerend", 112.5, AboveOpposed},
	Aggressive:  {"aanvallend", 157.5, AboveOpposed},
	Defiant:     {"opstandig", -157.5, BelowOpposed},
	Withdrawn:   {"teruggetrokken", -112.5, BelowOpposed},
	Dependent:   {"volgend", -67.5, BelowTogether},
	Cooperating: {"meewerkend", -22.5, BelowTogether},
}

var quadrantDutch = map[Quadrant]string{
	AboveTogether: "boven-samen",
	BelowTogether: "onder-samen",
	BelowOpposed:  "onder-tegen",
	AboveOpposed:  "boven-tegen",
}

// Valid reports whether o is one of the eight octants.
func (o Octant) Valid() bool { _, ok := octantInfo[o]; return ok }

// Quadrant returns the quadrant that holds o.
func (o Octant) Quadrant() Quadrant { return octantInfo[o].quadrant }

// Dutch returns the Dutch label trainers know, such as "leidend".
func (o Octant) Dutch() string { return octantInfo[o].dutch }

// CentreAngle returns the angle of the octant's centre in degrees.
func (o Octant) CentreAngle() float64 { return octantInfo[o].centre }

// Valid reports whether q is one of the four quadrants.
func (q Quadrant) Valid() bool { _, ok := quadrantDutch[q]; return ok }

// Dutch returns the Dutch label, such as "boven-samen".
func (q Quadrant) Dutch() string { return quadrantDutch[q] }

// Above reports whether q sits on the dominant half of the rose.
func (q Quadrant) Above() bool { return q == AboveTogether || q == AboveOpposed }

// Together reports whether q sits on the affiliative half of the rose.
func (q Quadrant) Together() bool { return q == AboveTogether || q == BelowTogether }

// OctantAt returns the octant for a point on the rose. The angle
// atan2(dominance, affiliation) alone decides it, so that coordinates and
// octant can never disagree. Boundaries belong to the octant counter-clockwise
// of them; the origin counts as helping and callers should report such a turn
// with low confidence.
func OctantAt(dominance, affiliation float64) Octant {
	deg := math.Atan2(dominance, affiliation) * 180 / math.Pi
	if deg < 0 {
		deg += 360
	}
	i := int(deg / 45)
	if i >= len(Octants) {
		i = 0
	}
	return Octants[i]
}
