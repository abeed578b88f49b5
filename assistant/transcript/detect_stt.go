package transcript

import (
	"bytes"
	"encoding/json"
)

// detectSpeechService names the reader for the JSON of a speech-to-text
// service from its top-level keys, or "" when it is none of them. Several
// services share key names ("results", "words", "transcripts"), so the
// shape under the key decides.
func detectSpeechService(top map[string]json.RawMessage) string {
	has := func(k string) bool { return top[k] != nil }
	switch {
	case has("monologues"):
		return "revai"
	case has("recognizedPhrases") || has("combinedRecognizedPhrases"):
		return "azure"
	case has("transcription") && (has("result") || has("systeminfo") || has("params") || firstByte(top["transcription"]) == '['):
		return "whispercpp"
	case has("words") && elevenWords(top["words"]):
		return "elevenlabs"
	case has("transcripts") && elevenChannels(top["transcripts"]):
		return "elevenlabs"
	case has("utterances") && !has("results"):
		return "assemblyai"
	case has("words") && (has("audio_duration") || has("audio_url") || has("acoustic_model") || has("speech_model") || has("status")):
		return "assemblyai"
	case has("results"):
		return detectResults(top)
	case has("response") && bytes.Contains(top["response"], []byte(`"results"`)):
		return "googlestt"
	}
	return ""
}

// detectResults tells apart the services whose output sits under
// "results": an object for Amazon Transcribe and Deepgram, a list for
// Speechmatics (words with a type and times) and Google (results with
// alternatives).
func detectResults(top map[string]json.RawMessage) string {
	raw := top["results"]
	switch firstByte(raw) {
	case '{':
		var r map[string]json.RawMessage
		if json.Unmarshal(raw, &r) != nil {
			return ""
		}
		switch {
		case r["channels"] != nil || r["utterances"] != nil:
			return "deepgram"
		case r["transcripts"] != nil || r["items"] != nil || r["speaker_labels"] != nil || r["channel_labels"] != nil || r["audio_segments"] != nil:
			return "transcribe"
		}
	case '[':
		var rs []map[string]json.RawMessage
		if json.Unmarshal(raw, &rs) != nil {
			return ""
		}
		for _, r := range rs {
			switch {
			case r["type"] != nil || r["start_time"] != nil:
				return "speechmatics"
			case r["alternatives"] != nil || r["channelTag"] != nil || r["resultEndTime"] != nil || r["resultEndOffset"] != nil:
				return "googlestt"
			}
		}
		if top["job"] != nil || top["format"] != nil {
			return "speechmatics"
		}
	}
	return ""
}

// elevenWords reports whether words are ElevenLabs tokens, which carry a
// type ("word", "spacing") or a speaker_id.
func elevenWords(raw json.RawMessage) bool {
	var ws []map[string]json.RawMessage
	if json.Unmarshal(raw, &ws) != nil || len(ws) == 0 {
		return false
	}
	return ws[0]["type"] != nil || ws[0]["speaker_id"] != nil
}

// elevenChannels reports whether transcripts is ElevenLabs' multichannel
// list, not Genesys' (whose transcripts hold phrases).
func elevenChannels(raw json.RawMessage) bool {
	var ts []map[string]json.RawMessage
	if json.Unmarshal(raw, &ts) != nil || len(ts) == 0 {
		return false
	}
	return ts[0]["channel_index"] != nil || ts[0]["words"] != nil && ts[0]["phrases"] == nil
}

func firstByte(raw json.RawMessage) byte {
	b := bytes.TrimSpace(raw)
	if len(b) == 0 {
		return 0
	}
	return b[0]
}
