#!/bin/sh
# Validates the stance TSVs: field count, octant within quadrant, no duplicate texts, counts.
set -e
# Run from anywhere: sh testdata/stance/validate.sh
cd "$(dirname "$0")"
awk -F'\t' '
BEGIN{q["leading"]=q["helping"]="above-together";q["cooperating"]=q["dependent"]="below-together";
      q["withdrawn"]=q["defiant"]="below-opposed";q["aggressive"]=q["competitive"]="above-opposed"}
FNR==1{ if($0!="lang\tquadrant\ttext\toctant\tspeaker"){print FILENAME": bad header"; bad=1}; next}
{ if(NF!=5){print FILENAME":"FNR": "NF" fields"; bad=1}
  if($1!="nl"&&$1!="en"){print FILENAME":"FNR": bad lang"; bad=1}
  if(q[$4]!=$2){print FILENAME":"FNR": octant "$4" not in "$2; bad=1}
  if($5!="agent"&&$5!="customer"){print FILENAME":"FNR": bad speaker"; bad=1}
  t=tolower($3); if(t in seen){print FILENAME":"FNR": duplicate of "seen[t]; bad=1}; seen[t]=FILENAME":"FNR
  n[FILENAME" "$5" "$1" "$2]++; o[FILENAME" "$5" "$1" "$4]++; tot[FILENAME" "$5" "$1]++ }
END{ for(k in tot) print "TOTAL", k, tot[k]; for(k in n) print "Q", k, n[k]; for(k in o) print "O", k, o[k]; exit bad }' dev.tsv test.tsv | sort

# The speaker-aware sets of issue 14 (train_v2/, dev_v2/, test_v2/, extra_v2/: lang, quadrant, text, octant, speaker,
# previous, kind). Their checks are Go tests, so that `go test ./assistant/stance` runs them too:
# format, labels against the rose and kinds.tsv, volume and balance, and no text repeated across
# any stance file (held-out files included, reported by location only).
(cd ../.. && go test ./assistant/stance -run '^TestStance(DataV2|TextsUnique)$' -count=1)
# Counts for the README: per language x speaker x quadrant, and per kind x speaker.
awk -F'\t' '
FNR==1{next}
{ split(FILENAME, p, "/"); s=p[1]; f[s]++; t[$1]++
  q[$1" "$5" "$2]++; qs[$1" "$5]++; k[$1" "$7" "$5]++; kinds[$7]=1 }
END{ for(x in f) printf "V2 FILES %s %d\n", x, f[x]
     for(l in t) printf "V2 TOTAL %s %d\n", l, t[l]
     for(x in qs) { split(x, a, " "); printf "V2 Q %s %s", a[1], a[2]
       n=split("above-together below-together below-opposed above-opposed", qq, " ")
       for(i=1;i<=n;i++) printf " %s=%d", qq[i], q[x" "qq[i]]; printf " total=%d\n", qs[x] }
     for(kk in kinds) printf "V2 K %s nl-agent=%d nl-customer=%d en-agent=%d en-customer=%d\n", kk,
       k["nl "kk" agent"], k["nl "kk" customer"], k["en "kk" agent"], k["en "kk" customer"] }' \
  train_v2/*.tsv dev_v2/*.tsv test_v2/*.tsv extra_v2/*.tsv extra_v3/*.tsv | sort
