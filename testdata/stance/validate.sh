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
