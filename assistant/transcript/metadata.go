package transcript

import "strings"

// metadataLabels are the "Label:" lines that meeting tools and subtitle
// exports write about a recording rather than as part of it ("Meeting
// title: …", "Hosted by: …", "Datum: …"). They are not speech and belong to
// no speaker's turn. "Host" alone is left out: in podcasts and some
// meetings it is a speaker.
var metadataLabels = wordSetLines(`meeting title
meeting name
meeting date
meeting id
meeting time
title
subject
topic
hosted by
organized by
organised by
organizer
organiser
recorded by
recorded on
recorded at
recording date
date
time
duration
attendees
participants
location
transcript
transcribed by
created
created by
language
vergadering
vergadertitel
titel
onderwerp
georganiseerd door
gehost door
organisator
opgenomen door
opgenomen op
datum
tijd
duur
deelnemers
aanwezigen
locatie
transcriptie
taal
aangemaakt
aangemaakt door`)

func wordSetLines(s string) map[string]struct{} {
	m := map[string]struct{}{}
	for _, l := range strings.Split(s, "\n") {
		m[strings.TrimSpace(l)] = struct{}{}
	}
	return m
}

// isMetadataLine reports whether line is "Label: value" with a label of
// metadataLabels, in any case.
func isMetadataLine(line string) bool {
	label, _, ok := strings.Cut(line, ":")
	if !ok {
		return false
	}
	_, meta := metadataLabels[strings.ToLower(strings.Join(strings.Fields(label), " "))]
	return meta
}
